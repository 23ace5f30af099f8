using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Search;

/// <summary>The confidence rules on their own, with evidence put together by hand, and the scope vocabulary.</summary>
public sealed class ConfidenceRuleTests
{
    private static ConfidenceEvidence Evidence(double answer, double line, double margin, double score, bool inScope = true, int terms = 8) =>
        new(new Coverage(answer, answer), new Coverage(line, line), new Coverage(answer, answer), margin, score, inScope, terms);

    [Fact]
    public void A_long_story_needs_less_of_its_words_in_the_answer_but_the_same_support()
    {
        // A quarter of a short question is too little; a quarter of a story around its question is what answers hold.
        Assert.Equal(Confidence.None, ConfidenceCalibrator.Decide(Evidence(0.25, 0.1, 0.05, 300, terms: 12)));
        Assert.Equal(Confidence.Medium, ConfidenceCalibrator.Decide(Evidence(0.25, 0.1, 0.05, 300, terms: ConfidenceCalibrator.LongQuestionTerms)));
        // Support is still 0.25 × score: a weak match stays unanswered however long the question.
        Assert.Equal(Confidence.None, ConfidenceCalibrator.Decide(Evidence(0.25, 0.1, 0.05, 120, terms: 30)));
        Assert.Equal(Confidence.None, ConfidenceCalibrator.Decide(Evidence(0.15, 0.1, 0.05, 600, terms: 30)));
    }

    [Fact]
    public void Well_supported_answers_are_medium_and_high_when_nothing_else_comes_close()
    {
        Assert.Equal(Confidence.Medium, ConfidenceCalibrator.Decide(Evidence(0.6, 0.4, 0.05, 120)));
        Assert.Equal(Confidence.High, ConfidenceCalibrator.Decide(Evidence(0.6, 0.4, 0.3, 120)));
    }

    [Fact]
    public void A_question_asked_in_a_cards_own_words_is_answered_though_its_words_are_common()
    {
        // Support 0.95 × 30 is far below the answer threshold; the title line holds the whole question.
        Assert.Equal(Confidence.High, ConfidenceCalibrator.Decide(Evidence(0.95, 0.9, 0.15, 30)));
        Assert.Equal(Confidence.Low, ConfidenceCalibrator.Decide(Evidence(0.95, 0.5, 0.15, 45)));
        // One common word alone scores too little to mean anything, however well a line holds it.
        Assert.Equal(Confidence.None, ConfidenceCalibrator.Decide(Evidence(1.0, 1.0, 0.5, 10)));
    }

    [Fact]
    public void A_question_outside_the_scope_is_never_answered_with_confidence()
    {
        Assert.Equal(Confidence.Low, ConfidenceCalibrator.Decide(Evidence(0.9, 0.6, 0.5, 200, inScope: false)));
        Assert.Equal(Confidence.None, ConfidenceCalibrator.Decide(Evidence(0.2, 0.1, 0.5, 200)));
    }

    [Fact]
    public void A_question_asked_in_one_of_our_own_lines_is_in_scope_though_it_names_no_child() =>
        // "Phải báo trong bao lâu?": a card's own question.
        Assert.Equal(Confidence.High, ConfidenceCalibrator.Decide(Evidence(1.0, 1.0, 0.5, 180, inScope: false)));

    [Theory]
    [InlineData("con tôi bị đánh ở trường", true)]
    [InlineData("con toi bi danh o truong", true)]
    [InlineData("bố dượng hay chửi em", true)]
    [InlineData("giá vàng hôm nay", false)]
    [InlineData("luật giao thông đường bộ mới", false)]
    // With diacritics a word must match exactly: "bộ" (ministry) is not "bố" (father).
    [InlineData("Bộ Tài chính ở đâu", false)]
    public void Scope_vocabulary_tells_questions_about_children_from_others(string question, bool inScope) =>
        Assert.Equal(inScope, ScopeVocabulary.Default.Mentions(VietnameseText.Words(VietnameseText.Normalize(question))));

    [Fact]
    public void An_everyday_phrase_is_covered_by_a_text_that_holds_the_legal_phrase_it_stands_for()
    {
        var terms = new Dictionary<string, double> { ["bam"] = 3, ["tim"] = 3, ["ba"] = 1 };
        var pairs = new Dictionary<string, double> { ["bam_tim"] = 4, ["ba_bam"] = 2 };
        var paraphrase = new ActionMonth.Knowledge.Analysis.Paraphrase(["bam", "tim"], ["bam_tim"], [["bao", "luc"]]);
        var text = new HashSet<string> { "ba", "bao", "luc" };
        var textPairs = new HashSet<string> { "bao_luc" };
        var plain = new CoverageMeter(terms, pairs).Of(text, textPairs);
        var paraphrased = new CoverageMeter(terms, pairs, [paraphrase]).Of(text, textPairs);
        Assert.Equal(1 / 7.0, plain.Terms, 6);
        Assert.Equal(0, plain.Pairs, 6);
        Assert.Equal(1.0, paraphrased.Terms, 6);
        // A pair across the phrase's edge ("ba_bam") is still the user's own and stays uncovered.
        Assert.Equal(4 / 6.0, paraphrased.Pairs, 6);
        // Only the whole legal phrase counts: "bạo" alone is not "bạo lực".
        Assert.Equal(plain, new CoverageMeter(terms, pairs, [paraphrase]).Of(new HashSet<string> { "ba", "bao" }, new HashSet<string>()));
    }
}
