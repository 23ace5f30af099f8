using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ActionMonth.Knowledge.Search;

/// <summary>Builds the Lucene query for an <see cref="AnalyzedQuery"/> term by term. User text never reaches a
/// QueryParser, so Lucene syntax in a question ("  ( ) * ? : AND ~) is just text.</summary>
public static class PassageQueryBuilder
{
    public static BooleanQuery Build(AnalyzedQuery q, SearchWeights w)
    {
        var query = new BooleanQuery(disableCoord: true);
        Add(query, q.Exact, FieldForm.Exact, w.TitleExact, w.BodyExact, 1f);
        Add(query, q.Folded, FieldForm.Folded, w.TitleFolded, w.BodyFolded, 1f);
        Add(query, q.Pairs, FieldForm.FoldedPairs, w.TitlePairs, w.BodyPairs, 1f);
        Add(query, q.ExpansionExact, FieldForm.Exact, w.TitleExact, w.BodyExact, w.Expansion);
        Add(query, q.ExpansionFolded, FieldForm.Folded, w.TitleFolded, w.BodyFolded, w.Expansion);
        Add(query, q.ExpansionPairs, FieldForm.FoldedPairs, w.TitlePairs, w.BodyPairs, w.Expansion);
        return query;
    }

    private static void Add(BooleanQuery query, IReadOnlyList<string> terms, FieldForm form, float title, float body, float factor)
    {
        foreach (var term in terms)
        {
            if (query.Clauses.Count >= BooleanQuery.MaxClauseCount - 2) return;
            query.Add(new TermQuery(new Term(VietnameseAnalyzer.FieldName(IndexFormat.Title, form), term)) { Boost = title * factor }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(VietnameseAnalyzer.FieldName(IndexFormat.Body, form), term)) { Boost = body * factor }, Occur.SHOULD);
        }
    }
}
