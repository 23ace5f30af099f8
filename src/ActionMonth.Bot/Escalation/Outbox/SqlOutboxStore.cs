using System.Data.Common;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// <see cref="IOutboxStore"/> over System.Data.Common: completing, failing, the due time, the backlog and how an
/// item is read are the same on SQLite and PostgreSQL. Taking rows is not: each provider leases in its own way
/// (<see cref="SqliteOutboxStore"/>, <see cref="PostgresOutboxStore"/>). Completing and failing are conditional on
/// still owning the lease.
/// </summary>
public abstract class SqlOutboxStore : IOutboxStore
{
    // The oldest undelivered row of its case and destination: order is kept, and a row waiting for its retry holds
    // back the ones behind it.
    private protected const string IsHead = """
        NOT EXISTS (SELECT 1 FROM escalation_outbox p
                    WHERE p.case_id = o.case_id AND p.destination = o.destination AND p.delivered_at IS NULL AND p.id < o.id)
        """;

    /// <summary>The case columns (then the excerpt) that follow an item's own nine columns, for <see cref="ReadItem"/>.</summary>
    private protected static readonly string PrefixedCaseColumns =
        string.Join(", ", CaseRows.Columns.Split(',', StringSplitOptions.TrimEntries).Select(c => "c." + c)) + ", c.excerpt";

    private protected SqlOutboxStore()
    {
    }

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction for changes that must land together.</summary>
    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The SQL function giving the larger of two values (SQLite's two-argument MAX, PostgreSQL's GREATEST).</summary>
    private protected abstract string Greater { get; }

    public abstract Task<IReadOnlyList<OutboxItem>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil,
        int batchSize, CancellationToken cancellationToken);

    public async Task<bool> CompleteAsync(OutboxItem item, string owner, DateTimeOffset now, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        bool owned;
        await using (var done = connection.Command("""
            UPDATE escalation_outbox
            SET delivered_at = @now, attempts = attempts + 1, locked_until = 0, locked_by = NULL, last_error = @note
            WHERE id = @id AND locked_by = @owner AND delivered_at IS NULL
            """, transaction))
        {
            done.With("now", EscalationValues.Ms(now)).With("note", note).With("id", item.Id).With("owner", owner);
            owned = await done.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        foreach (var follower in item.Followers)
        {
            // Sent inside the head's notification; noted so the outbox shows where each went.
            await using var along = connection.Command("""
                UPDATE escalation_outbox
                SET delivered_at = @now, attempts = attempts + 1, locked_until = 0, locked_by = NULL, last_error = @note
                WHERE id = @id AND delivered_at IS NULL
                """, transaction);
            along.With("now", EscalationValues.Ms(now)).With("note", $"delivered with outbox row {item.Id}").With("id", follower.Id);
            await along.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (item.Kind == nameof(NotificationKind.CaseOpened) && item.Destination != OutboxDestinations.User)
        {
            // new → notified after the first successful delivery of the case's opening, whoever delivered it.
            await using var notified = connection.Command("""
                UPDATE escalation_case SET status = 'notified', notified_at = @now, updated_at = @now
                WHERE case_id = @case AND status = 'new'
                """, transaction);
            notified.With("now", EscalationValues.Ms(now)).With("case", item.Case.CaseId);
            await notified.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return owned;
    }

    public async Task<IReadOnlyList<OutboxFollower>> FollowersAsync(OutboxItem head, DateTimeOffset now, int max,
        CancellationToken cancellationToken)
    {
        if (head.Kind != nameof(NotificationKind.UserMessage) || max <= 0) return [];
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Only a late head takes others along: one held by the relay window (or pulled forward from it) or retried
        // after a failure. A head going out on time goes alone, so a user writing at an ordinary pace is relayed
        // message by message.
        await using (var late = connection.Command("SELECT next_attempt_at > created_at FROM escalation_outbox WHERE id = @head"))
        {
            late.With("head", head.Id);
            if (await late.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not (true or 1L)) return [];
        }
        await using var select = connection.Command("""
            SELECT o.id, o.notification_id, o.kind, o.next_attempt_at, o.message_id, m.text, o.created_at
            FROM escalation_outbox o
            LEFT JOIN escalation_message m ON m.message_id = o.message_id
            WHERE o.case_id = @case AND o.destination = @destination AND o.delivered_at IS NULL AND o.id > @head
            ORDER BY o.id LIMIT @limit
            """);
        select.With("case", head.Case.CaseId).With("destination", head.Destination).With("head", head.Id).With("limit", max + 1);
        var followers = new List<OutboxFollower>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (followers.Count < max && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Order is kept: the run ends at the first row that is not a plain user message or is held for later.
            if (reader.GetString(2) != nameof(NotificationKind.UserMessage) || reader.GetInt64(3) > EscalationValues.Ms(now)) break;
            followers.Add(new OutboxFollower(reader.GetInt64(0), reader.GetString(1), EscalationValues.StringOrNull(reader, 4),
                EscalationValues.StringOrNull(reader, 5), EscalationValues.Time(reader.GetInt64(6))));
        }
        return followers;
    }

    public async Task<bool> FailAsync(OutboxItem item, string owner, DateTimeOffset nextAttempt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var fail = connection.Command("""
            UPDATE escalation_outbox
            SET attempts = attempts + 1, next_attempt_at = @next, locked_until = 0, locked_by = NULL, last_error = @error
            WHERE id = @id AND locked_by = @owner AND delivered_at IS NULL
            """);
        fail.With("next", EscalationValues.Ms(nextAttempt)).With("error", error).With("id", item.Id).With("owner", owner);
        return await fail.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT MIN({Greater}(o.next_attempt_at, o.locked_until)) FROM escalation_outbox o WHERE o.delivered_at IS NULL AND {IsHead}
            """);
        var value = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? EscalationValues.Time(ms) : null;
    }

    public async Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command(
            "SELECT COUNT(*), MIN(created_at), COALESCE(MAX(attempts), 0) FROM escalation_outbox WHERE delivered_at IS NULL");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        // COUNT(*) is a 64-bit integer on both databases.
        return new OutboxBacklog((int)reader.GetInt64(0), EscalationValues.TimeOrNull(reader, 1), reader.GetInt32(2));
    }

    /// <summary>Reads id, notification_id, destination, kind, case_status, attempts, created_at, message_id, the
    /// message text, then <see cref="PrefixedCaseColumns"/>.</summary>
    private protected static OutboxItem ReadItem(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        EscalationValues.ParseStatus(reader.GetString(4)), reader.GetInt32(5), EscalationValues.Time(reader.GetInt64(6)),
        CaseRows.Read(reader, 9), EscalationValues.StringOrNull(reader, 7), EscalationValues.StringOrNull(reader, 8));
}
