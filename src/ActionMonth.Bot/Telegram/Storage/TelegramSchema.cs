using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The Telegram module's tables. None holds message text or names: update ids, button actions the bot itself
/// created, and which operators' chat message belongs to which case.</summary>
public static class TelegramSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("telegram", 1, "Telegram update inbox, inline button actions, operators' chat case messages",
            """
            CREATE TABLE telegram_updates (
                bot_id     INTEGER NOT NULL,
                update_id  INTEGER NOT NULL,
                state      TEXT    NOT NULL CHECK (state IN ('processing', 'pending', 'handled', 'dropped')),
                attempts   INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (bot_id, update_id));
            CREATE INDEX ix_telegram_updates_updated_at ON telegram_updates (updated_at);

            CREATE TABLE telegram_buttons (
                id         TEXT    NOT NULL PRIMARY KEY,
                chat_id    INTEGER NOT NULL,
                kind       TEXT    NOT NULL,
                payload    TEXT    NOT NULL,
                expires_at INTEGER NOT NULL);
            CREATE INDEX ix_telegram_buttons_expires_at ON telegram_buttons (expires_at);

            CREATE TABLE telegram_cases (
                case_id         TEXT    NOT NULL PRIMARY KEY,
                chat_id         INTEGER NOT NULL,
                root_message_id INTEGER NOT NULL,
                level           TEXT    NOT NULL,
                category        TEXT    NOT NULL,
                channel         TEXT    NOT NULL,
                created_at      INTEGER NOT NULL,
                status          TEXT    NOT NULL,
                claimed_by      TEXT,
                updated_at      INTEGER NOT NULL);
            CREATE INDEX ix_telegram_cases_updated_at ON telegram_cases (updated_at);

            CREATE TABLE telegram_case_messages (
                chat_id    INTEGER NOT NULL,
                message_id INTEGER NOT NULL,
                case_id    TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (chat_id, message_id));
            CREATE INDEX ix_telegram_case_messages_case ON telegram_case_messages (case_id);

            CREATE TABLE telegram_notifications (
                notification_id TEXT    NOT NULL PRIMARY KEY,
                case_id         TEXT    NOT NULL,
                delivered_at    INTEGER NOT NULL);
            CREATE INDEX ix_telegram_notifications_delivered_at ON telegram_notifications (delivered_at);
            """),
    ];
}
