using System.Data.Common;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The operators' chat bookkeeping (<see cref="SqlOperatorCaseStore"/>) on PostgreSQL, so an operator's reply
/// to a case card reaches the user whichever instance Telegram hands it to.</summary>
public sealed class PostgresOperatorCaseStore(PostgresDatabase database, TimeProvider clock) : SqlOperatorCaseStore(clock)
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override string MarkDeliveredSql => """
        INSERT INTO telegram_notifications (notification_id, case_id, delivered_at) VALUES (@id, @case, @now)
        ON CONFLICT (notification_id) DO NOTHING
        """;

    private protected override string MapMessageSql => """
        INSERT INTO telegram_case_messages (chat_id, message_id, case_id, created_at) VALUES (@chat, @message, @case, @now)
        ON CONFLICT (chat_id, message_id) DO UPDATE SET case_id = excluded.case_id, created_at = excluded.created_at
        """;
}
