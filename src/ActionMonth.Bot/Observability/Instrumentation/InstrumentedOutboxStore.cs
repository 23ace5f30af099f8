using ActionMonth.Bot.Escalation.Outbox;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>Counts outbox deliveries and failed attempts by destination, and the lag from queueing to delivery, at the
/// point where the dispatcher records them; every store (SQLite, PostgreSQL) gets the same metrics.</summary>
public sealed class InstrumentedOutboxStore(IOutboxStore inner, BotMetrics metrics, OutboxBacklogSnapshot backlog) : IOutboxStore
{
    public Task<IReadOnlyList<OutboxItem>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize,
        CancellationToken cancellationToken) => inner.LeaseAsync(owner, now, leaseUntil, batchSize, cancellationToken);

    public Task<IReadOnlyList<OutboxFollower>> FollowersAsync(OutboxItem head, DateTimeOffset now, int max,
        CancellationToken cancellationToken) => inner.FollowersAsync(head, now, max, cancellationToken);

    public async Task<bool> CompleteAsync(OutboxItem item, string owner, DateTimeOffset now, string? note, CancellationToken cancellationToken)
    {
        var completed = await inner.CompleteAsync(item, owner, now, note, cancellationToken).ConfigureAwait(false);
        metrics.Delivered(item.Destination, now - item.CreatedAt);
        return completed;
    }

    public async Task<bool> FailAsync(OutboxItem item, string owner, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken)
    {
        metrics.DeliveryFailed(item.Destination);
        return await inner.FailAsync(item, owner, nextAttempt, error, cancellationToken).ConfigureAwait(false);
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => inner.NextDueAsync(cancellationToken);

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        var current = await inner.BacklogAsync(cancellationToken).ConfigureAwait(false);
        backlog.Record(current);
        return current;
    }
}
