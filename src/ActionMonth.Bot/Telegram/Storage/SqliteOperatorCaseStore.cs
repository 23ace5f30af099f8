using System.Data.Common;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The operators' chat bookkeeping (<see cref="SqlOperatorCaseStore"/>) on the SQLite state database.</summary>
public sealed class SqliteOperatorCaseStore(SqliteDatabase database, TimeProvider clock) : SqlOperatorCaseStore(clock)
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override string MarkDeliveredSql => """
        INSERT OR IGNORE INTO telegram_notifications (notification_id, case_id, delivered_at) VALUES (@id, @case, @now)
        """;

    private protected override string MapMessageSql => """
        INSERT OR REPLACE INTO telegram_case_messages (chat_id, message_id, case_id, created_at) VALUES (@chat, @message, @case, @now)
        """;
}
