using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>A token as the analysis chain emits it: the term, its character offsets in the input and its position.</summary>
public readonly record struct AnalyzedToken(string Term, int Start, int End, int Position)
{
    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and returns every token.</summary>
    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), offset.StartOffset, offset.EndOffset, position));
        }
        stream.End();
        return tokens;
    }
}
