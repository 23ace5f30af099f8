using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> on SQLite. Taking rows is one atomic UPDATE … WHERE locked_until &lt; now (SQLite has
/// one writer at a time, so two dispatchers cannot take the same row). A PostgreSQL provider does the same with
/// <c>SELECT … FOR UPDATE SKIP LOCKED</c> in the UPDATE's subquery.
/// </summary>
public sealed class SqliteOutboxStore(SqliteDatabase database) : IOutboxStore
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
        const string due = $"o.delivered_at IS NULL AND o.next_attempt_at <= $now AND o.locked_until < $now AND {IsHead}";
        await using (var any = connection.CreateCommand())
        {
            // A plain read first: the write lock is taken only when there is something to take.
            any.CommandText = $"SELECT EXISTS (SELECT 1 FROM escalation_outbox o WHERE {due})";
            any.With("$now", EscalationValues.Ms(now));
            if (Convert.ToInt64(await any.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 0) return [];
        }

        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var lease = connection.CreateCommand())
        {
            lease.Transaction = transaction;
            lease.CommandText = $"""
                UPDATE escalation_outbox SET locked_until = $lease, locked_by = $owner
                WHERE id IN (SELECT o.id FROM escalation_outbox o WHERE {due} ORDER BY o.next_attempt_at, o.id LIMIT $batch)
                """;
            lease.With("$lease", EscalationValues.Ms(leaseUntil)).With("$owner", owner).With("$now", EscalationValues.Ms(now))
                .With("$batch", batchSize);
            await lease.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var items = new List<OutboxItem>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"""
                SELECT o.id, o.notification_id, o.destination, o.kind, o.case_status, o.attempts, o.created_at, o.message_id, m.text,
                       {PrefixedCaseColumns}, c.excerpt
                FROM escalation_outbox o
                JOIN escalation_case c ON c.case_id = o.case_id
                LEFT JOIN escalation_message m ON m.message_id = o.message_id
                WHERE o.locked_by = $owner AND o.locked_until = $lease AND o.delivered_at IS NULL
                ORDER BY o.id
                """;
            select.With("$owner", owner).With("$lease", EscalationValues.Ms(leaseUntil));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new OutboxItem(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    EscalationValues.ParseStatus(reader.GetString(4)), reader.GetInt32(5), EscalationValues.Time(reader.GetInt64(6)),
                    CaseRows.Read(reader, 9), EscalationValues.StringOrNull(reader, 7), EscalationValues.StringOrNull(reader, 8)));
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return items;
    }

    public async Task<bool> CompleteAsync(OutboxItem item, string owner, DateTimeOffset now, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var done = connection.CreateCommand();
        done.Transaction = transaction;
        done.CommandText = """
            UPDATE escalation_outbox
            SET delivered_at = $now, attempts = attempts + 1, locked_until = 0, locked_by = NULL, last_error = $note
            WHERE id = $id AND locked_by = $owner AND delivered_at IS NULL
            """;
        done.With("$now", EscalationValues.Ms(now)).With("$note", note).With("$id", item.Id).With("$owner", owner);
        var owned = await done.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        if (item.Kind == nameof(NotificationKind.CaseOpened) && item.Destination != OutboxDestinations.User)
        {
            // new → notified after the first successful delivery of the case's opening, whoever delivered it.
            await using var notified = connection.CreateCommand();
            notified.Transaction = transaction;
            notified.CommandText = """
                UPDATE escalation_case SET status = 'notified', notified_at = $now, updated_at = $now
                WHERE case_id = $case AND status = 'new'
                """;
            notified.With("$now", EscalationValues.Ms(now)).With("$case", item.Case.CaseId);
            await notified.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return owned;
    }

    public async Task<bool> FailAsync(OutboxItem item, string owner, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var fail = connection.CreateCommand();
        fail.CommandText = """
            UPDATE escalation_outbox
            SET attempts = attempts + 1, next_attempt_at = $next, locked_until = 0, locked_by = NULL, last_error = $error
            WHERE id = $id AND locked_by = $owner AND delivered_at IS NULL
            """;
        fail.With("$next", EscalationValues.Ms(nextAttempt)).With("$error", error).With("$id", item.Id).With("$owner", owner);
        return await fail.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = $"""
            SELECT MIN(MAX(o.next_attempt_at, o.locked_until)) FROM escalation_outbox o WHERE o.delivered_at IS NULL AND {IsHead}
            """;
        var value = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? EscalationValues.Time(ms) : null;
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT COUNT(*), MIN(created_at), COALESCE(MAX(attempts), 0) FROM escalation_outbox WHERE delivered_at IS NULL";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxBacklog(reader.GetInt32(0), EscalationValues.TimeOrNull(reader, 1), reader.GetInt32(2));
    }
}
