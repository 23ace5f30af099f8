namespace ActionMonth.Knowledge.Search;

/// <summary>What the confidence of a result is decided from.</summary>
/// <param name="Answer">Coverage of the question by the passage that would be shown as the answer (its titles and
/// body): IDF-weighted shares of the question's content terms and syllable pairs that it holds.</param>
/// <param name="Line">Coverage of the question by that passage's best title line: a card asked in nearly these words,
/// a guide entry or article titled as the question's topic.</param>
/// <param name="Article">Coverage by the top article's three best passages together (shown by `eval -v`).</param>
/// <param name="Margin">How far the top article is ahead of the next article that would answer with something else,
/// relative to its score. Articles lifted by one card citing them all agree rather than compete.</param>
/// <param name="TopScore">The top article's aggregated score, for a question without diacritics scaled up to make up
/// for the exact form it does not query. Its scale depends on the indexed content.</param>
/// <param name="InScope">Whether the question names a child, someone around a child or a child-protection matter
/// (<see cref="ScopeVocabulary"/>).</param>
/// <param name="Terms">How many distinct content terms the question has (question words left out).</param>
public readonly record struct ConfidenceEvidence(Coverage Answer, Coverage Line, Coverage Article, double Margin, double TopScore, bool InScope,
    int Terms = 0)
{
    /// <summary>The score the answer earns for the part of the question it holds: the top score discounted by what
    /// the answer leaves out. A short question whose words are all common ("trẻ em có những quyền gì") scores low but
    /// is fully covered; an off-topic question that shares common words with the texts is poorly covered.</summary>
    public double Support => Answer.Joint * TopScore;
}

/// <summary>
/// Maps <see cref="ConfidenceEvidence"/> to the confidence the bot acts on: high and medium get a full answer
/// (medium also offers the other close topics), low gets "I am not sure" with the closest topics, none gets "I do not
/// have this" with 111. Calibrated with `eval -v` on ../shared/eval/retrieval-dev.jsonl (40),
/// tests/ActionMonth.Knowledge.Tests/Data/retrieval-own.jsonl (78), and in tests/ActionMonth.Knowledge.Tests/Evaluation
/// retrieval-heldout.jsonl (42), retrieval-chat.jsonl (36, questions as people type them), retrieval-teencode.jsonl
/// (52, children and parents in chat shorthand), offtopic.jsonl (73: weather, football, cooking, homework,
/// greetings, other laws, the bot itself) and offtopic-child.jsonl (30: children's health, schooling, parenting
/// tips, other laws that name children), full knowledge/ and corpus indexed:
/// - high: 125 of the 248 in-scope questions, the first hit right for 94%, a relevant article in the top 3 for all;
/// - medium: 100 in-scope questions, a relevant article in the top 3 for 96%;
/// - low: 5 in-scope questions and 5 of the 103 off-topic ones;
/// - none: 18 in-scope questions (mostly teencode and colloquial paraphrase) and 98 off-topic ones.
/// Per set, medium or high: dev 36/40, own 76/78, held-out 39/42, chat 35/36, teencode 39/52. No off-topic question
/// is medium or high; the nearest in scope ("cuối tuần cho con đi chơi ở đâu Hà Nội") has support 47, while the teencode
/// questions left at none have support 20-40: lowering the threshold would answer off-topic questions about
/// children. The answer's coverage counts an everyday phrase of the question as held when the answer holds a legal
/// phrase the domain vocabulary maps it to (<see cref="CoverageMeter"/>). ConfidenceCalibrationTests holds
/// these properties.
/// </summary>
public static class ConfidenceCalibrator
{
    /// <summary>Least share of the question the answer must hold to count at all.</summary>
    public const double MinCoverage = 0.3;
    /// <summary>Least support for an answer (medium); in-scope answers start at 56, off-topic questions reach 46.</summary>
    public const double AnswerSupport = 55;
    /// <summary>Least support for offering the closest topics (low).</summary>
    public const double TopicSupport = 40;
    /// <summary>Least coverage by one title line for a question asked in the answer's own words: a short question
    /// made of common words ("trẻ em có quyền gì") earns little support however well it is matched. No off-topic
    /// question comes above 0.5.</summary>
    public const double AskedLine = 0.75;
    /// <summary>Least top score for such a question: one common word alone matches too many lines to mean much.</summary>
    public const double AskedScore = 20;

    /// <summary>Least coverage by one title line for the question to count as asked in that line's own words.</summary>
    public const double OwnWordsLine = 0.8;

    /// <summary>A question of at least this many distinct content terms is a story around its question ("Con trai tôi 15
    /// tuổi, tháng trước cùng nhóm bạn … thì cháu có quyền gì?"): no answer holds its narrative, so it needs only
    /// <see cref="LongMinCoverage"/>; the support it must earn is unchanged.</summary>
    public const int LongQuestionTerms = 20;
    public const double LongMinCoverage = 0.2;

    public static Confidence Decide(ConfidenceEvidence e)
    {
        var minCoverage = e.Terms >= LongQuestionTerms ? LongMinCoverage : MinCoverage;
        if (e.TopScore <= 0 || e.Answer.Joint < minCoverage) return Confidence.None;
        var asked = e.Line.Joint >= AskedLine && e.TopScore >= AskedScore;
        if (e.Support >= AnswerSupport || asked)
        {
            // A question asked in the words of one of our own lines (a card's question, an article's title) is in
            // scope by construction, whether or not it names a child ("Phải báo trong bao lâu?").
            var ownWords = e.Line.Joint >= OwnWordsLine;
            if (!e.InScope && !ownWords) return Confidence.Low;
            // High: the answer holds at least half the question and nothing else comes close, or the question is
            // asked in the answer's own words.
            if ((e.Answer.Joint >= 0.5 && e.Margin >= 0.2) || (ownWords && e.Margin >= 0.1)) return Confidence.High;
            return Confidence.Medium;
        }
        return e.Support >= TopicSupport ? Confidence.Low : Confidence.None;
    }
}
