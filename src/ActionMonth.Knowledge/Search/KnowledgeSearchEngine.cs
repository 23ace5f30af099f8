using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// The search behind the bot, /api/search and the CLI. A direct reference to the law ("điều 6 luật trẻ em",
/// "khoản 2 điều 6") is looked up and returned first; every question also runs through the passage index (all
/// fields, boosted, with domain-vocabulary expansion) and is aggregated to articles; below the first two, the articles
/// linked to the top ones (<see cref="CompanionArticleBoost"/>) are lifted. Thread-safe.
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
        var analyzed = AnalyzedQuery.Create(query, TeencodeRewriter.Default, DomainVocabulary.Default, _weights.DropQuestionWords,
            generation.Catalog.Ages);
        var citation = CitationReference.Parse(query, generation.Aliases);
        return index.WithSearcher(searcher =>
        {
            var lookup = citation is null ? null : Lookup(citation, generation);
            var missing = citation is not null && lookup is null && generation.Catalog.GetOfficialDocument(citation.Doc) is { } document
                ? citation with { Doc = document.Number, Clause = null, Point = null }
                : null;
            var salient = SalientTerms(searcher, analyzed);
            var meter = new CoverageMeter(salient.Weights, salient.PairWeights, analyzed.Paraphrases);
            var candidates = Candidates(searcher, analyzed, options, meter);
            generation.Catalog.LocalDocuments.Apply(candidates, analyzed, _weights);
            // The confidence is decided before companions are lifted: they change what follows the top article, not the answer.
            var evidence = Evidence(candidates, meter, ScoreScale(analyzed), InScope(analyzed, generation), analyzed.Folded.Count);
            CompanionArticleBoost.Apply(candidates, generation.Catalog.References, _weights);
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
            var confidence = lookup is not null ? Confidence.High : candidates.Count == 0 ? Confidence.None : ConfidenceCalibrator.Decide(evidence);
            return new RankedResult(new SearchResult(query, confidence, hits, lookup is not null, missing), evidence, candidates);
        });
    }

    /// <summary>The question names something in the bot's scope, or one of the indexed documents by name ("nghị định
    /// 56", "luật trẻ em"): every indexed text is about children, so a question about one of them is in scope even
    /// when it names no child ("tiếp nhận và phối hợp xử lý thông tin áp dụng cho ai (Nghị định 56)").</summary>
    private static bool InScope(AnalyzedQuery analyzed, KnowledgeGeneration generation) =>
        ScopeVocabulary.Default.Covers(analyzed)
        || generation.Aliases.Find(VietnameseText.Words(VietnameseText.Fold(analyzed.Rewritten))) is not null;

    public static void Validate(string query)
    {
        if (string.IsNullOrWhiteSpace(query)) throw new ArgumentException("the question is empty", nameof(query));
        if (query.Length > MaxQueryLength)
            throw new ArgumentException($"the question is longer than {MaxQueryLength} characters", nameof(query));
    }

    private List<ArticleCandidate> Candidates(PassageSearcher searcher, AnalyzedQuery analyzed, SearchOptions options, CoverageMeter meter)
    {
        var query = PassageQueryBuilder.Build(analyzed, _weights, searcher);
        if (query.Clauses.Count == 0) return [];
        var docs = searcher.Search(query, _weights.PassageDepth);
        var lineMatch = _weights.LineMatch;
        var hits = docs.ScoreDocs.Select(d =>
        {
            var passage = searcher.Passages[d.Doc];
            // A passage with a title line that says what the question says (a card asked in nearly these words, an
            // article whose title is the question's topic) is lifted: BM25 on a card's title field, which holds all
            // its ways of asking, dilutes the one that matches.
            var score = lineMatch > 0 ? d.Score * (float)(1 + lineMatch * meter.BestLine(PassageTokens.Of(passage)).Joint) : d.Score;
            return (passage, score);
        });
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

    /// <summary>
    /// The passage that stands for the article: a card that scores close to the article's best passage, else the
    /// best passage. A card answers a question in the asker's words; the guide entry explains the whole article and
    /// the official text states it, so where both fit the question the card is the better answer. A card citing
    /// several articles lifts each of them; it is shown once, and for the other articles their own passages.
    /// </summary>
    private static Passage Shown(ArticleCandidate c, HashSet<Passage> shown)
    {
        var floor = c.BestScore * CardScoreShare;
        foreach (var (passage, score) in c.Passages)
        {
            if (score < floor) break;
            if (passage.Level == PassageLevel.Card && !shown.Contains(passage)) return passage;
        }
        return c.Passages.Select(p => p.Passage).FirstOrDefault(p => !shown.Contains(p)) ?? c.Best;
    }

    private static readonly HashSet<Passage> NothingShown = new(ReferenceEqualityComparer.Instance);

    /// <summary>A card scoring at least this share of its article's best passage is shown for the article.</summary>
    private const float CardScoreShare = 0.6f;

    private static SearchHit ToHit(ArticleCandidate c, KnowledgeGeneration g, IReadOnlySet<string> salient, IReadOnlySet<string> pairs,
        HashSet<Passage> shown)
    {
        var best = Shown(c, shown);
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

    /// <summary>The query's folded terms and syllable pairs that are rare enough to carry meaning (for highlighting),
    /// with the IDF of every content term and pair (for coverage). A term no passage contains gets the highest IDF:
    /// the question is about it and the texts are not. A pair made with a question word that no passage contains
    /// ("phap_co" in "Bộ Tư pháp có trách nhiệm gì") is an artefact of how the question is put, not a phrase the
    /// answer should hold, and is left out of coverage. Document frequency counts titles too: a card's ways of
    /// asking hold phrases ("trách nhiệm gì") that bodies never do.</summary>
    private static SalientTerms SalientTerms(PassageSearcher searcher, AnalyzedQuery analyzed)
    {
        var n = Math.Max(1, searcher.IndexReader.NumDocs);
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var pairWeights = new Dictionary<string, double>(StringComparer.Ordinal);
        var salient = new HashSet<string>(StringComparer.Ordinal);
        var body = VietnameseAnalyzer.FieldName(IndexFormat.Body, FieldForm.Folded);
        var title = VietnameseAnalyzer.FieldName(IndexFormat.Title, FieldForm.Folded);
        var content = new HashSet<string>(analyzed.Folded, StringComparer.Ordinal);
        foreach (var term in analyzed.Folded)
        {
            var df = searcher.DocFreq(body, term);
            weights[term] = Idf(Math.Max(df, searcher.DocFreq(title, term)), n);
            if (df <= n * SalientShare) salient.Add(term);
        }
        var bodyPairs = VietnameseAnalyzer.FieldName(IndexFormat.Body, FieldForm.FoldedPairs);
        var titlePairs = VietnameseAnalyzer.FieldName(IndexFormat.Title, FieldForm.FoldedPairs);
        foreach (var pair in analyzed.Pairs)
        {
            var anyDf = Math.Max(searcher.DocFreq(bodyPairs, pair), searcher.DocFreq(titlePairs, pair));
            if (anyDf == 0 && !IsContentPair(pair, content)) continue;
            pairWeights[pair] = Idf(anyDf, n);
        }
        return new SalientTerms(salient, weights, pairWeights);
    }

    private static bool IsContentPair(string pair, HashSet<string> content)
    {
        var cut = pair.IndexOf(VietnameseAnalyzer.PairSeparator, StringComparison.Ordinal);
        return cut > 0 && content.Contains(pair[..cut]) && content.Contains(pair[(cut + 1)..]);
    }

    /// <summary>A term in at most this share of passages is salient: it says what the question is about.</summary>
    private const double SalientShare = 0.2;

    private static double Idf(long df, long n) => Math.Log(1 + (n - df + 0.5) / (df + 0.5));

    /// <summary>What the confidence is decided from: how much of the question the answer that would be shown holds
    /// (its whole text and its best title line), how much the top article's passages hold together, how far that
    /// answer is ahead of the next different one, and the top score.</summary>
    private static ConfidenceEvidence Evidence(List<ArticleCandidate> candidates, CoverageMeter meter, double scale, bool inScope, int terms)
    {
        if (candidates.Count == 0) return new ConfidenceEvidence(Coverage.None, Coverage.None, Coverage.None, 0, 0, inScope, terms);
        var top = candidates[0];
        var answer = Shown(top, NothingShown);
        var tokens = PassageTokens.Of(answer);
        var article = meter.Of(top.Passages.Take(3).Select(p => PassageTokens.Of(p.Passage)).ToList());
        // Articles lifted by the same passage (a card citing several of them) agree with each other; the margin is
        // over the next article that would answer with something else.
        var runnerUp = candidates.Skip(1).FirstOrDefault(c => !ReferenceEquals(c.Best, top.Best) && !ReferenceEquals(c.Best, answer));
        var margin = runnerUp is null || top.Score <= 0 ? 1.0 : (top.Score - runnerUp.Score) / top.Score;
        return new ConfidenceEvidence(meter.Passage(tokens), meter.BestLine(tokens), article, margin, top.Score / scale, inScope, terms);
    }

    /// <summary>Scores add up over the field forms queried; a question without diacritics does not query the exact
    /// form, so its scores are put on the same scale as the others' before the confidence thresholds apply.</summary>
    private double ScoreScale(AnalyzedQuery analyzed)
    {
        var w = _weights;
        var withoutExact = w.TitleFolded + w.BodyFolded + w.TitlePairs + w.BodyPairs;
        return analyzed.Exact.Count > 0 ? 1.0 : withoutExact / (withoutExact + w.TitleExact + w.BodyExact);
    }

    private static string Truncate(string text) =>
        text.Length <= SnippetHighlighter.MaxLength * 2 ? text : text[..(SnippetHighlighter.MaxLength * 2)] + "…";
}

/// <summary>The query's salient terms (for highlighting) and every term's IDF (for coverage).</summary>
public sealed record SalientTerms(IReadOnlySet<string> Terms, IReadOnlyDictionary<string, double> Weights,
    IReadOnlyDictionary<string, double> PairWeights);

/// <summary>A search result with what produced it: for the `eval` verb and calibration.</summary>
public sealed record RankedResult(SearchResult Result, ConfidenceEvidence Evidence, IReadOnlyList<ArticleCandidate> Candidates);
