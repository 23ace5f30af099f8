using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace ActionMonth.Knowledge.Tests.Search;

/// <summary>
/// The confidence the bot acts on, over the committed question sets with the official corpus and knowledge/
/// indexed: in-scope questions are answered (medium or high), off-topic ones never are (low or none), and high means
/// the first hit is right. The sets in Evaluation/ were written before the thresholds were chosen. Each test prints
/// its calibration table.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class ConfidenceCalibrationTests(CorpusIndexFixture corpus, ITestOutputHelper output)
{
    private static readonly string[] Sets = ["dev", "own", "heldout", "chat", "teencode"];

    /// <summary>Least share of each set's in-scope questions answered with medium or high confidence. Questions typed
    /// in teencode and colloquial paraphrase share fewer words with the texts than off-topic questions about
    /// children do: 39 of 52 are answered (75%) when this floor was set.</summary>
    private static readonly Dictionary<string, double> AnsweredFloor = new()
    {
        ["dev"] = 0.90, ["own"] = 0.90, ["heldout"] = 0.90, ["chat"] = 0.90, ["teencode"] = 0.70,
    };

    public static TheoryData<string> InScopeSets => new(Sets);

    [SkippableTheory]
    [MemberData(nameof(InScopeSets))]
    public void In_scope_questions_are_answered_with_medium_or_high_confidence(string set)
    {
        var rows = Calibrate(Questions(set), set);
        var inScope = rows.Sum(r => r.InScope);
        var answered = rows.Where(r => r.Level >= Confidence.Medium).Sum(r => r.InScope);
        Assert.True(inScope > 0);
        Assert.True(answered >= AnsweredFloor[set] * inScope, $"{set}: {answered} of {inScope} in-scope questions are medium or high");
    }

    [SkippableTheory]
    [InlineData("offtopic.jsonl", 30)]
    [InlineData("offtopic-child.jsonl", 30)]
    // Long everyday stories that mention children (homework, travel, a cough, buying a flat): a long question needs less
    // of its words in the answer (ConfidenceCalibrator.LongQuestionTerms), and these must still go unanswered.
    [InlineData("offtopic-long.jsonl", 7)]
    public void Off_topic_questions_never_reach_medium_or_high(string file, int atLeast)
    {
        var questions = QuestionFile.Read(RepositoryPaths.Evaluation(file));
        Assert.True(questions.Count >= atLeast);
        Assert.All(questions, q => Assert.Empty(q.Relevant));
        var answered = questions.Select(q => (q.Question, corpus.Engine.Search(q.Question).Confidence))
            .Where(r => r.Confidence >= Confidence.Medium).Select(r => $"{r.Question}: {r.Confidence}").ToList();
        Calibrate(questions, file);
        Assert.Empty(answered);
    }

    [SkippableFact]
    public void High_confidence_means_the_first_hit_is_right_and_medium_a_right_hit_in_the_top_three()
    {
        var rows = Calibrate(Sets.SelectMany(Questions).ToList(), "all in-scope sets");
        var high = rows.Single(r => r.Level == Confidence.High);
        var medium = rows.Single(r => r.Level == Confidence.Medium);
        Assert.True(high.InScope >= 50);
        Assert.True(high.ShareRightAtOne >= 0.90, $"high: right at 1 for {high.ShareRightAtOne:P0}");
        Assert.True(high.ShareRightInTopThree >= 0.97, $"high: right in the top 3 for {high.ShareRightInTopThree:P0}");
        Assert.True(medium.ShareRightInTopThree >= 0.90, $"medium: right in the top 3 for {medium.ShareRightInTopThree:P0}");
    }

    [SkippableTheory]
    // Short questions made only of common words, asked as a card asks them: once "I am not sure".
    [InlineData("Trẻ em có những quyền gì?")]
    [InlineData("em co nhung quyen gi")]
    [InlineData("trẻ em có quyền gì")]
    // A follow-up put together from an article's title names the document, not a child.
    [InlineData("Tiếp nhận và phối hợp xử lý thông tin ap dung cho ai (Nghị định 56)")]
    public void Short_common_word_questions_and_questions_about_a_named_document_are_answered(string q) =>
        Assert.True(corpus.Engine.Search(q).Confidence >= Confidence.Medium, q);

    private List<EvalQuestion> Questions(string set) => set switch
    {
        "dev" => QuestionFile.Read(SharedData.Eval("retrieval-dev.jsonl")).ToList(),
        "own" => QuestionFile.Read(RepositoryPaths.Data("retrieval-own.jsonl")).ToList(),
        "heldout" => QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-heldout.jsonl")).ToList(),
        "chat" => QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-chat.jsonl")).ToList(),
        "teencode" => QuestionFile.Read(RepositoryPaths.Evaluation("retrieval-teencode.jsonl")).ToList(),
        _ => throw new ArgumentException(set, nameof(set)),
    };

    private IReadOnlyList<CalibrationRow> Calibrate(IReadOnlyList<EvalQuestion> questions, string name)
    {
        var metrics = RetrievalEvaluator.Evaluate(new EngineRetriever(corpus.Engine), questions);
        var results = questions.Zip(metrics.Outcomes, (q, o) => (corpus.Engine.Search(q.Question).Confidence, o));
        var rows = ConfidenceCalibrationTable.Build(results);
        output.WriteLine($"{name}: {questions.Count} questions");
        foreach (var line in ConfidenceCalibrationTable.Format(rows)) output.WriteLine(line);
        return rows;
    }
}
