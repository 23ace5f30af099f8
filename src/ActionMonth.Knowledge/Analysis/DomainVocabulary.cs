using System.Reflection;
using System.Text;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// Maps everyday words to the words the law uses (Analysis/domain-vocabulary.tsv). Used for query EXPANSION: the
/// legal phrases are added to the query with a lower weight beside the user's own words, never instead of them.
/// A query word without diacritics matches a key word with them, so "bi danh" finds the entry for "bị đánh"; a
/// one-word key needs its diacritics, because alone an unaccented syllable is too ambiguous ("bao" is bão, báo,
/// bảo, bao; "xa" is xã, xa, xạ).
/// </summary>
public sealed class DomainVocabulary
{
    private readonly List<(string[] Key, string[] FoldedKey, IReadOnlyList<string> Legal)> _entries = [];

    public DomainVocabulary(IEnumerable<KeyValuePair<string, string>> entries)
    {
        foreach (var (from, to) in entries)
        {
            var key = VietnameseText.Words(VietnameseText.Normalize(from)).ToArray();
            if (key.Length == 0) continue;
            var legal = to.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _entries.Add((key, key.Select(VietnameseText.Fold).ToArray(), legal));
        }
        // Longest keys first, so "bỏ mặc ở nhà" wins over "bỏ mặc" where both could start at the same word.
        _entries.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
    }

    public static DomainVocabulary Default { get; } = new(Load("domain-vocabulary.tsv"));

    public int Count => _entries.Count;

    /// <summary>The legal phrases that the (already normalised) query's words call for, without duplicates.</summary>
    public IReadOnlyList<string> Expand(IReadOnlyList<string> words)
    {
        var result = new List<string>();
        foreach (var match in Match(words))
            foreach (var phrase in match.Legal)
                if (!result.Contains(phrase, StringComparer.Ordinal)) result.Add(phrase);
        return result;
    }

    /// <summary>Where the query's words hold an everyday phrase of the table, and the legal phrases it stands for.</summary>
    public IReadOnlyList<VocabularyMatch> Match(IReadOnlyList<string> words)
    {
        var result = new List<VocabularyMatch>();
        var covered = new bool[words.Count];
        var folded = words.Select(VietnameseText.Fold).ToArray();
        var marked = words.Select(VietnameseText.HasDiacritics).ToArray();
        foreach (var (key, foldedKey, legal) in _entries)
        {
            for (var i = 0; i + key.Length <= words.Count; i++)
            {
                if (covered[i] && key.Length == 1) continue;
                var ok = true;
                for (var j = 0; j < key.Length && ok; j++)
                {
                    var w = i + j;
                    ok = words[w] == key[j] || (key.Length > 1 && !marked[w] && folded[w] == foldedKey[j]);
                }
                if (!ok) continue;
                for (var j = 0; j < key.Length; j++) covered[i + j] = true;
                result.Add(new VocabularyMatch(i, key.Length, legal));
            }
        }
        return result;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Load(string name)
    {
        var assembly = typeof(DomainVocabulary).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return TeencodeRewriter.ParseTable(reader, name).ToList();
    }
}

/// <summary>An everyday phrase found in a query: <paramref name="Length"/> words from <paramref name="Start"/>, and
/// the legal phrases it stands for.</summary>
public sealed record VocabularyMatch(int Start, int Length, IReadOnlyList<string> Legal);
