using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The PostgreSQL twin of <see cref="DirectLineSchema"/>: the signing secret every instance shares,
/// conversations and their activity streams.</summary>
public static class PostgresDirectLineSchema
{
    public static IReadOnlyList<PostgresSchemaMigration> Migrations { get; } =
    [
        new("directline", 1, "Self-hosted Direct Line: signing secret, conversations and activity streams",
            """
            CREATE TABLE directline_secrets (
                name       text        NOT NULL PRIMARY KEY,
                secret     bytea       NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE directline_conversations (
                id         text   NOT NULL PRIMARY KEY,
                user_id    text   NOT NULL,
                created_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                last_seq   bigint NOT NULL DEFAULT 0);
            CREATE INDEX ix_directline_conversations_updated_at ON directline_conversations (updated_at);
            CREATE TABLE directline_activities (
                conversation_id    text   NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
                seq                bigint NOT NULL,
                activity_id        text   NOT NULL,
                client_activity_id text,
                body               text   NOT NULL,
                created_at         bigint NOT NULL,
                PRIMARY KEY (conversation_id, seq));
            CREATE UNIQUE INDEX ux_directline_activities_client_id
                ON directline_activities (conversation_id, client_activity_id) WHERE client_activity_id IS NOT NULL;
            """),
    ];
}
