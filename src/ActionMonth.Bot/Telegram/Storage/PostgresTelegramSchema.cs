using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>The PostgreSQL twin of <see cref="TelegramSchema"/>: update ids, button actions, operators' chat case
/// messages. No message text or names.</summary>
public static class PostgresTelegramSchema
{
    public static IReadOnlyList<PostgresSchemaMigration> Migrations { get; } =
    [
        new("telegram", 1, "Telegram update inbox, inline button actions, operators' chat case messages",
            """
            CREATE TABLE telegram_updates (
                bot_id     bigint  NOT NULL,
                update_id  bigint  NOT NULL,
                state      text    NOT NULL CHECK (state IN ('processing', 'pending', 'handled', 'dropped')),
                attempts   integer NOT NULL,
                updated_at bigint  NOT NULL,
                PRIMARY KEY (bot_id, update_id));
            CREATE INDEX ix_telegram_updates_updated_at ON telegram_updates (updated_at);

            CREATE TABLE telegram_buttons (
                id         text   NOT NULL PRIMARY KEY,
                chat_id    bigint NOT NULL,
                kind       text   NOT NULL,
                payload    text   NOT NULL,
                expires_at bigint NOT NULL);
            CREATE INDEX ix_telegram_buttons_expires_at ON telegram_buttons (expires_at);

            CREATE TABLE telegram_cases (
                case_id         text    NOT NULL PRIMARY KEY,
                chat_id         bigint  NOT NULL,
                root_message_id integer NOT NULL,
                level           text    NOT NULL,
                category        text    NOT NULL,
                channel         text    NOT NULL,
                created_at      bigint  NOT NULL,
                status          text    NOT NULL,
                claimed_by      text,
                updated_at      bigint  NOT NULL);
            CREATE INDEX ix_telegram_cases_updated_at ON telegram_cases (updated_at);

            CREATE TABLE telegram_case_messages (
                chat_id    bigint  NOT NULL,
                message_id integer NOT NULL,
                case_id    text    NOT NULL,
                created_at bigint  NOT NULL,
                PRIMARY KEY (chat_id, message_id));
            CREATE INDEX ix_telegram_case_messages_case ON telegram_case_messages (case_id);

            CREATE TABLE telegram_notifications (
                notification_id text   NOT NULL PRIMARY KEY,
                case_id         text   NOT NULL,
                delivered_at    bigint NOT NULL);
            CREATE INDEX ix_telegram_notifications_delivered_at ON telegram_notifications (delivered_at);
            """),
    ];
}
