using ActionMonth.Bot.Storage;
using Npgsql;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>
/// The update inbox on PostgreSQL, shared by every instance (in webhook mode Telegram may deliver an update to one
/// instance and redeliver it to another). Admission inserts the row or, when it exists, locks it (<c>FOR UPDATE</c>)
/// before deciding, so two instances admitting the same update at once get Handle once and Busy once. The lease of a
/// 'processing' row is <see cref="SqliteTelegramUpdateInbox.Lease"/>, as on SQLite.
/// </summary>
public sealed class PostgresTelegramUpdateInbox(PostgresDatabase database, TimeProvider clock) : ITelegramUpdateInbox
{
    public async Task<(UpdateAdmission Admission, int Attempt)> AdmitAsync(long botId, long updateId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO telegram_updates (bot_id, update_id, state, attempts, updated_at) VALUES (@bot, @update, 'processing', 1, @now)
            ON CONFLICT (bot_id, update_id) DO NOTHING
            """, connection, transaction))
        {
            Bind(insert, botId, updateId, now);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (UpdateAdmission.Handle, 1);
            }
        }

        string state;
        int attempts;
        long updatedAt;
        await using (var select = new NpgsqlCommand(
            "SELECT state, attempts, updated_at FROM telegram_updates WHERE bot_id = @bot AND update_id = @update FOR UPDATE", connection, transaction))
        {
            Bind(select, botId, updateId, now);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (state, attempts, updatedAt) = (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));
        }

        UpdateAdmission admission;
        switch (state)
        {
            case "handled" or "dropped":
                admission = UpdateAdmission.Duplicate;
                break;
            case "processing" when now - updatedAt < (long)SqliteTelegramUpdateInbox.Lease.TotalMilliseconds:
                admission = UpdateAdmission.Busy;
                break;
            default:
                await using (var update = new NpgsqlCommand("""
                    UPDATE telegram_updates SET state = 'processing', attempts = attempts + 1, updated_at = @now
                    WHERE bot_id = @bot AND update_id = @update
                    """, connection, transaction))
                {
                    Bind(update, botId, updateId, now);
                    await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                admission = UpdateAdmission.Handle;
                attempts++;
                break;
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (admission, attempts);
    }

    public Task CompleteAsync(long botId, long updateId, bool dropped, CancellationToken cancellationToken) =>
        SetStateAsync(botId, updateId, dropped ? "dropped" : "handled", cancellationToken);

    public Task ReleaseAsync(long botId, long updateId, CancellationToken cancellationToken) =>
        SetStateAsync(botId, updateId, "pending", cancellationToken);

    private async Task SetStateAsync(long botId, long updateId, string state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO telegram_updates (bot_id, update_id, state, attempts, updated_at) VALUES (@bot, @update, @state, 1, @now)
            ON CONFLICT (bot_id, update_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
            """, connection);
        Bind(command, botId, updateId, clock.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("state", state);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Bind(NpgsqlCommand command, long botId, long updateId, long now)
    {
        command.Parameters.AddWithValue("bot", botId);
        command.Parameters.AddWithValue("update", updateId);
        command.Parameters.AddWithValue("now", now);
    }
}
