using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ActionMonth.Knowledge.Search;

/// <summary>Builds the Lucene query for an <see cref="AnalyzedQuery"/> term by term. User text never reaches a
/// QueryParser, so Lucene syntax in a question (" ( ) * ? : AND ~) is just text. Terms that no passage contains
/// are left out (they cannot match), and so are clauses of terms found in a large share of all passages ("có",
/// "trẻ", "tre_em"): their BM25 weight is small, their postings are most of the work, and what the question is
/// about lies in its rarer words. Each clause reuses the searcher's cached <see cref="TermContext"/>.</summary>
public static class PassageQueryBuilder
{
    public static BooleanQuery Build(AnalyzedQuery q, SearchWeights w, PassageSearcher searcher)
    {
        var query = new BooleanQuery(disableCoord: true);
        Add(query, searcher, q.Exact, FieldForm.Exact, w.TitleExact, w.BodyExact, 1f, w.CommonTermShare);
        Add(query, searcher, q.Folded, FieldForm.Folded, w.TitleFolded, w.BodyFolded, 1f, w.CommonTermShare);
        Add(query, searcher, q.Pairs, FieldForm.FoldedPairs, w.TitlePairs, w.BodyPairs, 1f, w.CommonTermShare);
        Add(query, searcher, q.ExpansionExact, FieldForm.Exact, w.TitleExact, w.BodyExact, w.Expansion, w.CommonTermShare);
        Add(query, searcher, q.ExpansionFolded, FieldForm.Folded, w.TitleFolded, w.BodyFolded, w.Expansion, w.CommonTermShare);
        Add(query, searcher, q.ExpansionPairs, FieldForm.FoldedPairs, w.TitlePairs, w.BodyPairs, w.Expansion, w.CommonTermShare);
        return query;
    }

    private static void Add(BooleanQuery query, PassageSearcher searcher, IReadOnlyList<string> terms, FieldForm form,
        float title, float body, float factor, double commonShare)
    {
        var titleField = VietnameseAnalyzer.FieldName(IndexFormat.Title, form);
        var bodyField = VietnameseAnalyzer.FieldName(IndexFormat.Body, form);
        var common = (int)(searcher.IndexReader.NumDocs * commonShare);
        foreach (var term in terms)
        {
            if (query.Clauses.Count >= BooleanQuery.MaxClauseCount - 2) return;
            AddTerm(query, searcher, titleField, term, title * factor, common);
            AddTerm(query, searcher, bodyField, term, body * factor, common);
        }
    }

    private static void AddTerm(BooleanQuery query, PassageSearcher searcher, string field, string term, float boost, int maxDocFreq)
    {
        if (boost <= 0 || searcher.TermContext(field, term) is not { } context || context.DocFreq > maxDocFreq) return;
        query.Add(new TermQuery(new Term(field, term), context) { Boost = boost }, Occur.SHOULD);
    }
}
