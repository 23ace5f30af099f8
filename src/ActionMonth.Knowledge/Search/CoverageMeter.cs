using ActionMonth.Knowledge.Analysis;

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
/// (what an off-topic question is about) weighs the most of all. Given the question's paraphrases, a term or pair of
/// an everyday phrase also counts when the text holds a legal phrase it stands for: "bầm tím" is answered by a text on
/// "bạo lực", which never says "bầm tím".
/// </summary>
public sealed class CoverageMeter
{
    private readonly KeyValuePair<string, double>[] _terms;
    private readonly KeyValuePair<string, double>[] _pairs;
    private readonly double _termTotal;
    private readonly double _pairTotal;
    // For a term or pair of an everyday phrase: the legal phrases (as folded terms) that answer it as well.
    private readonly Dictionary<string, List<IReadOnlyList<string>>> _legal = new(StringComparer.Ordinal);

    public CoverageMeter(IReadOnlyDictionary<string, double> terms, IReadOnlyDictionary<string, double> pairs,
        IReadOnlyList<Paraphrase>? paraphrases = null)
    {
        _terms = terms.ToArray();
        _pairs = pairs.ToArray();
        _termTotal = _terms.Sum(t => t.Value);
        _pairTotal = _pairs.Sum(t => t.Value);
        foreach (var p in paraphrases ?? [])
            foreach (var key in p.Terms.Concat(p.Pairs))
            {
                if (!_legal.TryGetValue(key, out var list)) _legal[key] = list = [];
                list.AddRange(p.Legal);
            }
    }

    public bool IsEmpty => _termTotal <= 0;

    /// <summary>Coverage by a set of terms and pairs; a question of one word has no pairs and is judged on its term.</summary>
    public Coverage Of(IReadOnlySet<string> terms, IReadOnlySet<string> pairs)
    {
        var t = Share(_terms, _termTotal, terms, terms);
        return new Coverage(t, _pairTotal > 0 ? Share(_pairs, _pairTotal, pairs, terms) : t);
    }

    /// <summary>Coverage by the passage's titles and body together.</summary>
    public Coverage Passage(PassageTokens tokens) => Of(tokens.Terms, tokens.Pairs);

    /// <summary>Coverage by several passages together: a term counts when any of them holds it.</summary>
    public Coverage Of(IReadOnlyList<PassageTokens> passages)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in passages)
        {
            terms.UnionWith(p.Terms);
            pairs.UnionWith(p.Pairs);
        }
        return Of(terms, pairs);
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

    // Plain loops, no delegates: this runs for every title line of every passage a search scores, and a lambda per
    // call was half of all the memory a search allocated.
    private double Share(KeyValuePair<string, double>[] weights, double total, IReadOnlySet<string> present, IReadOnlySet<string> terms)
    {
        if (total <= 0) return 0;
        double matched = 0;
        foreach (var (key, weight) in weights)
            if (present.Contains(key) || Paraphrased(key, terms)) matched += weight;
        return matched / total;
    }

    /// <summary>Whether the text holds every term of one of the legal phrases that stand for this term or pair.</summary>
    private bool Paraphrased(string key, IReadOnlySet<string> terms)
    {
        if (!_legal.TryGetValue(key, out var legal)) return false;
        foreach (var phrase in legal)
        {
            var all = true;
            for (var i = 0; i < phrase.Count; i++)
            {
                if (terms.Contains(phrase[i])) continue;
                all = false;
                break;
            }
            if (all) return true;
        }
        return false;
    }
}
