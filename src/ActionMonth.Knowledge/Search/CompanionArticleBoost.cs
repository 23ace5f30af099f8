namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Lifts the companions of the best-matching articles: an article that matches the question on its own and is linked
/// (<see cref="ArticleReferenceGraph"/>) to one of the top few articles gains a share of that article's score. A legal
/// question often needs an article and the one it implements or refers to (the decree's procedure and the Law's
/// duty), and the companion is usually put in other words than the question. Only articles the question already
/// matched are lifted, each by its strongest linked source, so the lift cannot bring in an unrelated article nor add
/// up over many links. The first <see cref="SearchWeights.CompanionKept"/> articles keep their places: when the top
/// article is the wrong one its companions are wrong too, and they must not push down the right one just behind it.
/// A lifted score is capped at the last kept article's, so scores still fall down the list.
/// </summary>
public static class CompanionArticleBoost
{
    public static void Apply(List<ArticleCandidate> ranked, ArticleReferenceGraph graph, SearchWeights w)
    {
        var kept = Math.Max(1, w.CompanionKept);
        if (w.CompanionShare <= 0 || ranked.Count <= kept) return;
        var sources = Math.Min(w.CompanionSources, ranked.Count);
        var depth = Math.Min(w.CompanionDepth, ranked.Count);
        var cap = ranked[kept - 1].Score;
        // Scores of the sources as they were before any lift (sources below the kept ranks can be lifted themselves).
        Span<float> sourceScores = stackalloc float[sources];
        for (var i = 0; i < sources; i++) sourceScores[i] = ranked[i].Score;
        var changed = false;
        for (var j = kept; j < depth; j++)
        {
            var candidate = ranked[j];
            if (candidate.Article is not { } article) continue;
            float best = 0;
            for (var i = 0; i < sources; i++)
                if (i != j && sourceScores[i] > best && ranked[i].Article is { } source
                    && graph.AreLinked(ranked[i].DocKey, source, candidate.DocKey, article)) best = sourceScores[i];
            if (best <= 0) continue;
            candidate.Score = Math.Min(cap, candidate.Score + w.CompanionShare * best);
            changed = true;
        }
        if (changed) ranked.Sort(kept, ranked.Count - kept, ByScore);
    }

    // Ties (lifted up to the cap) go to the article whose own best passage matches better.
    private static readonly IComparer<ArticleCandidate> ByScore = Comparer<ArticleCandidate>.Create((x, y) =>
    {
        var c = y.Score.CompareTo(x.Score);
        return c != 0 ? c : y.BestScore.CompareTo(x.BestScore);
    });
}
