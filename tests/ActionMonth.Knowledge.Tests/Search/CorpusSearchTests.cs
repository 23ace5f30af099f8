using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Search;

/// <summary>Search over ../shared/corpus and the repository's knowledge/: citation lookup for every article,
/// retrieval on our own question set, confidence on off-topic questions.</summary>
[Collection(CorpusCollection.Name)]
public sealed class CorpusSearchTests(CorpusIndexFixture corpus)
{
    private const string Law = "102/2016/QH13";
    private const string Decree = "56/2017/NĐ-CP";

    [SkippableFact]
    public void Every_article_of_the_law_is_found_by_its_number_with_and_without_diacritics()
    {
        var failures = new List<string>();
        for (var n = 1; n <= 106; n++)
        {
            foreach (var q in new[] { $"điều {n} luật trẻ em", $"dieu {n} luat tre em", $"Điều {n} LTE", $"Điều {n} Luật Trẻ em 2016 nói gì?" })
                Check(q, Law, n, null, failures);
        }
        Assert.Empty(failures);
    }

    [SkippableFact]
    public void Every_article_of_decree_56_is_found_by_its_number_with_and_without_diacritics()
    {
        var failures = new List<string>();
        for (var n = 1; n <= 58; n++)
        {
            foreach (var q in new[] { $"điều {n} nghị định 56", $"dieu {n} nghi dinh 56", $"Điều {n} NĐ 56/2017/NĐ-CP", $"dieu {n} nd 56" })
                Check(q, Decree, n, null, failures);
        }
        Assert.Empty(failures);
    }

    [SkippableTheory]
    [InlineData("khoản 2 điều 6", Law, 6, 2)]
    [InlineData("khoan 2 dieu 6", Law, 6, 2)]
    [InlineData("điều 6 khoản 3 luật trẻ em", Law, 6, 3)]
    [InlineData("dieu 23 nghi dinh 56", Decree, 23, null)]
    [InlineData("điều 9 thông tư 28/2019", "28/2019/TT-BLĐTBXH", 9, null)]
    [InlineData("Điều 9 TT 28/2019/TT-BLĐTBXH", "28/2019/TT-BLĐTBXH", 9, null)]
    [InlineData("điều 5 thông tư 29/2019", "29/2019/TT-BLĐTBXH", 5, null)]
    [InlineData("điều 3 thông tư 23/2017/TT-BYT", "23/2017/TT-BYT", 3, null)]
    [InlineData("điểm đ khoản 1 điều 10 luật trẻ em", Law, 10, 1)]
    public void Direct_citations_return_that_article_or_clause_first(string query, string doc, int article, int? clause)
    {
        var failures = new List<string>();
        Check(query, doc, article, clause, failures);
        Assert.Empty(failures);
    }

    [SkippableFact]
    public void Point_reference_carries_the_point_text()
    {
        var hit = corpus.Engine.Search("điểm đ khoản 1 điều 10 luật trẻ em").Hits[0];
        Assert.Equal(new Citation(Law, 10, 1, "đ"), Assert.Single(hit.Citations!));
        Assert.Contains("HIV/AIDS", hit.Snippet);
    }

    [SkippableFact]
    public void Document_numbers_in_hits_are_written_as_the_official_text_writes_them()
    {
        var result = corpus.Engine.Search("dieu 25 nd 56/2017/nd-cp");
        Assert.Equal("56/2017/NĐ-CP", result.Hits[0].Doc);
        Assert.All(corpus.Engine.Search("chăm sóc thay thế", new SearchOptions(Top: 20)).Hits, h =>
            Assert.Contains(corpus.Index.Current.Snapshot.Documents, d => d.Number == h.Doc));
    }

