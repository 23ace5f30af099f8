namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// The notification outbox. Rows are taken with a lease (locked_by, locked_until): a row is handed to one
/// dispatcher at a time, and a crashed dispatcher's rows are taken over once its lease runs out. Rows of one case
/// and destination are handed out in order, one at a time, so operators and the user read them as written.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Takes up to <paramref name="batchSize"/> due rows for <paramref name="owner"/> until <paramref name="leaseUntil"/>.</summary>
    Task<IReadOnlyList<OutboxItem>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize,
        CancellationToken cancellationToken);

    /// <summary>When <paramref name="head"/> (a UserMessage row this dispatcher holds) is late (held by the relay window,
    /// or retried after a failure), the user-message rows queued right behind it, in order: same case and destination, undelivered, due by <paramref name="now"/>, up to the first row of
    /// another kind or not yet due, at most <paramref name="max"/>. Nobody else takes them while the head is unsent.</summary>
    Task<IReadOnlyList<OutboxFollower>> FollowersAsync(OutboxItem head, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Marks the row (and its <see cref="OutboxItem.Followers"/>) delivered (and a case whose opening was delivered as notified). False when the lease
    /// had been lost to another dispatcher, which will then deliver it again (the idempotency key covers that).</summary>
    Task<bool> CompleteAsync(OutboxItem item, string owner, DateTimeOffset now, string? note, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt and when to try again.</summary>
    Task<bool> FailAsync(OutboxItem item, string owner, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken);

    /// <summary>When the next undelivered row is due (null: none).</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken);
}
