using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>A stored escalation case. <see cref="Reporter"/> is who the replies speak to (a child, or an adult
/// reporting about a child), as the safety reply decided it. <see cref="Category"/> is the first category told and
/// <see cref="Categories"/> every one told since, in order; <see cref="Level"/> the gravest. <see cref="DeclinedAt"/>
/// is when the user said they want no counsellor (their messages are then no longer relayed while the case is
/// unclaimed). <see cref="LastActivityAt"/> is the last time the user wrote to the case (a message relayed, a
/// disclosure, a decline) or an operator acted on it: an unclaimed case expires counted from it, not from its
/// opening. <see cref="Excerpt"/> is null once purged or when not read.</summary>
public sealed record CaseRecord(
    string CaseId,
    string ChannelId,
    string ConversationId,
    string? ConversationReference,
    DisclosureLevel Level,
    DisclosureCategory Category,
    Reporter Reporter,
    IReadOnlyList<string> Cues,
    string Language,
    CaseStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NotifiedAt,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ClaimTimedOutAt,
    IReadOnlyList<DisclosureCategory> Categories,
    DateTimeOffset? DeclinedAt,
    DateTimeOffset LastActivityAt,
    string? Excerpt)
{
    /// <summary>New, notified or claimed: the conversation is routed to the case. An expired case is still stored
    /// (and listed) for operators to close, but no longer takes the conversation's messages.</summary>
    public bool IsOpen => IsOpenStatus(Status);

    public bool IsClaimed => Status == CaseStatus.Claimed;

    /// <summary>Where the case stands now, without any text (what the operators' case card shows).</summary>
    public CaseState State => new(Status, Level, Categories, ClaimedBy, DeclinedAt, ClaimTimedOutAt, LastActivityAt);

    public static bool IsOpenStatus(CaseStatus status) => status is CaseStatus.New or CaseStatus.Notified or CaseStatus.Claimed;
}

/// <summary>What opening a case writes, built before the database is touched so that it can be kept in memory
/// and written later when the database is locked or full.</summary>
public sealed record CaseDraft(
    string CaseId,
    string InboundKey,
    string? ActivityId,
    string ChannelId,
    string ConversationId,
    string ConversationReference,
    DisclosureLevel Level,
    DisclosureCategory Category,
    Reporter Reporter,
    IReadOnlyList<string> Cues,
    string Language,
    DateTimeOffset CreatedAt,
    string Excerpt,
    string MessageText);

/// <summary>How <see cref="ICaseStore.OpenCaseAsync"/> ended.</summary>
public enum OpenCaseOutcome
{
    /// <summary>A new case was stored with its notifications.</summary>
    Created,
    /// <summary>This inbound activity had been seen before: its case is returned, nothing is written.</summary>
    Duplicate,
    /// <summary>The conversation already had an open case: the disclosure was added to it as a user message
    /// (and the case's level raised when this one is graver).</summary>
    AddedToOpenCase,
}

/// <summary>What relaying a user's message to the conversation's open case did. <see cref="Relayed"/> is false when
/// the case is unclaimed and the user declined a counsellor (nothing written), or when the same inbound activity had
/// been relayed before.</summary>
public sealed record RelayResult(CaseRecord Case, bool Relayed);

public sealed record OpenCaseResult(CaseRecord Case, OpenCaseOutcome Outcome);

/// <summary>One message of a case, either way.</summary>
public sealed record CaseMessage(string MessageId, string Direction, string? OperatorId, string? Text, DateTimeOffset CreatedAt);

/// <summary>One audited operator action (no text).</summary>
public sealed record AuditEntry(DateTimeOffset At, string CaseId, string OperatorId, string Action, string Result);

/// <summary>An operator action's result with the case as it is afterwards (null when not found).</summary>
public sealed record OperatorActionOutcome(OperatorActionResult Result, CaseRecord? Case);
