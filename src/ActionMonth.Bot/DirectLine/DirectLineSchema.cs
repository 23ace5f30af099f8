using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The "directline" schema module: the signing secret, conversations and their activity streams.</summary>
public static class DirectLineSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("directline", 1, "Self-hosted Direct Line: signing secret, conversations and activity streams",
            """
            CREATE TABLE directline_secrets (
                name       TEXT    NOT NULL PRIMARY KEY,
                secret     BLOB    NOT NULL,
                created_at TEXT    NOT NULL);
            CREATE TABLE directline_conversations (
                id         TEXT    NOT NULL PRIMARY KEY,
                user_id    TEXT    NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_seq   INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX ix_directline_conversations_updated_at ON directline_conversations (updated_at);
            CREATE TABLE directline_activities (
                conversation_id    TEXT    NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
                seq                INTEGER NOT NULL,
                activity_id        TEXT    NOT NULL,
                client_activity_id TEXT,
                body               TEXT    NOT NULL,
                created_at         INTEGER NOT NULL,
                PRIMARY KEY (conversation_id, seq));
            CREATE UNIQUE INDEX ux_directline_activities_client_id
                ON directline_activities (conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
            """),
    ];
}
