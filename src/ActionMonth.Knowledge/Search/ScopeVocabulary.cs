using System.Text;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Tells whether a question names something within the bot's scope (scope-words.tsv: children, family, school,
/// child protection and children's rights). Lexical evidence alone cannot tell "thủ tục đăng ký kết hôn với người
/// nước ngoài" from a question about adoption by foreigners: both share most of their words with the texts. A
/// question that names no child, no one around a child and no child-protection matter is held to "low" at most.
/// A word typed with diacritics must match exactly ("bộ" is not "bố"); one typed without matches the folded form.
/// </summary>
public sealed class ScopeVocabulary
{
    private readonly List<(string[] Exact, string[] Folded)> _phrases;

    public ScopeVocabulary(IEnumerable<string> phrases)
    {
        _phrases = phrases.Select(p => VietnameseText.Words(VietnameseText.Normalize(p)).ToArray()).Where(p => p.Length > 0)
            .Select(p => (p, p.Select(VietnameseText.Fold).ToArray())).ToList();
    }

    public static ScopeVocabulary Default { get; } = new(Load("scope-words.tsv"));

    /// <summary>True when the question (after teencode rewriting) or one of the legal phrases the domain
    /// vocabulary adds to it names something in scope.</summary>
    public bool Covers(AnalyzedQuery query) =>
        Mentions(VietnameseText.Words(VietnameseText.Normalize(query.Rewritten)))
        || query.Expansions.Any(e => Mentions(VietnameseText.Words(VietnameseText.Normalize(e))));

    public bool Mentions(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return false;
        var folded = words.Select(w => VietnameseText.HasDiacritics(w) ? null : VietnameseText.Fold(w)).ToArray();
        foreach (var (exact, foldedPhrase) in _phrases)
        {
            for (var i = 0; i + exact.Length <= words.Count; i++)
            {
                var match = true;
                for (var j = 0; j < exact.Length && match; j++)
                    match = folded[i + j] is { } plain ? plain == foldedPhrase[j] : words[i + j] == exact[j];
                if (match) return true;
            }
        }
        return false;
    }

    private static IEnumerable<string> Load(string name)
    {
        var assembly = typeof(ScopeVocabulary).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var phrases = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#')) phrases.Add(text);
        }
        return phrases;
    }
}
