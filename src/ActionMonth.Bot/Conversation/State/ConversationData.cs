namespace ActionMonth.Bot.Conversation.State;

/// <summary>What the bot keeps about one conversation (ConversationState): whether it has greeted, and the
/// article and answer the conversation is about, for follow-ups and feedback. Ids and numbers only.</summary>
public sealed class ConversationData
{
    public bool Welcomed { get; set; }

    /// <summary>The article the last answer was about ("còn khoản 2 thì sao?" refers to it).</summary>
    public ArticleReference? LastArticle { get; set; }

    /// <summary>The last answer given, so 👍/👎 and reactions can name it.</summary>
    public AnswerRecord? LastAnswer { get; set; }

    /// <summary>True once "nói rõ hơn" has shown the guide's explanation of <see cref="LastArticle"/>, so the next
    /// one shows the official text instead of repeating itself.</summary>
    public bool LastArticleExplained { get; set; }

    /// <summary>How many more messages pass before the gentle line with 111 is said again for a concern: said on every
    /// such message, or every other, it reads like a machine. 0 (and not written) when it may be said.</summary>
    [Newtonsoft.Json.JsonProperty(DefaultValueHandling = Newtonsoft.Json.DefaultValueHandling.Ignore)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int ConcernLineQuiet { get; set; }

    /// <summary>Set by a safety reply, for the messages that follow it (see <c>SafetyFollowUps</c>); null otherwise, and
    /// then not written at all.</summary>
    [Newtonsoft.Json.JsonProperty(NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SafetyFollowUp? AfterSafety { get; set; }
}

/// <summary>How many more messages get the safety follow-up when the bot has no sure answer, and whether the safety
/// reply spoke to a child.</summary>
public sealed record SafetyFollowUp(int TurnsLeft, bool ToChild);

public sealed record ArticleReference(string Doc, int Article, int? Clause = null);

/// <summary>One answer the bot gave: its id and where it came from (never the text of the question).</summary>
public sealed record AnswerRecord(
    string Id,
    string Kind,
    string? CardId,
    string? Doc,
    int? Article,
    int? Clause,
    string Confidence);
