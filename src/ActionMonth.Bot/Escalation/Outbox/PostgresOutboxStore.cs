using System.Data.Common;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> on PostgreSQL, drained by the dispatchers of every instance at once. Taking rows is one
/// statement: the due rows at the head of their case and destination are selected <c>FOR UPDATE SKIP LOCKED</c> and
/// their lease columns set in the same UPDATE. A row another dispatcher is taking right now is skipped, not waited for;
/// a row another dispatcher took a moment ago has a lease in the future, and PostgreSQL re-checks
/// <c>locked_until &lt; now</c> on the committed row before locking it, so no row is ever handed to two dispatchers
/// while its lease runs. Completing and failing are conditional on still owning the lease, as on SQLite.
/// </summary>
public sealed class PostgresOutboxStore(PostgresDatabase database) : SqlOutboxStore
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    private protected override string Greater => "GREATEST";

    public override async Task<IReadOnlyList<OutboxItem>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil,
        int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = connection.Command($"""
            WITH due AS (
                SELECT o.id FROM escalation_outbox o
                WHERE o.delivered_at IS NULL AND o.next_attempt_at <= @now AND o.locked_until < @now AND {IsHead}
                ORDER BY o.next_attempt_at, o.id
                LIMIT @batch
                FOR UPDATE OF o SKIP LOCKED),
            taken AS (
                UPDATE escalation_outbox t SET locked_until = @lease, locked_by = @owner
                FROM due WHERE t.id = due.id
                RETURNING t.id, t.notification_id, t.destination, t.kind, t.case_status, t.attempts, t.created_at, t.message_id, t.case_id)
            SELECT taken.id, taken.notification_id, taken.destination, taken.kind, taken.case_status, taken.attempts, taken.created_at,
                   taken.message_id, m.text, {PrefixedCaseColumns}
            FROM taken
            JOIN escalation_case c ON c.case_id = taken.case_id
            LEFT JOIN escalation_message m ON m.message_id = taken.message_id
            ORDER BY taken.id
            """);
        lease.With("now", EscalationValues.Ms(now)).With("lease", EscalationValues.Ms(leaseUntil)).With("owner", owner).With("batch", batchSize);
        var items = new List<OutboxItem>();
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) items.Add(ReadItem(reader));
        return items;
    }
}
