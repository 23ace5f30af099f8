using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Search;

/// <summary>The fifth blind set (Evaluation/retrieval-blind5.jsonl: 224 questions from parents, teachers, children and
/// officials, 25 in English, 89 unaccented or in teencode, gold from the corpus), written before the cards were read.
/// Gaps were fixed from its even half only (id parity); the odd half measures the fixes. Floors are first sight
/// (R@1 0.558, R@3 0.737, MRR@10 0.733) less a small margin, so a later change that loses ground fails here.
/// Its companion retrieval-blind5-none.jsonl holds 26 questions our texts do not answer (fines, benefit amounts,
/// documents such as passports, the 2025 reorganisation, this year's theme…).</summary>
[Collection(CorpusCollection.Name)]
public sealed class FifthBlindSetTests(CorpusIndexFixture corpus)
{
    [SkippableFact]
    public void Fifth_blind_set_reaches_the_recall_floor()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-blind5.jsonl"));
        Assert.True(questions.Count >= 200);
        var metrics = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        var misses = metrics.Outcomes.Where(o => !o.HitAt(3)).Select(o => $"{o.Question.Id}: {o.Question.Question}");
        Assert.True(metrics.RecallAt(1) >= 0.53, $"Recall@1 {metrics.RecallAt(1):F3} < 0.53");
        Assert.True(metrics.RecallAt(3) >= 0.71, $"Recall@3 {metrics.RecallAt(3):F3} < 0.71; misses: {string.Join(" | ", misses)}");
        Assert.True(metrics.Mrr >= 0.70, $"MRR@10 {metrics.Mrr:F3} < 0.70");
    }

    /// <summary>A question the official texts do not answer must not be answered with an official article that only
    /// shares its words: the first hit is our own text (a card or guide entry), which says what we lack and where to ask.</summary>
    [SkippableFact]
    public void Questions_our_texts_do_not_answer_lead_with_our_own_words_not_an_official_article()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-blind5-none.jsonl"));
        Assert.True(questions.Count >= 20);
        Assert.All(questions, q => Assert.Empty(q.Relevant));
        var failures = questions
            .Select(q => (q, first: corpus.Engine.Search(q.Question).Hits.FirstOrDefault()))
            .Where(x => x.first is { Kind: HitKind.Official })
            .Select(x => $"{x.q.Id}: {x.q.Question} → {x.first!.Doc} Điều {x.first.Article}")
            .ToList();
        Assert.Empty(failures);
    }
}
