using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary><see cref="ITelegramRetentionStore"/> on SQLite.</summary>
public sealed class SqliteTelegramRetentionStore(SqliteDatabase database) : ITelegramRetentionStore
{
    public async Task<int> PurgeAsync(DateTimeOffset now, DateTimeOffset updatesBefore, DateTimeOffset casesBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM telegram_buttons WHERE expires_at <= $now;
            DELETE FROM telegram_updates WHERE updated_at < $updates;
            DELETE FROM telegram_case_messages WHERE created_at < $cases
                AND case_id IN (SELECT case_id FROM telegram_cases WHERE updated_at < $cases);
            DELETE FROM telegram_cases WHERE updated_at < $cases;
            DELETE FROM telegram_notifications WHERE delivered_at < $cases;
            """;
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updates", updatesBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$cases", casesBefore.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
