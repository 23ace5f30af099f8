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
        var analyzed = AnalyzedQuery.Create(query, TeencodeRewriter.Default, DomainVocabulary.Default);
        var citation = CitationReference.Parse(query, generation.Aliases);
        return index.WithSearcher(searcher =>
        {
            var lookup = citation is null ? null : Lookup(citation, generation);
            var candidates = Candidates(searcher, analyzed, options);
            var salient = SalientTerms(searcher, analyzed);
            var pairs = analyzed.Pairs.ToHashSet(StringComparer.Ordinal);
            var hits = new List<SearchHit>();
            if (lookup is not null) hits.Add(lookup);
            foreach (var c in candidates)
            {
                if (hits.Count >= top) break;
                if (lookup is not null && c.Article == lookup.Article && DocumentNumber.Same(c.Doc, lookup.Doc)) continue;
                hits.Add(ToHit(c, generation, salient.Terms, pairs));
            }
            if (lookup is not null && hits.Count > 1) hits[0] = hits[0] with { Score = Math.Max(hits[0].Score, hits[1].Score + 1f) };
            var evidence = Evidence(candidates, salient, analyzed);
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

    private static SearchHit ToHit(ArticleCandidate c, KnowledgeGeneration g, IReadOnlySet<string> salient, IReadOnlySet<string> pairs)
    {
        var best = c.Best;
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
            SnippetHighlighter.Highlight(snippetSource.Body, salient, pairs), c.Score, best.Kind,
            best.CardId, c.Article is null ? c.Section : null, citations);
    }

    /// <summary>The query's folded terms that are rare enough to carry meaning, with their IDF.</summary>
    private static SalientTerms SalientTerms(PassageSearcher searcher, AnalyzedQuery analyzed)
    {
        var n = Math.Max(1, searcher.IndexReader.NumDocs);
        var maxIdf = Idf(0, n);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var salient = new HashSet<string>(StringComparer.Ordinal);
        var field = VietnameseAnalyzer.FieldName(IndexFormat.Body, FieldForm.Folded);
        foreach (var term in analyzed.Folded)
        {
            var df = searcher.DocFreq(field, term);
            var idf = Idf(df, n);
            weights[term] = idf;
            if (df <= n * 0.12) salient.Add(term);
        }
        return new SalientTerms(salient, weights, maxIdf);
    }

    private static double Idf(long df, long n) => Math.Log(1 + (n - df + 0.5) / (df + 0.5));

    private static ConfidenceEvidence Evidence(List<ArticleCandidate> candidates, SalientTerms salient, AnalyzedQuery analyzed)
    {
        if (candidates.Count == 0) return new ConfidenceEvidence(0, 0, 0, salient.Terms.Count);
        var top = candidates[0];
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (passage, _) in top.Passages.Take(3))
        {
            foreach (var text in passage.Titles.Append(passage.Body))
            {
                var words = AnalyzedToken.Analyze(FoldedAnalyzer, "c", text);
                for (var i = 0; i < words.Count; i++)
                {
                    tokens.Add(words[i].Term);
                    if (i + 1 < words.Count) pairs.Add(words[i].Term + VietnameseAnalyzer.PairSeparator + words[i + 1].Term);
                }
            }
        }
        double total = 0, matched = 0;
        foreach (var (term, idf) in salient.Weights)
        {
            total += idf;
            if (tokens.Contains(term)) matched += idf;
        }
        var coverage = total > 0 ? matched / total : 0;
        var pairCoverage = analyzed.Pairs.Count == 0 ? coverage : analyzed.Pairs.Count(pairs.Contains) / (double)analyzed.Pairs.Count;
        var margin = candidates.Count > 1 && top.Score > 0 ? (top.Score - candidates[1].Score) / top.Score : 1.0;
        return new ConfidenceEvidence(coverage, pairCoverage, margin, salient.Terms.Count);
    }

    private static readonly VietnameseAnalyzer FoldedAnalyzer = new(FieldForm.Folded);

    private static string Truncate(string text) =>
        text.Length <= SnippetHighlighter.MaxLength * 2 ? text : text[..(SnippetHighlighter.MaxLength * 2)] + "…";
}

/// <summary>The query's salient terms (for highlighting) and every term's IDF (for coverage).</summary>
public sealed record SalientTerms(IReadOnlySet<string> Terms, IReadOnlyDictionary<string, double> Weights, double MaxIdf);

/// <summary>A search result with what produced it: for the `eval` verb and calibration.</summary>
public sealed record RankedResult(SearchResult Result, ConfidenceEvidence Evidence, IReadOnlyList<ArticleCandidate> Candidates);
