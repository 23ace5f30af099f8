namespace ActionMonth.Knowledge.Search;

/// <summary>How much of a question's weight a text holds: the IDF-weighted share of the question's content terms
/// (question words left out) and of its syllable pairs found in the text.</summary>
public readonly record struct Coverage(double Terms, double Pairs)
{
    /// <summary>Terms and pairs together: words alone can match a text that says something else with them,
    /// pairs alone miss a question typed in other word orders.</summary>
    public double Joint => (Terms + Pairs) / 2;

    public static Coverage None => new(0, 0);
}

/// <summary>
/// Measures <see cref="Coverage"/> of one question against passages, their title lines (a card's ways of asking,
/// a guide entry's title and keywords, an article's title) and their whole text. Weights are the IDF of each term
/// and pair, so the rare words that say what the question is about count most, and a word no passage contains
/// (what an off-topic question is about) weighs the most of all.
/// </summary>
public sealed class CoverageMeter
{
    private readonly KeyValuePair<string, double>[] _terms;
    private readonly KeyValuePair<string, double>[] _pairs;
    private readonly double _termTotal;
    private readonly double _pairTotal;

    public CoverageMeter(IReadOnlyDictionary<string, double> terms, IReadOnlyDictionary<string, double> pairs)
    {
        _terms = terms.ToArray();
        _pairs = pairs.ToArray();
        _termTotal = _terms.Sum(t => t.Value);
        _pairTotal = _pairs.Sum(t => t.Value);
    }

    public bool IsEmpty => _termTotal <= 0;

    /// <summary>Coverage by a set of terms and pairs; a question of one word has no pairs and is judged on its term.</summary>
    public Coverage Of(IReadOnlySet<string> terms, IReadOnlySet<string> pairs)
    {
        var t = Share(_terms, _termTotal, terms);
        return new Coverage(t, _pairTotal > 0 ? Share(_pairs, _pairTotal, pairs) : t);
    }

    /// <summary>Coverage by the passage's titles and body together.</summary>
    public Coverage Passage(PassageTokens tokens) => Of(tokens.Terms, tokens.Pairs);

    /// <summary>Coverage by several passages together: a term counts when any of them holds it.</summary>
    public Coverage Of(IReadOnlyList<PassageTokens> passages)
    {
        var t = Share(_terms, _termTotal, term => passages.Any(p => p.Terms.Contains(term)));
        return new Coverage(t, _pairTotal > 0 ? Share(_pairs, _pairTotal, pair => passages.Any(p => p.Pairs.Contains(pair))) : t);
    }

    /// <summary>The best coverage by any single title line of the passage.</summary>
    public Coverage BestLine(PassageTokens tokens)
    {
        var best = Coverage.None;
        foreach (var line in tokens.Lines)
        {
            var c = Of(line.Terms, line.Pairs);
            if (c.Joint > best.Joint) best = c;
        }
        return best;
    }

    private static double Share(KeyValuePair<string, double>[] weights, double total, IReadOnlySet<string> present)
    {
        if (total <= 0) return 0;
        double matched = 0;
        foreach (var (term, weight) in weights)
            if (present.Contains(term)) matched += weight;
        return matched / total;
    }

    private static double Share(KeyValuePair<string, double>[] weights, double total, Func<string, bool> present)
    {
        if (total <= 0) return 0;
        double matched = 0;
        foreach (var (term, weight) in weights)
            if (present(term)) matched += weight;
        return matched / total;
    }
}
