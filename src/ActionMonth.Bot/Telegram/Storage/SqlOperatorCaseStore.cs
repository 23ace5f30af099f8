using System.Data.Common;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The operators' chat bookkeeping in telegram_cases, telegram_case_messages and telegram_notifications, over
/// System.Data.Common; <see cref="SqliteOperatorCaseStore"/> and <see cref="PostgresOperatorCaseStore"/> supply the
/// connections and the two statements whose conflict handling each database spells its own way.</summary>
public abstract class SqlOperatorCaseStore : IOperatorCaseStore
{
    private readonly TimeProvider _clock;

    private protected SqlOperatorCaseStore(TimeProvider clock) => _clock = clock;

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Records @id (case @case) as delivered at @now; a second delivery of the same id changes nothing.</summary>
    private protected abstract string MarkDeliveredSql { get; }

    /// <summary>Maps message (@chat, @message) to @case at @now, replacing an earlier mapping of that message.</summary>
    private protected abstract string MapMessageSql { get; }

    public async Task<bool> IsDeliveredAsync(string notificationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COUNT(*) FROM telegram_notifications WHERE notification_id = @id");
        command.With("id", notificationId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) > 0;
    }

    public async Task MarkDeliveredAsync(string notificationId, string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command(MarkDeliveredSql);
        command.With("id", notificationId).With("case", caseId).With("now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<OperatorCaseMessage?> GetCaseAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT chat_id, root_message_id, level, category, channel, created_at, status, claimed_by
            FROM telegram_cases WHERE case_id = @case
            """);
        command.With("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new OperatorCaseMessage(caseId, reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
            reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    public async Task SaveCaseAsync(OperatorCaseMessage message, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.Command("""
            INSERT INTO telegram_cases (case_id, chat_id, root_message_id, level, category, channel, created_at, status, claimed_by, updated_at)
            VALUES (@case, @chat, @message, @level, @category, @channel, @created, @status, @claimed, @now)
            ON CONFLICT (case_id) DO UPDATE SET chat_id = excluded.chat_id, root_message_id = excluded.root_message_id,
                status = excluded.status, claimed_by = excluded.claimed_by, updated_at = excluded.updated_at
            """, transaction))
        {
            command.With("case", message.CaseId).With("chat", message.ChatId).With("message", message.RootMessageId)
                .With("level", message.Level).With("category", message.Category).With("channel", message.Channel)
                .With("created", message.CreatedAt.ToUnixTimeMilliseconds()).With("status", message.Status)
                .With("claimed", message.ClaimedBy).With("now", Now());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await MapAsync(connection, transaction, message.ChatId, message.RootMessageId, message.CaseId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateStatusAsync(string caseId, string status, string? claimedBy, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            UPDATE telegram_cases SET status = @status, claimed_by = COALESCE(@claimed, claimed_by), updated_at = @now
            WHERE case_id = @case
            """);
        command.With("case", caseId).With("status", status).With("claimed", claimedBy).With("now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MapMessageAsync(long chatId, int messageId, string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await MapAsync(connection, null, chatId, messageId, caseId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> FindCaseIdAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT case_id FROM telegram_case_messages WHERE chat_id = @chat AND message_id = @message");
        command.With("chat", chatId).With("message", messageId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private async Task MapAsync(DbConnection connection, DbTransaction? transaction, long chatId, int messageId, string caseId,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(MapMessageSql, transaction);
        command.With("chat", chatId).With("message", messageId).With("case", caseId).With("now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();
}
