using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Resources;

/// <summary>
/// Every sentence the bot says that is not knowledge content, for one language. Vietnamese is the default;
/// English is used once a user writes English or asks for it. Texts that depend on who is listening take the
/// role: children get short, warm sentences in simple words. The only phone numbers here are the four national
/// ones (111, 113, 114, 115); everything else comes from the hotline directory.
/// </summary>
public abstract class UiText
{
    public static UiText For(string? language) =>
        language == UiLanguages.English ? EnglishUiText.Instance : VietnameseUiText.Instance;

    public abstract string Language { get; }
    public abstract string Locale { get; }

    // Welcome and roles
    public abstract string Welcome(int retentionDays, bool escalationEnabled);
    public abstract string WelcomeBrief(int retentionDays);
    public abstract string RoleQuestion { get; }
    public abstract string RoleChoice(Audience role);
    public abstract string RoleConfirmed(Audience role);
    public abstract IReadOnlyList<string> ExampleQuestions(Audience role);

    // Commands and small talk
    public abstract string Help(Audience? role);
    public abstract string ActionHotlines { get; }
    public abstract string ActionChangeRole { get; }
    public abstract string ActionOtherLanguage { get; }
    public abstract string ActionRestart { get; }
    public abstract string HotlinesIntro { get; }
    public abstract string HotlineEntry(Hotline hotline);
    public abstract string HotlinesFooter { get; }
    public abstract string RestartDone { get; }
    public abstract string LanguageChosen { get; }
    public abstract string Greeting(Audience? role);
    public abstract string Thanks(Audience? role);
    public abstract string AboutBot(Audience? role);
    /// <summary>To a message of emoji or punctuation only; <paramref name="sad"/> for crying or frightened faces.</summary>
    public abstract string Wordless(Audience? role, bool sad);
    public abstract string Acknowledged(Audience? role);
    public abstract string FeedbackThanks(bool positive);
    public abstract string FeedbackNothingToRate { get; }

    // Answers
    public abstract string CitationLine(string citations);
    public abstract string ArticleName(int article);
    public abstract string ClausePart(int clause);
    public abstract string PointPart(string point);
    public abstract string FullTextAction(int article);
    public abstract string FullTextHeading(int article, string title, string shortName);
    public abstract string FullTextContinued(int part, int parts);
    public abstract string FullTextUnavailable(int article, string shortName);
    public abstract string ClauseHeading(int article, int clause, string shortName);
    public abstract string ClauseMissing(int article, int clause, string shortName, int clauseCount);
    /// <summary>An article the document does not have; <paramref name="lastArticle"/> is its last article's number, 0 when
    /// we do not hold its text.</summary>
    public abstract string ArticleMissing(int article, string shortName, int lastArticle);
    /// <summary>Said before a summary of a document whose official text we do not hold (a directive, a local plan).</summary>
    public abstract string NoOfficialText(string shortName);
    public abstract string ExplainHeading(int article, string shortName);
    public abstract string NoEarlierArticle { get; }
    public abstract string NoSummary(int article, string shortName);
    public abstract string ExamplesLead(int article, string shortName);
    public abstract string NoExamples(int article, string shortName);
    /// <summary>A button that asks "nói rõ hơn" (understood typed as well).</summary>
    public abstract string ActionExplain { get; }
    public abstract string OfficialTextQuote { get; }
    public abstract string LowConfidence(Audience? role);
    public abstract string ClosestTopics { get; }
    public abstract string NoAnswer(Audience? role);
    /// <summary>Opens the reporting answer given to a question about harm that the engine could not answer.</summary>
    public abstract string HarmQuestionLeadIn(Audience? role);
    public abstract string ContentInVietnamese { get; }
    public abstract string MinistryReorganisationNote { get; }
    public abstract string DistrictReorganisationNote { get; }

    // Input the bot cannot use as it is
    public abstract string LongMessage(int limit);
    public abstract string AttachmentNotSupported(Audience? role);
    public abstract string RateLimited(Audience? role);
    public abstract string TurnError { get; }

    // Safety (issue 5 §2)
    public abstract string SafetyTitle(Reporter reporter);
    public abstract string SafetyForChild(DisclosureLevel level, DisclosureCategory category, bool caseOpened);
    public abstract string SafetyForAdult(DisclosureLevel level, bool caseOpened, string? reportingCitations);
    /// <summary>Title of the reply to a child telling about another child (a friend, a sibling).</summary>
    public abstract string SafetyTitleChildWitness { get; }
    /// <summary>Title of the reply to an adult when a child's life is in danger now.</summary>
    public abstract string SafetyTitleAdultEmergency { get; }
    /// <summary>The safety reply to a child telling about another child: tell a trusted adult now, even if asked to keep
    /// it secret; 111; 113/115 when the other child is in danger now.</summary>
    public abstract string SafetyForChildWitness(DisclosureLevel level, DisclosureCategory category, bool caseOpened);
    /// <summary>Said instead of an uncertain answer in the turns after a safety reply: do not wait, where to turn, what
    /// not to do. <paramref name="reportingCitation"/> names the rule on reporting at once, when the catalog confirms it.</summary>
    public abstract string SafetyFollowUp(bool toChild, string? reportingCitation);
    /// <summary>The follow-up again, short, when the last reply was the follow-up already.</summary>
    public abstract string SafetyFollowUpAgain(bool toChild);
    /// <summary>Said once before the answer to an adult who asks about something else right after a safety reply.</summary>
    public abstract string SafetyReminder { get; }
    public abstract string CallAction(string number);
    public abstract string ChoiceConnectCounsellor { get; }
    public abstract string ChoiceSafeNow { get; }
    public abstract string ChoiceAskMore(Reporter reporter);
    public abstract string ConcernLine(Audience? role);
    public abstract string CounsellorNotConnected(Audience? role);
    public abstract string SafeNowReply { get; }
    public abstract string AskMoreReply(Audience? role);
}
