using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Escalation;

/// <summary>Where a case is in its life: new (stored) → notified (an operator channel or the hotline's system has
/// it) → claimed (an operator is handling it) → closed. A case nobody claimed within Escalation:UnclaimedCaseExpiryHours
/// becomes expired: it stays stored for operators (who may still claim or close it), but the conversation is no
/// longer routed to it.</summary>
public enum CaseStatus { New, Notified, Claimed, Closed, Expired }

/// <summary>What a notification is about.</summary>
public enum NotificationKind
{
    /// <summary>A new case: operators should claim it.</summary>
    CaseOpened,
    /// <summary>The user wrote while the case is open: operators see it in the case thread.</summary>
    UserMessage,
    /// <summary>Nobody claimed the case in time: the user was given 111 again; operators are reminded.</summary>
    ClaimTimedOut,
    /// <summary>Status changed (claimed, closed, expired), for systems that mirror case state.</summary>
    StatusChanged,
    /// <summary>A further disclosure in the open case raised its level or told a category it did not have (self-harm
    /// in a bullying case): operators must look again.</summary>
    CaseEscalated,
    /// <summary>The user said they do not need a counsellor: their messages are no longer relayed while the case is
    /// unclaimed; the case stays for operators to close.</summary>
    UserDeclined,
    /// <summary>A message to the user (a counsellor's words, the claim, the close, the reminder with 111) has failed
    /// Escalation:Outbox:LoudAfterAttempts times in a row: the user may have blocked the bot or left, so operators must
    /// not assume their words are read. Delivery goes on being retried; told once per stuck message.</summary>
    UserUnreachable,
    /// <summary>The user of a claimed case wrote and the counsellor has not answered within
    /// Escalation:UnansweredReminderMinutes: is anyone still there? Told once per unanswered stretch.</summary>
    UserWaiting,
}

/// <summary>One message for the people who act on cases. Built from the stored case; <see cref="Text"/> is only
/// set where a channel is allowed to carry what the user wrote (the operators' chat, or the webhook when
/// configured), never for logs. <see cref="Status"/> is the status when the notification was written; <see cref="Now"/>
/// is the case as it is at delivery (level, categories, status, who claimed it, a decline), for a channel that shows
/// the case's current state (the operators' case card). A <see cref="NotificationKind.UserMessage"/> may stand for
/// several messages of a flood (<see cref="MessageCount"/>, their texts in <see cref="MessageTexts"/>).</summary>
public sealed record EscalationNotification(
    string NotificationId,
    string CaseId,
    NotificationKind Kind,
    DisclosureLevel Level,
    DisclosureCategory Category,
    string Channel,
    CaseStatus Status,
    DateTimeOffset CaseCreatedAt,
    string? Text = null,
    IReadOnlyList<DisclosureCategory>? Categories = null,
    DateTimeOffset? OccurredAt = null)
{
    /// <summary>Every category the case was told, the first one first.</summary>
    public IReadOnlyList<DisclosureCategory> AllCategories => Categories is { Count: > 0 } all ? all : [Category];

    /// <summary>How many user messages this notification carries (1 unless a flood or a backlog was relayed together).</summary>
    public int MessageCount { get; init; } = 1;

    /// <summary>Each carried message's text, in order, when <see cref="Text"/> may be carried (null otherwise).</summary>
    public IReadOnlyList<string>? MessageTexts { get; init; }

    /// <summary>The case at delivery (null when the sender did not read it).</summary>
    public CaseState? Now { get; init; }
}

/// <summary>Where a case stands at a given moment, without any text: what a case card shows.</summary>
public sealed record CaseState(
    CaseStatus Status,
    DisclosureLevel Level,
    IReadOnlyList<DisclosureCategory> Categories,
    string? ClaimedBy,
    DateTimeOffset? DeclinedAt,
    DateTimeOffset? ClaimTimedOutAt,
    DateTimeOffset LastActivityAt);

/// <summary>A destination of case notifications (the hotline's webhook, the operators' Telegram chat). The outbox
/// calls <see cref="DeliverAsync"/> until it returns without throwing, with backoff, across restarts, and
/// whichever instance is free; so delivery must be idempotent on <see cref="EscalationNotification.NotificationId"/>.</summary>
public interface IEscalationNotificationChannel
{
    /// <summary>A stable name stored with each outbox row ("webhook", "telegram-operators").</summary>
    string Name { get; }

    /// <summary>False when its configuration is missing: no outbox rows are created for it.</summary>
    bool IsConfigured { get; }

    /// <summary>Whether this channel receives this kind of notification (e.g. user messages go to operators only).</summary>
    bool Accepts(NotificationKind kind);

    Task DeliverAsync(EscalationNotification notification, CancellationToken cancellationToken);
}

/// <summary>Result of an operator action.</summary>
/// <summary>What an operator action did. <see cref="Replayed"/>: a message whose idempotency key the case already had,
/// from the same operator with the same text (a retry), was not sent again; <see cref="IdempotencyKeyReused"/>: that key
/// came with another text or operator, and nothing was sent.</summary>
public enum OperatorActionResult { Done, NotFound, AlreadyClaimedByAnother, AlreadyClosed, NotClaimed, Replayed, IdempotencyKeyReused }

/// <summary>What operators do with cases, whichever way they reach us (the operator HTTP API, the operators'
/// Telegram chat). Every call is audited with the operator id.</summary>
public interface IEscalationOperations
{
    Task<OperatorActionResult> ClaimAsync(string caseId, string operatorId, CancellationToken cancellationToken);

    /// <summary>Sends the operator's words to the user on whatever channel the user is on (proactive message).</summary>
    /// <param name="idempotencyKey">The client's key of this message (the HTTP <c>Idempotency-Key</c>), or null: a second
    /// call with a key the case already has sends nothing.</param>
    Task<OperatorActionResult> SendToUserAsync(string caseId, string operatorId, string text, string? idempotencyKey,
        CancellationToken cancellationToken);

    Task<OperatorActionResult> CloseAsync(string caseId, string operatorId, CancellationToken cancellationToken);
}
