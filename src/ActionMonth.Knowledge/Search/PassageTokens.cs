using System.Runtime.CompilerServices;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// A passage's folded analysis, kept for the passages that reach the top of a result: the body's tokens with their
/// offsets (for highlighting), every folded term and syllable pair of its titles and body (for coverage), and the
/// terms and pairs of each title line on its own (a card's question and each of its ways of asking, a guide entry's
/// title and each keyword, an article's title), so that "the question was asked in these words" can be told from
/// "these words occur somewhere in a long text". Computed once per passage and generation.
/// </summary>
public sealed class PassageTokens
{
    private static readonly VietnameseAnalyzer Folded = new(FieldForm.Folded);
    private static readonly ConditionalWeakTable<Passage, PassageTokens> Cache = new();

    private PassageTokens(Passage passage)
    {
        Body = AnalyzedToken.Analyze(Folded, "body", passage.Body);
        Add(Body, Terms, Pairs);
        var lines = new List<TitleLine>(passage.Titles.Count);
        foreach (var title in passage.Titles)
        {
            var tokens = AnalyzedToken.Analyze(Folded, "title", title);
            Add(tokens, Terms, Pairs);
            var line = new TitleLine(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            Add(tokens, line.Terms, line.Pairs);
            if (line.Terms.Count > 0) lines.Add(line);
        }
        Lines = lines;
    }

    public IReadOnlyList<AnalyzedToken> Body { get; }
    public HashSet<string> Terms { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Pairs { get; } = new(StringComparer.Ordinal);

    /// <summary>Each title line's terms and pairs.</summary>
    public IReadOnlyList<TitleLine> Lines { get; }

    /// <summary>The passage's tokens; thread-safe, released with the passage when its generation is replaced.</summary>
    public static PassageTokens Of(Passage passage) => Cache.GetValue(passage, p => new PassageTokens(p));

    private static void Add(IReadOnlyList<AnalyzedToken> tokens, HashSet<string> terms, HashSet<string> pairs)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            terms.Add(tokens[i].Term);
            if (i + 1 < tokens.Count) pairs.Add(tokens[i].Term + VietnameseAnalyzer.PairSeparator + tokens[i + 1].Term);
        }
    }
}

/// <summary>The folded terms and syllable pairs of one title line.</summary>
public sealed record TitleLine(HashSet<string> Terms, HashSet<string> Pairs);
