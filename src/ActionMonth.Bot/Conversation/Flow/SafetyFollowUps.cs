using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Resources;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Text;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Conversation.Flow;

/// <summary>
/// The messages right after a safety reply ("should I wait until tomorrow?", "I have no phone", "will my dad go to
/// prison?", "never mind, I was joking"). For a few messages, an answer the bot is not sure of — and, for a child, any
/// answer that is not a card written for children — is replaced by the safety follow-up: do not wait, where to turn,
/// what not to do, and for a child that telling is right and the door stays open. Sure answers for adults go through.
/// </summary>
public sealed class SafetyFollowUps(IKnowledgeCatalog catalog, CitationFormatter citations, KnowledgeReadiness readiness,
    EscalationAvailability escalation)
{
    /// <summary>How many of the following messages a safety reply covers.</summary>
    public const int Turns = 5;

    /// <summary>The answer kind the follow-up is recorded as.</summary>
    public const string Kind = "safety-follow-up";

    // Who must report at once: NĐ 56/2017 Điều 25 khoản 1, named only when the catalog confirms it.
    private static readonly Citation ReportAtOnce = new("56/2017/NĐ-CP", 25, 1);

    /// <summary>Called when a safety reply is sent: the next messages are covered, and the article talked about before
    /// no longer is ("còn khoản 2 thì sao?" must not reach back across a disclosure). <paramref name="toChild"/> is whom
    /// the safety reply spoke to, so the follow-ups speak to the same person.</summary>
    public static void Start(ConversationData conversation, bool toChild)
    {
        conversation.AfterSafety = new SafetyFollowUp(Turns, toChild);
        conversation.LastArticle = null;
        conversation.LastArticleExplained = false;
    }

    /// <summary>The answer to send for a question: <paramref name="answer"/> itself, or the safety follow-up in its place.
    /// Counts the message against the covered ones. An adult who moves on to a new topic (<see cref="DisclosureTalk"/>)
    /// gets the answer to it, with a one-line reminder of the report when it is the first message after the safety
    /// reply; a child always gets the follow-up unless the answer is a card written for children.</summary>
    public ComposedReply Apply(ConversationData conversation, ComposedReply answer, UiText ui, string? question = null)
    {
        if (conversation.AfterSafety is not { } context) return answer;
        var first = context.TurnsLeft == Turns;
        conversation.AfterSafety = context.TurnsLeft > 1 ? context with { TurnsLeft = context.TurnsLeft - 1 } : null;
        if (context.ToChild ? ForChildren(answer) && !IsShortStatement(question) : Sure(answer)) return answer;
        if (!context.ToChild && question is not null && !DisclosureTalk.IsAbout(question))
            return first ? WithReminder(answer, ui) : answer;
        // Said once in full; the same long text again reads like a machine, so a repeat is short.
        return FollowUp(context.ToChild, conversation.LastAnswer?.Kind == Kind, answer, ui);
    }

    /// <summary>A few words that ask nothing ("em sợ lắm", "em đau quá", "bố lại về rồi"): right after a safety reply, a
    /// child saying how they feel or what is happening, not asking the knowledge base. "em sợ lắm" matched a children's
    /// card on private parts, given to a child who had just told of being beaten.</summary>
    internal static bool IsShortStatement(string? message)
    {
        if (string.IsNullOrWhiteSpace(message) || message.Contains('?')) return false;
        var words = VietnameseText.Words(VietnameseText.Normalize(message));
        if (words.Count == 0 || words.Count > ShortStatementWords) return false;
        foreach (var word in words)
            if (Interrogatives.Contains(word) || !VietnameseText.HasDiacritics(word) && UnmarkedInterrogatives.Contains(word)) return false;
        return true;
    }

    private const int ShortStatementWords = 6;

    // Words that make a message a question: "gì", "sao", "nào", "ai", "đâu", "mấy", "không"/"chưa" (at the end: "… được
    // không"), chat forms ("ko", "k", "hông", "hả"), English.
    private static readonly HashSet<string> Interrogatives = new(StringComparer.Ordinal)
    {
        "gì", "sao", "nào", "ai", "đâu", "mấy", "bao", "không", "chưa", "hả", "hông", "hem", "ko", "k", "hok",
        "what", "why", "how", "who", "where", "when", "which", "can", "should", "is", "are", "do", "does",
    };

    // Without marks only where the syllable cannot be a statement's word: "dau" may be "đau" (it hurts), "bao" "báo".
    private static readonly HashSet<string> UnmarkedInterrogatives = new(StringComparer.Ordinal) { "gi", "nao", "khong", "chua", "ha" };

    private static ComposedReply WithReminder(ComposedReply answer, UiText ui) =>
        answer with { Activities = [WelcomeComposer.Message(ui, ui.SafetyReminder), .. answer.Activities] };

    private static bool Sure(ComposedReply answer) => answer.Answer?.Confidence is "high" or "medium";

    private bool ForChildren(ComposedReply answer) =>
        Sure(answer) && answer.Answer?.CardId is { } id && catalog.GetCard(id)?.Audience is Audience.Child or Audience.All;

    private ComposedReply FollowUp(bool toChild, bool again, ComposedReply replaced, UiText ui)
    {
        Citation[] cited = toChild || again || !readiness.IsReady ? [] : [.. citations.Verified([ReportAtOnce])];
        var line = cited.Length == 0 ? null : citations.Describe(cited[0], ui);
        var reply = WelcomeComposer.Message(ui, again ? ui.SafetyFollowUpAgain(toChild) : ui.SafetyFollowUp(toChild, line));
        reply.Entities = cited.Select(CitationFormatter.ToEntity).ToList();
        // Where to turn first; for an adult the topics the uncertain answer offered stay as further choices.
        var actions = new List<CardAction>();
        if (escalation.Enabled) actions.Add(ReplyActions.Say(ui.ChoiceConnectCounsellor));
        if (toChild) actions.Add(ReplyActions.Say(ui.ChoiceSafeNow));
        else if (replaced.Activities is [Activity { SuggestedActions.Actions: { } offered }])
            actions.AddRange(offered.Where(a => a.Type == ActionTypes.ImBack).Take(3));
        reply.SuggestedActions = new SuggestedActions { Actions = actions };
        return new ComposedReply([reply], new AnswerRecord(ComposedReply.NewAnswerId(), Kind, null,
            cited.FirstOrDefault()?.Doc, cited.FirstOrDefault()?.Article, cited.FirstOrDefault()?.Clause,
            replaced.Answer?.Confidence ?? "none"));
    }
}
