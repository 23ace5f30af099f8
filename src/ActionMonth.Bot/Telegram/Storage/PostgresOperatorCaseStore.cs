using ActionMonth.Bot.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The operators' chat bookkeeping (telegram_cases, telegram_case_messages, telegram_notifications) on
/// PostgreSQL, so an operator's reply to a case card reaches the user whichever instance Telegram hands it to.</summary>
public sealed class PostgresOperatorCaseStore(PostgresDatabase database, TimeProvider clock) : IOperatorCaseStore
{
    public async Task<bool> IsDeliveredAsync(string notificationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM telegram_notifications WHERE notification_id = @id)", connection);
        command.Parameters.AddWithValue("id", notificationId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public Task MarkDeliveredAsync(string notificationId, string caseId, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT INTO telegram_notifications (notification_id, case_id, delivered_at) VALUES (@id, @case, @now)
            ON CONFLICT (notification_id) DO NOTHING
            """, cancellationToken, ("id", notificationId), ("case", caseId), ("now", Now()));

    public async Task<OperatorCaseMessage?> GetCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT chat_id, root_message_id, level, category, channel, created_at, status, claimed_by
            FROM telegram_cases WHERE case_id = @case
            """, connection);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new OperatorCaseMessage(caseId, reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    public async Task SaveCaseAsync(OperatorCaseMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO telegram_cases (case_id, chat_id, root_message_id, level, category, channel, created_at, status, claimed_by, updated_at)
            VALUES (@case, @chat, @message, @level, @category, @channel, @created, @status, @claimed, @now)
            ON CONFLICT (case_id) DO UPDATE SET chat_id = excluded.chat_id, root_message_id = excluded.root_message_id,
                status = excluded.status, claimed_by = excluded.claimed_by, updated_at = excluded.updated_at
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("case", message.CaseId);
            command.Parameters.AddWithValue("chat", message.ChatId);
            command.Parameters.AddWithValue("message", message.RootMessageId);
            command.Parameters.AddWithValue("level", message.Level);
            command.Parameters.AddWithValue("category", message.Category);
            command.Parameters.AddWithValue("channel", message.Channel);
            command.Parameters.AddWithValue("created", message.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("status", message.Status);
            command.Parameters.AddWithValue("claimed", NpgsqlDbType.Text, (object?)message.ClaimedBy ?? DBNull.Value);
            command.Parameters.AddWithValue("now", Now());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await MapAsync(connection, transaction, message.ChatId, message.RootMessageId, message.CaseId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task UpdateStatusAsync(string caseId, string status, string? claimedBy, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            UPDATE telegram_cases SET status = @status, claimed_by = COALESCE(@claimed, claimed_by), updated_at = @now
            WHERE case_id = @case
            """, cancellationToken, ("case", caseId), ("status", status), ("claimed", claimedBy), ("now", Now()));

    public async Task MapMessageAsync(long chatId, int messageId, string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await MapAsync(connection, null, chatId, messageId, caseId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindCaseIdAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT case_id FROM telegram_case_messages WHERE chat_id = @chat AND message_id = @message", connection);
        command.Parameters.AddWithValue("chat", chatId);
        command.Parameters.AddWithValue("message", messageId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private async Task MapAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long chatId, int messageId, string caseId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO telegram_case_messages (chat_id, message_id, case_id, created_at) VALUES (@chat, @message, @case, @now)
            ON CONFLICT (chat_id, message_id) DO UPDATE SET case_id = excluded.case_id, created_at = excluded.created_at
            """, connection, transaction);
        command.Parameters.AddWithValue("chat", chatId);
        command.Parameters.AddWithValue("message", messageId);
        command.Parameters.AddWithValue("case", caseId);
        command.Parameters.AddWithValue("now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
