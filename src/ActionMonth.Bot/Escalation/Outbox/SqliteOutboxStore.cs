using System.Data.Common;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> on SQLite. Taking rows is one atomic UPDATE … WHERE locked_until &lt; now (SQLite has
/// one writer at a time, so two dispatchers cannot take the same row), then a read of the rows taken, in the same
/// transaction.
/// </summary>
public sealed class SqliteOutboxStore(SqliteDatabase database) : SqlOutboxStore
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    // IMMEDIATE takes the file's write lock at BEGIN, so no other writer runs between the statements.
    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private protected override string Greater => "MAX";

    public override async Task<IReadOnlyList<OutboxItem>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil,
        int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        const string due = $"o.delivered_at IS NULL AND o.next_attempt_at <= @now AND o.locked_until < @now AND {IsHead}";
        await using (var any = connection.Command($"SELECT EXISTS (SELECT 1 FROM escalation_outbox o WHERE {due})"))
        {
            // A plain read first: the write lock is taken only when there is something to take.
            any.With("now", EscalationValues.Ms(now));
            if (Convert.ToInt64(await any.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 0) return [];
        }

        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var lease = connection.Command($"""
            UPDATE escalation_outbox SET locked_until = @lease, locked_by = @owner
            WHERE id IN (SELECT o.id FROM escalation_outbox o WHERE {due} ORDER BY o.next_attempt_at, o.id LIMIT @batch)
            """, transaction))
        {
            lease.With("lease", EscalationValues.Ms(leaseUntil)).With("owner", owner).With("now", EscalationValues.Ms(now))
                .With("batch", batchSize);
            await lease.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var items = new List<OutboxItem>();
        await using (var select = connection.Command($"""
            SELECT o.id, o.notification_id, o.destination, o.kind, o.case_status, o.attempts, o.created_at, o.message_id, m.text,
                   {PrefixedCaseColumns}
            FROM escalation_outbox o
            JOIN escalation_case c ON c.case_id = o.case_id
            LEFT JOIN escalation_message m ON m.message_id = o.message_id
            WHERE o.locked_by = @owner AND o.locked_until = @lease AND o.delivered_at IS NULL
            ORDER BY o.id
            """, transaction))
        {
            select.With("owner", owner).With("lease", EscalationValues.Ms(leaseUntil));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) items.Add(ReadItem(reader));
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return items;
    }
}
