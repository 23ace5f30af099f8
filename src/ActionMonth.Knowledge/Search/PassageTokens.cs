using System.Runtime.CompilerServices;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// A passage's folded analysis, kept for the passages that reach the top of a result: the body's tokens with their
/// offsets (for highlighting) and every folded term and syllable pair of its titles and body (for the confidence's
/// coverage). Computed once per passage and generation instead of on every query that shows it.
/// </summary>
public sealed class PassageTokens
{
    private static readonly VietnameseAnalyzer Folded = new(FieldForm.Folded);
    private static readonly ConditionalWeakTable<Passage, PassageTokens> Cache = new();

    private PassageTokens(Passage passage)
    {
        Body = AnalyzedToken.Analyze(Folded, "body", passage.Body);
        Add(Body);
        foreach (var title in passage.Titles) Add(AnalyzedToken.Analyze(Folded, "title", title));
    }

    public IReadOnlyList<AnalyzedToken> Body { get; }
    public HashSet<string> Terms { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Pairs { get; } = new(StringComparer.Ordinal);

    /// <summary>The passage's tokens; thread-safe, released with the passage when its generation is replaced.</summary>
    public static PassageTokens Of(Passage passage) => Cache.GetValue(passage, p => new PassageTokens(p));

    private void Add(IReadOnlyList<AnalyzedToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            Terms.Add(tokens[i].Term);
            if (i + 1 < tokens.Count) Pairs.Add(tokens[i].Term + VietnameseAnalyzer.PairSeparator + tokens[i + 1].Term);
        }
    }
}
