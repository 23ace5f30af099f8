using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Search;

public sealed class CandidateRerankerAnswerKindTests
{
    [Theory]
    [InlineData("Thời hạn tạm thời cách ly trẻ em khỏi cha mẹ tối đa là bao lâu?", AnswerKind.Time | AnswerKind.Quantity)]
    [InlineData("thoi han phe duyet ke hoach ho tro la bao lau", AnswerKind.Time)]
    [InlineData("Xã phải gửi báo cáo lên huyện trước ngày nào?", AnswerKind.Time)]
    [InlineData("Cán bộ xã theo dõi trẻ vào những thời điểm nào?", AnswerKind.Time)]
    [InlineData("Diễn đàn trẻ em cấp xã cần bao nhiêu em tham gia?", AnswerKind.Quantity)]
    [InlineData("mỗi người phụ trách được trông mấy em", AnswerKind.Quantity)]
    [InlineData("Trẻ em khuyết tật có những quyền gì?", AnswerKind.None)]
    [InlineData("con bị đánh thì báo ai", AnswerKind.None)]
    public void Tells_which_kind_of_answer_a_question_asks_for(string question, AnswerKind expected) =>
        Assert.Equal(expected, CandidateReranker.Asks(question));
}

/// <summary>The reranker over the real texts: it decides only the first place, scores still fall down the list, and
/// over the evaluation sets it was not fitted to measure it does not lose what the plain ranking had.</summary>
[Collection(CorpusCollection.Name)]
public sealed class CandidateRerankerCorpusTests(CorpusIndexFixture corpus)
{
    private const string Law = "102/2016/QH13";

    private KnowledgeSearchEngine Plain => new(corpus.Index, SearchWeights.Default with { RerankDepth = 0 });

    [SkippableFact]
    public void Only_the_first_place_changes_and_scores_still_fall()
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-blind2.jsonl"));
        var changed = 0;
        foreach (var q in questions)
        {
            var plain = Plain.Search(q.Question, new SearchOptions(Top: 10)).Hits;
            var reranked = corpus.Engine.Search(q.Question, new SearchOptions(Top: 10)).Hits;
            for (var i = 1; i < reranked.Count; i++) Assert.True(reranked[i - 1].Score >= reranked[i].Score, q.Question);
            if (Key(plain[0]) == Key(reranked[0])) continue;
            changed++;
            // The new first article came from the plain top 3; the others keep their order behind it.
            var from = plain.Select(Key).ToList().IndexOf(Key(reranked[0]));
            Assert.InRange(from, 1, SearchWeights.Default.RerankDepth - 1);
            Assert.Equal(plain.Where((_, i) => i != from).Select(Key).Take(9), reranked.Skip(1).Select(Key).Take(9));
        }
        Assert.True(changed > 0, "the reranker never changed a first article");
    }

    [SkippableTheory]
    // The question names the Law and asks for rights: the Law's article on the rights of disabled children, not the
    // decree's article listing the degrees of disability, which shares more words with it.
    [InlineData("Con tôi bị khuyết tật vận động nặng thì theo Luật Trẻ em cháu được hưởng những quyền gì?", Law, 35)]
    // Two articles on the Action Month: the circular's list of activities answers "what happens", the Law's article
    // only says that there is such a month.
    [InlineData("Trong Tháng hành động vì trẻ em, phường thường làm những hoạt động gì cho các em?", "28/2019/TT-BLĐTBXH", 3)]
    public void Puts_first_the_article_that_answers(string question, string doc, int article)
    {
        var plain = Plain.Search(question).Hits;
        Assert.NotEqual((doc, article), (plain[0].Doc, plain[0].Article!.Value));
        var hits = corpus.Engine.Search(question).Hits;
        Assert.Equal((doc, article), (hits[0].Doc, hits[0].Article!.Value));
    }

    /// <summary>R@1 over every set but the third blind set's odd half is what the weights were fitted on, so this only
    /// guards against losing ground; the odd half is the honest estimate and is reported, not asserted here.</summary>
    [SkippableFact]
    public void Does_not_lose_first_places_the_plain_ranking_had()
    {
        var files = new[]
        {
            RepositoryPaths.Data("retrieval-own.jsonl"), RepositoryPaths.Evaluation("retrieval-blind2.jsonl"),
            RepositoryPaths.Evaluation("retrieval-heldout.jsonl"), RepositoryPaths.Evaluation("retrieval-teencode.jsonl"),
            RepositoryPaths.Evaluation("retrieval-chat.jsonl"),
        };
        foreach (var file in files)
        {
            var questions = QuestionFile.Read(file);
            var reranked = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
            var plain = RetrievalEvaluator.Evaluate(new EngineRetriever(Plain), questions);
            Assert.True(reranked.RecallAt(1) >= plain.RecallAt(1), $"{Path.GetFileName(file)}: R@1 {reranked.RecallAt(1):F3} < {plain.RecallAt(1):F3}");
            Assert.True(reranked.RecallAt(3) >= plain.RecallAt(3) - 1e-9, $"{Path.GetFileName(file)}: R@3 {reranked.RecallAt(3):F3} < {plain.RecallAt(3):F3}");
        }
    }

    private static (string, int?) Key(SearchHit h) => (h.Doc, h.Article);
}
