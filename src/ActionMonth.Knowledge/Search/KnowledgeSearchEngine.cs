using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// The search behind the bot, /api/search and the CLI. A direct reference to the law ("điều 6 luật trẻ em",
/// "khoản 2 điều 6") is looked up and returned first; every question also runs through the passage index (all
/// fields, boosted, with domain-vocabulary expansion) and is aggregated to articles. Thread-safe.
/// </summary>
public sealed class KnowledgeSearchEngine(KnowledgeIndex index, SearchWeights? weights = null) : IKnowledgeSearch
{
    /// <summary>Longest question accepted, in characters. A chat question is a sentence or two; anything longer is
    /// not a question and would only make a slow query (callers answer 400).</summary>
    public const int MaxQueryLength = 1000;
    public const int MaxTop = 50;

    private readonly SearchWeights _weights = weights ?? SearchWeights.Default;

    public SearchResult Search(string query, SearchOptions? options = null) => Rank(query, options).Result;

    /// <summary>The result plus the evidence its confidence was decided from (for calibration and `eval`).</summary>
    public RankedResult Rank(string query, SearchOptions? options = null)
    {
        Validate(query);
        options ??= new SearchOptions();
        var top = Math.Clamp(options.Top, 1, MaxTop);
        var generation = index.Current;
        var analyzed = AnalyzedQuery.Create(query, TeencodeRewriter.Default, DomainVocabulary.Default, _weights.DropQuestionWords);
        var citation = CitationReference.Parse(query, generation.Aliases);
        return index.WithSearcher(searcher =>
        {
            var lookup = citation is null ? null : Lookup(citation, generation);
            var candidates = Candidates(searcher, analyzed, options);
            var salient = SalientTerms(searcher, analyzed);
            var pairs = analyzed.Pairs.ToHashSet(StringComparer.Ordinal);
            var hits = new List<SearchHit>();
            if (lookup is not null) hits.Add(lookup);
            var shown = new HashSet<Passage>(ReferenceEqualityComparer.Instance);
            foreach (var c in candidates)
            {
                if (hits.Count >= top) break;
                if (lookup is not null && c.Article == lookup.Article && DocumentNumber.Same(c.Doc, lookup.Doc)) continue;
                hits.Add(ToHit(c, generation, salient.Terms, pairs, shown));
            }
            if (lookup is not null && hits.Count > 1) hits[0] = hits[0] with { Score = Math.Max(hits[0].Score, hits[1].Score + 1f) };
            var evidence = Evidence(candidates, salient, analyzed, ScoreScale(analyzed));
            var confidence = lookup is not null ? Confidence.High : candidates.Count == 0 ? Confidence.None : ConfidenceCalibrator.Decide(evidence);
            return new RankedResult(new SearchResult(query, confidence, hits, lookup is not null), evidence, candidates);
        });
    }

