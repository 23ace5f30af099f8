namespace ActionMonth.Bot.Escalation;

/// <summary>The Escalation section of the configuration (interfaces.md, plus the escalation flow's own tuning).</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Bearer key of the operator API (/api/cases…). Empty: the API is off and answers 404.</summary>
    public string OperatorApiKey { get; set; } = string.Empty;

    /// <summary>The hotline's case system. Both the URL and the secret are needed for the webhook to be on.</summary>
    public string WebhookUrl { get; set; } = string.Empty;

    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>When true, the webhook body carries the excerpt (case opened) and the user's messages (field
    /// <c>text</c>). Off by default: the hotline's system gets ids and categories only.</summary>
    public bool IncludeTextInWebhook { get; set; }

    /// <summary>How long one webhook POST may take before it counts as "no answer" and is retried.</summary>
    public double WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>An unclaimed case re-sends the hotline numbers to the user after this long (once per case).</summary>
    public double ClaimTimeoutMinutes { get; set; } = 5;

    /// <summary>An unclaimed case this old expires: the conversation goes back to the Q&amp;A, the case stays stored for
    /// operators to claim or close, and the operator channels get a statusChanged (expired). 0 or less: never.</summary>
    public double UnclaimedCaseExpiryHours { get; set; } = 72;

    /// <summary>A claimed case whose user wrote and got no word from the counsellor for this long reminds the operator
    /// channels (userWaiting), once per unanswered stretch: the counsellor may have left. 0 or less: never.</summary>
    public double UnansweredReminderMinutes { get; set; } = 10;

    /// <summary>How often unclaimed cases are checked against <see cref="ClaimTimeoutMinutes"/> and
    /// <see cref="UnclaimedCaseExpiryHours"/>.</summary>
    public double ClaimTimeoutCheckSeconds { get; set; } = 15;

    /// <summary>Excerpts, the user's and operators' messages of a case, and the conversation reference of a closed
    /// case are deleted after this many days (counted from when they were written, or from the close).</summary>
    public int ExcerptRetentionDays { get; set; } = 30;

    /// <summary>How much of the disclosure is kept as the case's excerpt (characters).</summary>
    public int ExcerptMaxLength { get; set; } = 500;

    /// <summary>How much of one user or operator message is relayed (characters).</summary>
    public int MessageMaxLength { get; set; } = 4000;

    /// <summary>A case's plain user messages are relayed (webhook userMessage, operators' chat) at most this many times
    /// a minute; the rest of a flood is stored at once and relayed together when the next minute opens ("+K tin
    /// nhắn"). A disclosure, a decline or a status change is never held, and pulls held messages out with it. A claimed
    /// case is a live conversation with a counsellor and is never capped. 0: no cap.</summary>
    public int RelayMaxPerMinute { get; set; } = 10;

    /// <summary>The longest the safety reply waits for the case to be stored. Past it the reply goes out anyway
    /// and the case is kept in memory and stored as soon as the database lets it.</summary>
    public int CaseStoreBudgetMilliseconds { get; set; } = 2000;

    public OutboxOptions Outbox { get; set; } = new();

    public OperatorChatOptions Telegram { get; set; } = new();

    /// <summary>Escalation is on (cases are opened) when somebody can hear about a case: the webhook, the
    /// operators' Telegram chat, or the operator API.</summary>
    public bool AnyDestinationConfigured =>
        WebhookConfigured || !string.IsNullOrWhiteSpace(Telegram.OperatorChatId) || OperatorApiEnabled;

    public bool WebhookConfigured => !string.IsNullOrWhiteSpace(WebhookUrl) && !string.IsNullOrEmpty(WebhookSecret);

    public bool OperatorApiEnabled => !string.IsNullOrEmpty(OperatorApiKey);
}

/// <summary>Escalation:Outbox: how notifications are retried.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the dispatcher looks for due rows when nothing woke it.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>How long a dispatcher owns the rows it took; a crashed owner's rows are taken over after this.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>The first retry waits about this long; each failure doubles it, up to <see cref="MaxDelaySeconds"/>.</summary>
    public double BaseDelaySeconds { get; set; } = 2;

    public double MaxDelaySeconds { get; set; } = 300;

    public int BatchSize { get; set; } = 20;

    /// <summary>From this many failed attempts on, every further failure is logged at error level.</summary>
    public int LoudAfterAttempts { get; set; } = 3;
}

/// <summary>Escalation:Telegram (the operators' chat is implemented by the Telegram channel).</summary>
public sealed class OperatorChatOptions
{
    public string OperatorChatId { get; set; } = string.Empty;
}
