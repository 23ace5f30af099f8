using ActionMonth.Bot.Escalation.Cases;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>One leased outbox row with what its delivery needs: the case as it is now, the status the case had
/// when the row was written, and the text of the message it carries (null when it carries none or the text was
/// purged). <see cref="Attempts"/> counts earlier attempts.</summary>
public sealed record OutboxItem(
    long Id,
    string NotificationId,
    string Destination,
    string Kind,
    CaseStatus StatusAtWrite,
    int Attempts,
    DateTimeOffset CreatedAt,
    CaseRecord Case,
    string? MessageId,
    string? MessageText)
{
    /// <summary>User messages queued right behind this one (same case and destination, due, unsent) that are delivered
    /// with it as one notification and completed with it: a flood, or what piled up while the destination was down.</summary>
    public IReadOnlyList<OutboxFollower> Followers { get; init; } = [];
}

/// <summary>A user-message row delivered together with the one ahead of it (<see cref="OutboxItem.Followers"/>).</summary>
public sealed record OutboxFollower(long Id, string NotificationId, string? MessageId, string? MessageText, DateTimeOffset CreatedAt);

/// <summary>How many rows wait, and since when: for health, metrics and tests.</summary>
public sealed record OutboxBacklog(int Pending, DateTimeOffset? OldestCreatedAt, int MaxAttempts);