    /// <summary>Our own questions (Data/retrieval-own.jsonl: parents', teachers', children's and officials'
    /// wording, with and without diacritics, teencode), never taken from the dev set.</summary>
    [SkippableFact]
    public void Own_questions_reach_the_recall_floor()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Data("retrieval-own.jsonl"));
        Assert.True(questions.Count >= 60);
        var metrics = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        var misses = metrics.Outcomes.Where(o => !o.HitAt(3)).Select(o => $"{o.Question.Id}: {o.Question.Question}");
        Assert.True(metrics.HitAt(3) >= 0.90, $"Hit@3 {metrics.HitAt(3):F3} < 0.90; misses: {string.Join(" | ", misses)}");
        Assert.True(metrics.RecallAt(3) >= 0.85, $"Recall@3 {metrics.RecallAt(3):F3} < 0.85");
        Assert.True(metrics.Mrr >= 0.80, $"MRR@10 {metrics.Mrr:F3} < 0.80");
    }

    /// <summary>Questions typed as children and parents chat (Evaluation/retrieval-teencode.jsonl: teencode, no
    /// diacritics, abbreviations, slang), written before the method was tuned for them. Floors are what the engine
    /// reached (Hit@3 0.962, Recall@3 0.913, MRR@10 0.854) less a small margin.</summary>
    [SkippableFact]
    public void Teencode_questions_reach_the_recall_floor()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-teencode.jsonl"));
        Assert.True(questions.Count >= 50);
        var metrics = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        var misses = metrics.Outcomes.Where(o => !o.HitAt(3)).Select(o => $"{o.Question.Id}: {o.Question.Question}");
        Assert.True(metrics.HitAt(3) >= 0.90, $"Hit@3 {metrics.HitAt(3):F3} < 0.90; misses: {string.Join(" | ", misses)}");
        Assert.True(metrics.RecallAt(3) >= 0.88, $"Recall@3 {metrics.RecallAt(3):F3} < 0.88");
        Assert.True(metrics.Mrr >= 0.82, $"MRR@10 {metrics.Mrr:F3} < 0.82");
    }

    /// <summary>The third blind set (Evaluation/retrieval-blind3.jsonl: 161 questions written from the official texts
    /// before the ranking was studied; formal paraphrases, parents', teachers' and officials' questions, children's
    /// teencode). Misses may be studied on its even half only (id parity); the odd half measures changes. Floors are what
    /// the engine reached at first sight (R@1 0.708, R@3 0.932, MRR@10 0.885) less a small margin.</summary>
    [SkippableFact]
    public void Third_blind_set_reaches_the_recall_floor()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-blind3.jsonl"));
        Assert.True(questions.Count >= 140);
        var metrics = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        var misses = metrics.Outcomes.Where(o => !o.HitAt(3)).Select(o => $"{o.Question.Id}: {o.Question.Question}");
        Assert.True(metrics.RecallAt(1) >= 0.68, $"Recall@1 {metrics.RecallAt(1):F3} < 0.68");
        Assert.True(metrics.RecallAt(3) >= 0.90, $"Recall@3 {metrics.RecallAt(3):F3} < 0.90; misses: {string.Join(" | ", misses)}");
        Assert.True(metrics.Mrr >= 0.86, $"MRR@10 {metrics.Mrr:F3} < 0.86");
    }

    [SkippableFact]
    public void Engine_beats_the_plain_baseline_on_our_own_questions()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Data("retrieval-own.jsonl"));
        var ours = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        using var baseline = new BaselineRetriever(ActionMonth.Knowledge.Indexing.PassageBuilder.Build(corpus.Index.Current.Snapshot));
        var theirs = RetrievalEvaluator.Evaluate(baseline, questions);
        Assert.True(ours.Mrr > theirs.Mrr, $"engine MRR {ours.Mrr:F3} <= baseline {theirs.Mrr:F3}");
        Assert.True(ours.RecallAt(3) > theirs.RecallAt(3));
    }

    [SkippableTheory]
    [InlineData("giá vàng hôm nay")]
    [InlineData("gia vang hom nay bao nhieu")]
    [InlineData("thời tiết Hà Nội ngày mai")]
    [InlineData("kết quả bóng đá ngoại hạng anh")]
    [InlineData("cách nấu phở bò ngon")]
    [InlineData("mua iphone trả góp ở đâu")]
    public void Off_topic_questions_get_none_or_low_confidence(string q)
    {
        var result = corpus.Engine.Search(q);
        Assert.True(result.Confidence <= Confidence.Low, $"{q}: {result.Confidence}");
    }

    [SkippableTheory]
    [InlineData("Trẻ em bị xâm hại tình dục thì báo cho ai?")]
    [InlineData("tre em bi bao luc thi bao ai")]
    [InlineData("Gọi tổng đài bảo vệ trẻ em có mất tiền không?")]
    public void Clear_questions_in_scope_get_medium_or_high_confidence(string q)
    {
        var result = corpus.Engine.Search(q);
        Assert.True(result.Confidence >= Confidence.Medium, $"{q}: {result.Confidence}");
    }

    [SkippableFact]
    public void Long_question_with_lucene_syntax_is_answered()
    {
        var q = "Con tôi (8 tuổi) bị \"bạo lực\" ở trường: AND thầy giáo đánh? OR ~ * - + ! ^ [ ] { } || && \\ / báo ai";
        var result = corpus.Engine.Search(q);
        Assert.NotEmpty(result.Hits);
        Assert.Throws<ArgumentException>(() => corpus.Engine.Search(new string('đ', 10_000)));
    }

    private void Check(string query, string doc, int article, int? clause, List<string> failures)
    {
        var result = corpus.Engine.Search(query);
        var first = result.Hits.FirstOrDefault();
        if (!result.IsCitationLookup || first is null || first.Doc != doc || first.Article != article || first.Clause != clause)
            failures.Add($"'{query}' → {(first is null ? "nothing" : $"{first.Doc} Điều {first.Article} khoản {first.Clause}")} (lookup: {result.IsCitationLookup})");
    }
}
