using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// The ways people name a document, as folded word sequences → document number. Built from the guides' alias
/// lines and from names derived from each document's number and kind ("nghị định 56", "nđ 56", "nd 56/2017",
/// "thông tư 28/2019", "tt 28", "luật trẻ em", "lte"). A name that would fit two documents is left out.
/// </summary>
public sealed class DocumentAliasTable
{
    private static readonly Dictionary<string, string[]> KindNames = new(StringComparer.Ordinal)
    {
        ["luat"] = ["luat", "l"],
        ["bo luat"] = ["bo luat", "bl"],
        ["nghi dinh"] = ["nghi dinh", "nd"],
        ["thong tu"] = ["thong tu", "tt"],
        ["thong tu lien tich"] = ["thong tu lien tich", "ttlt"],
        ["quyet dinh"] = ["quyet dinh", "qd"],
        ["chi thi"] = ["chi thi", "ct"],
        ["nghi quyet"] = ["nghi quyet", "nq"],
        ["ke hoach"] = ["ke hoach", "kh"],
    };

    /// <summary>Folded words that name a kind of document; used to tell "luật trẻ em" from "luật hôn nhân".</summary>
    public static IReadOnlyList<string[]> KindWords { get; } =
        KindNames.Values.SelectMany(v => v).Where(v => v.Length > 2).Distinct().Select(v => v.Split(' ')).ToList();

    private readonly List<(string[] Words, string Doc)> _aliases;

    public DocumentAliasTable(IEnumerable<(string Alias, string Doc)> aliases)
    {
        var byAlias = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (alias, doc) in aliases)
        {
            var words = string.Join(' ', VietnameseText.Words(VietnameseText.Fold(alias)));
            if (words.Length == 0) continue;
            if (!byAlias.TryGetValue(words, out var docs)) byAlias[words] = docs = new HashSet<string>(StringComparer.Ordinal);
            docs.Add(doc);
        }
        _aliases = byAlias.Where(kv => kv.Value.Count == 1)
            .Select(kv => (kv.Key.Split(' '), kv.Value.First()))
            .OrderByDescending(a => a.Item1.Length)
            .ToList();
        Count = _aliases.Count;
    }

    public int Count { get; }

    /// <summary>The document of type "Luật" when exactly one is loaded: what "khoản 2 điều 6" refers to.</summary>
    public string? DefaultDocument { get; private init; }

    /// <summary>The longest alias found in <paramref name="foldedWords"/>, with where it starts and its length.</summary>
    public (string Doc, int Start, int Length)? Find(IReadOnlyList<string> foldedWords)
    {
        (string, int, int)? best = null;
        foreach (var (words, doc) in _aliases)
        {
            if (best is { } b && b.Item3 >= words.Length) break;
            for (var i = 0; i + words.Length <= foldedWords.Count; i++)
            {
                var ok = true;
                for (var j = 0; j < words.Length && ok; j++) ok = foldedWords[i + j] == words[j];
                if (!ok) continue;
                best = (doc, i, words.Length);
                break;
            }
        }
        return best;
    }

    public static DocumentAliasTable Build(KnowledgeSnapshot snapshot)
    {
        var aliases = new List<(string, string)>();
        var laws = new HashSet<string>(StringComparer.Ordinal);
        var docs = snapshot.Documents.Select(d => (d.Number, Kind: KindOf(d.Title), Name: NameOf(d.Title), Guide: snapshot.Guides.FirstOrDefault(g => DocumentNumber.Same(g.Doc, d.Number))))
            .Concat(snapshot.Guides.Where(g => !snapshot.Documents.Any(d => DocumentNumber.Same(d.Number, g.Doc)))
                .Select(g => (Number: g.Doc, Kind: KindOf(g.Type ?? g.Title), Name: NameOf(g.Title), Guide: (DocumentGuide?)g)))
            .ToList();
        foreach (var (number, kind, name, guide) in docs)
        {
            if (guide is not null)
            {
                aliases.AddRange(guide.Aliases.Select(a => (a, number)));
                aliases.Add((guide.ShortName, number));
                aliases.Add((guide.Title, number));
            }
            aliases.Add((number, number));
            var parts = number.Split('/', StringSplitOptions.TrimEntries);
            var serial = parts[0];
            var year = parts.Length > 1 ? parts[1] : null;
            var serials = new[] { serial, serial.TrimStart('0') }.Where(s => s.Length > 0).Distinct().ToList();
            if (year is not null) aliases.AddRange(serials.Select(s => ($"{s}/{year}", number)));
            if (kind is not null)
            {
                if (kind == "luat") laws.Add(number);
                foreach (var kindName in KindNames[kind])
                {
                    foreach (var prefix in new[] { kindName, kindName + " so" })
                    {
                        aliases.Add(($"{prefix} {number}", number));
                        foreach (var s in serials)
                        {
                            aliases.Add(($"{prefix} {s}", number));
                            if (year is not null) aliases.Add(($"{prefix} {s} {year}", number));
                        }
                    }
                    // "luật trẻ em", "luật trẻ em 2016" and the initials "lte" for a short name.
                    if (name is not null && kindName.Length > 2)
                    {
                        aliases.Add(($"{kindName} {name}", number));
                        if (year is not null) aliases.Add(($"{kindName} {name} {year}", number));
                        var words = $"{kindName} {name}".Split(' ');
                        if (words.Length is >= 3 and <= 6) aliases.Add((string.Concat(words.Select(w => w[0])), number));
                    }
                }
            }
        }
        return new DocumentAliasTable(aliases) { DefaultDocument = laws.Count == 1 ? laws.First() : null };
    }

    /// <summary>"LUẬT TRẺ EM" → "luat"; "NGHỊ ĐỊNH quy định …" → "nghi dinh".</summary>
    internal static string? KindOf(string title)
    {
        var folded = string.Join(' ', VietnameseText.Words(VietnameseText.Fold(title)));
        return KindNames.Keys.OrderByDescending(k => k.Length).FirstOrDefault(k => folded == k || folded.StartsWith(k + " ", StringComparison.Ordinal));
    }

    /// <summary>The name after the kind when the title is a short proper name ("LUẬT TRẺ EM" → "tre em"); null for
    /// descriptive titles ("NGHỊ ĐỊNH quy định chi tiết …"), which nobody types as a name.</summary>
    internal static string? NameOf(string title)
    {
        var kind = KindOf(title);
        if (kind is null) return null;
        var words = VietnameseText.Words(VietnameseText.Fold(title)).Skip(kind.Split(' ').Length).ToList();
        return words.Count is >= 1 and <= 5 ? string.Join(' ', words) : null;
    }
}
