using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The update inbox in the telegram_updates table. An attempt holds a lease: a row left 'processing' by a
/// process that died is taken over once the lease has run out.</summary>
public sealed class SqliteTelegramUpdateInbox(SqliteDatabase database, TimeProvider clock) : ITelegramUpdateInbox
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<(UpdateAdmission Admission, int Attempt)> AdmitAsync(long botId, long updateId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$bot", botId);
        command.Parameters.AddWithValue("$update", updateId);
        command.Parameters.AddWithValue("$now", now);
        command.CommandText = "SELECT state, attempts, updated_at FROM telegram_updates WHERE bot_id = $bot AND update_id = $update";
        string? state = null;
        long attempts = 0, updatedAt = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                state = reader.GetString(0);
                attempts = reader.GetInt64(1);
                updatedAt = reader.GetInt64(2);
            }
        }

        UpdateAdmission admission;
        switch (state)
        {
            case null:
                command.CommandText = """
                    INSERT INTO telegram_updates (bot_id, update_id, state, attempts, updated_at)
                    VALUES ($bot, $update, 'processing', 1, $now)
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                admission = UpdateAdmission.Handle;
                attempts = 1;
                break;
            case "handled" or "dropped":
                admission = UpdateAdmission.Duplicate;
                break;
            case "processing" when now - updatedAt < (long)Lease.TotalMilliseconds:
                admission = UpdateAdmission.Busy;
                break;
            default:
                command.CommandText = """
                    UPDATE telegram_updates SET state = 'processing', attempts = attempts + 1, updated_at = $now
                    WHERE bot_id = $bot AND update_id = $update
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                admission = UpdateAdmission.Handle;
                attempts++;
                break;
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (admission, (int)attempts);
    }

    public Task CompleteAsync(long botId, long updateId, bool dropped, CancellationToken cancellationToken) =>
        SetStateAsync(botId, updateId, dropped ? "dropped" : "handled", cancellationToken);

    public Task ReleaseAsync(long botId, long updateId, CancellationToken cancellationToken) =>
        SetStateAsync(botId, updateId, "pending", cancellationToken);

    private async Task SetStateAsync(long botId, long updateId, string state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO telegram_updates (bot_id, update_id, state, attempts, updated_at) VALUES ($bot, $update, $state, 1, $now)
            ON CONFLICT (bot_id, update_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$bot", botId);
        command.Parameters.AddWithValue("$update", updateId);
        command.Parameters.AddWithValue("$state", state);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