    public static void Validate(string query)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("the question is empty", nameof(query));
        if (query.Length > MaxQueryLength)
            throw new ArgumentException($"the question is longer than {MaxQueryLength} characters", nameof(query));
    }

    private List<ArticleCandidate> Candidates(PassageSearcher searcher, AnalyzedQuery analyzed, SearchOptions options)
    {
        var query = PassageQueryBuilder.Build(analyzed, _weights, searcher);
        if (query.Clauses.Count == 0) return [];
        var docs = searcher.Search(query, _weights.PassageDepth);
        var hits = docs.ScoreDocs.Select(d => (searcher.Passages[d.Doc], d.Score));
        return ArticleAggregator.Aggregate(hits, _weights, options.Audience);
    }

    private static SearchHit? Lookup(Citation c, KnowledgeGeneration g)
    {
        var official = g.Catalog.GetOfficialArticle(c.Doc, c.Article);
        if (official is not null)
        {
            var clause = c.Clause is { } k ? official.Clauses.FirstOrDefault(x => x.Number == k) : null;
            var point = clause is not null && c.Point is { } p ? clause.Points.FirstOrDefault(x => x.Letter == p) : null;
            var text = point is not null ? $"{clause!.Number}. {clause.Text}\n{point.Letter}) {point.Text}" : clause?.FullText ?? official.FullText;
            var doc = g.Catalog.CanonicalNumber(c.Doc) ?? c.Doc;
            return new SearchHit(doc, g.Titles.Title(doc), official.Number, official.Title, clause?.Number,
                Truncate(text), 1f, HitKind.Official, Citations: [new Citation(doc, official.Number, clause?.Number, point?.Letter)]);
        }
        var entry = g.Catalog.GetGuideEntry(c.Doc, c.Article);
        if (entry is null) return null;
        var guideDoc = g.Catalog.CanonicalNumber(c.Doc) ?? c.Doc;
        return new SearchHit(guideDoc, g.Titles.Title(guideDoc), c.Article, entry.Title, null, Truncate(entry.Explanation), 1f,
            HitKind.Guide, Citations: [new Citation(guideDoc, c.Article)]);
    }

    private static SearchHit ToHit(ArticleCandidate c, KnowledgeGeneration g, IReadOnlySet<string> salient, IReadOnlySet<string> pairs,
        HashSet<Passage> shown)
    {
        // A card citing several articles lifts each of them; show it once, and for the others the article's own
        // best passage (its official text or our guide entry) when it has one.
        var best = c.Passages.Select(p => p.Passage).FirstOrDefault(p => !shown.Contains(p)) ?? c.Best;
        shown.Add(best);
        var doc = g.Catalog.CanonicalNumber(c.Doc) ?? c.Doc;
        int? clause = c.BestClause?.Passage.Clause;
        if (clause is null && best.Level == PassageLevel.Card)
            clause = best.Citations.FirstOrDefault(x => x.Article == c.Article && DocumentNumber.Same(x.Doc, c.Doc))?.Clause;
        // Show the clause that matched when there is one: it is the most precise text for the question.
        var snippetSource = best.Level == PassageLevel.Article && c.BestClause is { } bc ? bc.Passage : best;
        var articleTitle = c.Article is { } n ? g.Titles.ArticleTitle(doc, n) ?? best.ArticleTitle : best.ArticleTitle;
        var citations = best.Level == PassageLevel.Card ? best.Citations
            : c.Article is { } a ? [new Citation(doc, a, clause)] : [];
        return new SearchHit(doc, g.Titles.Title(doc), c.Article, articleTitle, clause,
            SnippetHighlighter.Highlight(snippetSource.Body, PassageTokens.Of(snippetSource).Body, salient, pairs), c.Score, best.Kind,
            best.CardId, c.Article is null ? c.Section : null, citations);
    }

    /// <summary>The query's folded terms and syllable pairs that are rare enough to carry meaning, with the IDF of
    /// every folded term and pair (a term no passage contains gets the highest IDF: the question is about it and the
    /// texts are not).</summary>
    private static SalientTerms SalientTerms(PassageSearcher searcher, AnalyzedQuery analyzed)
    {
        var n = Math.Max(1, searcher.IndexReader.NumDocs);
        var maxIdf = Idf(0, n);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var pairWeights = new Dictionary<string, double>(StringComparer.Ordinal);
        var salient = new HashSet<string>(StringComparer.Ordinal);
        var salientPairs = 0;
        var field = VietnameseAnalyzer.FieldName(IndexFormat.Body, FieldForm.Folded);
        foreach (var term in analyzed.Folded)
        {
            var df = searcher.DocFreq(field, term);
            weights[term] = Idf(df, n);
            if (df <= n * SalientShare) salient.Add(term);
        }
        var pairField = VietnameseAnalyzer.FieldName(IndexFormat.Body, FieldForm.FoldedPairs);
        foreach (var pair in analyzed.Pairs)
        {
            var df = searcher.DocFreq(pairField, pair);
            pairWeights[pair] = Idf(df, n);
            if (df <= n * SalientShare) salientPairs++;
        }
        return new SalientTerms(salient, weights, pairWeights, salientPairs, maxIdf);
    }

    /// <summary>A term in at most this share of passages is salient: it says what the question is about.</summary>
    private const double SalientShare = 0.2;

    private static double Idf(long df, long n) => Math.Log(1 + (n - df + 0.5) / (df + 0.5));

    private ConfidenceEvidence Evidence(List<ArticleCandidate> candidates, SalientTerms salient, AnalyzedQuery analyzed, double scale)
    {
        if (candidates.Count == 0) return new ConfidenceEvidence(0, 0, 0, salient.Terms.Count + salient.SalientPairs);
        var top = candidates[0];
        var analysed = top.Passages.Take(3).Select(p => PassageTokens.Of(p.Passage)).ToList();
        var coverage = Covered(salient.Weights, t => analysed.Any(a => a.Terms.Contains(t)));
        var pairCoverage = analyzed.Pairs.Count == 0 ? coverage : Covered(salient.PairWeights, t => analysed.Any(a => a.Pairs.Contains(t)));
        var margin = candidates.Count > 1 && top.Score > 0 ? (top.Score - candidates[1].Score) / top.Score : 1.0;
        return new ConfidenceEvidence(coverage, pairCoverage, margin, salient.Terms.Count + salient.SalientPairs, top.Score / scale);
    }

    /// <summary>Scores add up over the field forms queried; a question without diacritics does not query the exact
    /// form, so its scores are put on the same scale as the others' before the confidence thresholds apply.</summary>
    private double ScoreScale(AnalyzedQuery analyzed)
    {
        var w = _weights;
        var withoutExact = w.TitleFolded + w.BodyFolded + w.TitlePairs + w.BodyPairs;
        return analyzed.Exact.Count > 0 ? 1.0 : withoutExact / (withoutExact + w.TitleExact + w.BodyExact);
    }

    /// <summary>Share of the IDF mass of <paramref name="weights"/> whose terms are <paramref name="present"/>.</summary>
    private static double Covered(IReadOnlyDictionary<string, double> weights, Func<string, bool> present)
    {
        double total = 0, matched = 0;
        foreach (var (term, idf) in weights)
        {
            total += idf;
            if (present(term)) matched += idf;
        }
        return total > 0 ? matched / total : 0;
    }

    private static string Truncate(string text) =>
        text.Length <= SnippetHighlighter.MaxLength * 2 ? text : text[..(SnippetHighlighter.MaxLength * 2)] + "…";
}

/// <summary>The query's salient terms (for highlighting) and every term's IDF (for coverage).</summary>
public sealed record SalientTerms(IReadOnlySet<string> Terms, IReadOnlyDictionary<string, double> Weights,
    IReadOnlyDictionary<string, double> PairWeights, int SalientPairs, double MaxIdf);

/// <summary>A search result with what produced it: for the `eval` verb and calibration.</summary>
public sealed record RankedResult(SearchResult Result, ConfidenceEvidence Evidence, IReadOnlyList<ArticleCandidate> Candidates);
