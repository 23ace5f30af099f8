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

    /// <summary>Marks the row delivered (and a case whose opening was delivered as notified). False when the lease
    /// had been lost to another dispatcher, which will then deliver it again (the idempotency key covers that).</summary>
    Task<bool> CompleteAsync(OutboxItem item, string owner, DateTimeOffset now, string? note, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt and when to try again.</summary>
    Task<bool> FailAsync(OutboxItem item, string owner, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken);

    /// <summary>When the next undelivered row is due (null: none).</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);

    Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken);
}
