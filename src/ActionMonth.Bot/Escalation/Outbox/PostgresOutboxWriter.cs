using ActionMonth.Bot.Escalation.Cases;
using Npgsql;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>The PostgreSQL <see cref="OutboxWriter"/>: outbox rows written inside the caller's transaction, a row that
/// exists already (same notification, same destination) left as it is.</summary>
internal static class PostgresOutboxWriter
{
    public static async Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string notificationId,
        IEnumerable<string> destinations, string caseId, string kind, CaseStatus status, string? messageId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var destination in destinations)
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO escalation_outbox
                    (notification_id, destination, case_id, kind, case_status, message_id, created_at, next_attempt_at)
                VALUES (@notification, @destination, @case, @kind, @status, @message, @now, @now)
                ON CONFLICT (notification_id, destination) DO NOTHING
                """, connection, transaction);
            insert.With("notification", notificationId).With("destination", destination).With("case", caseId)
                .With("kind", kind).With("status", SqliteValues.Status(status)).With("message", messageId)
                .With("now", SqliteValues.Ms(now));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
