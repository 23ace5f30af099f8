using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>A stored escalation case. <see cref="Reporter"/> is who the replies speak to (a child, or an adult
/// reporting about a child), as the safety reply decided it. <see cref="Excerpt"/> is null once purged or when
/// not read.</summary>
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
    string? Excerpt)
{
    /// <summary>New, notified or claimed: the user's messages go to the operators.</summary>
    public bool IsOpen => Status != CaseStatus.Closed;

    public static bool IsOpenStatus(CaseStatus status) => status != CaseStatus.Closed;
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

public sealed record OpenCaseResult(CaseRecord Case, OpenCaseOutcome Outcome);

/// <summary>One message of a case, either way.</summary>
public sealed record CaseMessage(string MessageId, string Direction, string? OperatorId, string? Text, DateTimeOffset CreatedAt);

/// <summary>One audited operator action (no text).</summary>
public sealed record AuditEntry(DateTimeOffset At, string CaseId, string OperatorId, string Action, string Result);

/// <summary>An operator action's result with the case as it is afterwards (null when not found).</summary>
public sealed record OperatorActionOutcome(OperatorActionResult Result, CaseRecord? Case);
