using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;
using Npgsql;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> on PostgreSQL, drained by the dispatchers of every instance at once. Taking rows is one
/// statement: the due rows at the head of their case and destination are selected <c>FOR UPDATE SKIP LOCKED</c> and
/// their lease columns set in the same UPDATE. A row another dispatcher is taking right now is skipped, not waited for;
/// a row another dispatcher took a moment ago has a lease in the future, and PostgreSQL re-checks
/// <c>locked_until &lt; now</c> on the committed row before locking it, so no row is ever handed to two dispatchers
/// while its lease runs. Completing and failing are conditional on still owning the lease, as on SQLite.
/// </summary>
public sealed class PostgresOutboxStore(PostgresDatabase database) : IOutboxStore
{
    // The oldest undelivered row of its case and destination: order is kept, and a row waiting for its retry holds
    // back the ones behind it.
    private const string IsHead = """
        NOT EXISTS (SELECT 1 FROM escalation_outbox p
                    WHERE p.case_id = o.case_id AND p.destination = o.destination AND p.delivered_at IS NULL AND p.id < o.id)
        """;

    private static readonly string PrefixedCaseColumns =
        string.Join(", ", CaseRows.Columns.Split(',', StringSplitOptions.TrimEntries).Select(c => "c." + c));

    public async Task<IReadOnlyList<OutboxItem>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int batchSize,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var lease = new NpgsqlCommand($"""
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
                   taken.message_id, m.text, {PrefixedCaseColumns}, c.excerpt
            FROM taken
            JOIN escalation_case c ON c.case_id = taken.case_id
            LEFT JOIN escalation_message m ON m.message_id = taken.message_id
            ORDER BY taken.id
            """, connection);
        lease.With("now", EscalationValues.Ms(now)).With("lease", EscalationValues.Ms(leaseUntil)).With("owner", owner).With("batch", batchSize);
        var items = new List<OutboxItem>();
        await using var reader = await lease.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(new OutboxItem(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                EscalationValues.ParseStatus(reader.GetString(4)), reader.GetInt32(5), EscalationValues.Time(reader.GetInt64(6)),
                CaseRows.Read(reader, 9), EscalationValues.StringOrNull(reader, 7), EscalationValues.StringOrNull(reader, 8)));
        }
        return items;
    }

    public async Task<bool> CompleteAsync(OutboxItem item, string owner, DateTimeOffset now, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        bool owned;
        await using (var done = new NpgsqlCommand("""
            UPDATE escalation_outbox
            SET delivered_at = @now, attempts = attempts + 1, locked_until = 0, locked_by = NULL, last_error = @note
            WHERE id = @id AND locked_by = @owner AND delivered_at IS NULL
            """, connection, transaction))
        {
            done.With("now", EscalationValues.Ms(now)).With("note", note).With("id", item.Id).With("owner", owner);
            owned = await done.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        if (item.Kind == nameof(NotificationKind.CaseOpened) && item.Destination != OutboxDestinations.User)
        {
            // new → notified after the first successful delivery of the case's opening, whoever delivered it.
            await using var notified = new NpgsqlCommand("""
                UPDATE escalation_case SET status = 'notified', notified_at = @now, updated_at = @now
                WHERE case_id = @case AND status = 'new'
                """, connection, transaction);
            notified.With("now", EscalationValues.Ms(now)).With("case", item.Case.CaseId);
            await notified.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return owned;
    }

    public async Task<bool> FailAsync(OutboxItem item, string owner, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var fail = new NpgsqlCommand("""
            UPDATE escalation_outbox
            SET attempts = attempts + 1, next_attempt_at = @next, locked_until = 0, locked_by = NULL, last_error = @error
            WHERE id = @id AND locked_by = @owner AND delivered_at IS NULL
            """, connection);
        fail.With("next", EscalationValues.Ms(nextAttempt)).With("error", error).With("id", item.Id).With("owner", owner);
        return await fail.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand($"""
            SELECT MIN(GREATEST(o.next_attempt_at, o.locked_until)) FROM escalation_outbox o WHERE o.delivered_at IS NULL AND {IsHead}
            """, connection);
        var value = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? EscalationValues.Time(ms) : null;
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand(
            "SELECT COUNT(*), MIN(created_at), COALESCE(MAX(attempts), 0) FROM escalation_outbox WHERE delivered_at IS NULL", connection);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxBacklog((int)reader.GetInt64(0), EscalationValues.TimeOrNull(reader, 1), reader.GetInt32(2));
    }
}
