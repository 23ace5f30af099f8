using System.Reflection;
using System.Text;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Turns an English question into the Vietnamese words the knowledge base uses (Resources/english-search-terms.tsv),
/// so an English speaker can find the Vietnamese content; the answer itself stays in Vietnamese and says so.
/// Phrases before words, longest first; unlisted words are dropped; numbers kept.
/// </summary>
public sealed class EnglishQueryTranslator
{
    private readonly Dictionary<string, string> _terms;
    private readonly int _longest;

    public EnglishQueryTranslator(IEnumerable<KeyValuePair<string, string>> terms)
    {
        _terms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (english, vietnamese) in terms) _terms[Key(english)] = vietnamese.Trim();
        _longest = _terms.Keys.Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    public static EnglishQueryTranslator Default { get; } = new(Load());

    /// <summary>The Vietnamese search words, or null when nothing in the question is known.</summary>
    public string? Translate(string english)
    {
        var words = Key(english).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = new List<string>();
        var known = 0;
        // English fronts the question word and its noun with do-support ("what rights do children have"); Vietnamese
        // leaves them where the answer goes, after the verb, with the question word after its noun ("trẻ em có
        // quyền gì"). Searching in that order lets the question's word pairs match the texts.
        var aux = DoSupport(words);
        if (aux > 0)
        {
            known += Append(words[(aux + 1)..], output);
            var fronted = new List<string>();
            known += Append(words[1..aux], fronted);
            output.AddRange(fronted);
            known += Append(words[..1], output);
        }
        else known += Append(words, output);
        return known == 0 ? null : string.Join(' ', output);
    }

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal) { "what", "which", "who", "where", "when", "how" };
    private static readonly HashSet<string> DoAuxiliaries = new(StringComparer.Ordinal) { "do", "does", "did" };

    /// <summary>Where "do/does/did" follows a leading question word and at most two words of its noun, or 0.</summary>
    private static int DoSupport(string[] words)
    {
        if (words.Length < 3 || !QuestionWords.Contains(words[0])) return 0;
        for (var i = 1; i <= Math.Min(3, words.Length - 2); i++)
            if (DoAuxiliaries.Contains(words[i])) return i;
        return 0;
    }

    /// <summary>Translates <paramref name="words"/> into <paramref name="output"/>: phrases before words, longest
    /// first; unlisted words dropped, numbers kept. Returns how many known words or phrases were found.</summary>
    private int Append(string[] words, List<string> output)
    {
        var known = 0;
        for (var i = 0; i < words.Length;)
        {
            var matched = false;
            for (var n = Math.Min(_longest, words.Length - i); n >= 1 && !matched; n--)
            {
                if (!_terms.TryGetValue(string.Join(' ', words, i, n), out var vietnamese)) continue;
                output.Add(vietnamese);
                known++;
                i += n;
                matched = true;
            }
            if (matched) continue;
            if (words[i].All(char.IsDigit)) output.Add(words[i]);
            i++;
        }
        return known;
    }

    private static string Key(string text)
    {
        var folded = VietnameseText.Normalize(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded) sb.Append(char.IsLetterOrDigit(c) || c is '\'' or '-' ? c : ' ');
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<KeyValuePair<string, string>> Load()
    {
        var assembly = typeof(EnglishQueryTranslator).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("english-search-terms.tsv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var list = new List<KeyValuePair<string, string>>();
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new FormatException($"english-search-terms.tsv:{number}: expected 'english<TAB>vietnamese'");
            list.Add(new(parts[0], parts[1]));
        }
        return list;
    }
}
