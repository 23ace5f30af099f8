using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Search;

/// <summary>The Quảng Bình 2024 plan (a local document: issued by a provincial people's committee) restates the national
/// duties in the words of general questions; it answers only questions that name it, local planning or the place.</summary>
[Collection(CorpusCollection.Name)]
public sealed class LocalDocumentPriorTests(CorpusIndexFixture corpus)
{
    private const string Plan = "KH-UBND-QB-2024";

    [SkippableTheory]
    [InlineData("báo tin trẻ em bị xâm hại ở đâu")]
    [InlineData("cách báo tin xâm hại trẻ em")]
    [InlineData("bao tin tre bi xam hai o dau")]
    [InlineData("tôi muốn báo tin một vụ xâm hại trẻ em thì làm thế nào")]
    [InlineData("báo tin xâm hại trẻ em cho chính quyền địa phương ở đâu")]
    public void A_general_question_is_not_answered_from_a_province_s_plan(string question)
    {
        var hits = corpus.Engine.Search(question).Hits;
        Assert.NotEmpty(hits);
        Assert.NotEqual(Plan, hits[0].Doc);
    }

    [SkippableTheory]
    [InlineData("kế hoạch tháng hành động của Quảng Bình năm 2024 có mục đích gì")]
    [InlineData("tỉnh Quảng Bình đặt mục đích gì về phòng chống xâm hại trẻ em trong tháng hành động 2024")]
    public void A_question_naming_the_plan_or_its_province_still_gets_it(string question) =>
        Assert.Equal(Plan, corpus.Engine.Search(question).Hits[0].Doc);

    [SkippableTheory]
    [InlineData("kế hoạch quảng bình 2024 nói gì về báo tin xâm hại trẻ em")]
    [InlineData("ke hoach dia phuong ve bao tin xam hai tre em")]
    [InlineData("Quảng Trị có kế hoạch gì cho tháng hành động vì trẻ em")]
    public void A_question_naming_local_planning_or_the_place_is_ranked_as_without_the_prior(string question)
    {
        var without = new KnowledgeSearchEngine(corpus.Index, SearchWeights.Default with { LocalDocument = 1f }).Search(question).Hits;
        var with = corpus.Engine.Search(question).Hits;
        Assert.Contains(without, h => h.Doc == Plan);
        Assert.Equal(without.Select(h => (h.Doc, h.Article, h.Score)), with.Select(h => (h.Doc, h.Article, h.Score)));
    }

    [Fact]
    public void Only_documents_issued_by_a_people_s_committee_are_local()
    {
        Assert.True(LocalDocumentPrior.IsLocal("Ủy ban nhân dân tỉnh Quảng Bình (từ năm 2025 thuộc tỉnh Quảng Trị mới)"));
        Assert.True(LocalDocumentPrior.IsLocal("ủy ban nhân dân xã Hòa Bình"));
        Assert.True(LocalDocumentPrior.IsLocal("Uỷ ban nhân dân Thành phố Huế"));
        Assert.True(LocalDocumentPrior.IsLocal("UBND tỉnh Quảng Trị"));
        foreach (var national in new[] { "Quốc hội", "Chính phủ", "Bộ Chính trị", "Bộ Lao động - Thương binh và Xã hội", null })
            Assert.False(LocalDocumentPrior.IsLocal(national));
    }

    /// <summary>Where and to whom harm is reported (Luật Trẻ em Điều 51, Nghị định 56 Điều 24–26), asked in 20 ways;
    /// floors are the figures when the set was written, less a margin.</summary>
    [SkippableFact]
    public void Reporting_questions_reach_their_floor()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-reporting.jsonl"));
        var metrics = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        Assert.True(metrics.RecallAt(3) >= 0.75, $"Recall@3 {metrics.RecallAt(3):F3}");
        Assert.True(metrics.Mrr >= 0.78, $"MRR@10 {metrics.Mrr:F3}");
    }
}
