using ActionMonth.Bot.Storage;
using Npgsql;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary><see cref="ITelegramRetentionStore"/> on PostgreSQL. Every instance runs it; the deletes are idempotent.</summary>
public sealed class PostgresTelegramRetentionStore(PostgresDatabase database) : ITelegramRetentionStore
{
    public async Task<int> PurgeAsync(DateTimeOffset now, DateTimeOffset updatesBefore, DateTimeOffset casesBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        foreach (var sql in new[]
                 {
                     "DELETE FROM telegram_buttons WHERE expires_at <= @now",
                     "DELETE FROM telegram_updates WHERE updated_at < @updates",
                     """
                     DELETE FROM telegram_case_messages WHERE created_at < @cases
                         AND case_id IN (SELECT case_id FROM telegram_cases WHERE updated_at < @cases)
                     """,
                     "DELETE FROM telegram_cases WHERE updated_at < @cases",
                     "DELETE FROM telegram_notifications WHERE delivered_at < @cases",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("updates", updatesBefore.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("cases", casesBefore.ToUnixTimeMilliseconds());
            removed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }
}
