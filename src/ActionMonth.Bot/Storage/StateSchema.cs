namespace ActionMonth.Bot.Storage;

/// <summary>The migrations of the tables this layer owns: Bot.Builder state and answer feedback.</summary>
public static class StateSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new("state", 1, "Bot.Builder conversation and user state, one JSON document per key with its ETag",
            """
            CREATE TABLE bot_state (
                key        TEXT    NOT NULL PRIMARY KEY,
                document   TEXT    NOT NULL,
                etag       TEXT    NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX ix_bot_state_updated_at ON bot_state (updated_at);
            """),
        new("feedback", 1, "Answer feedback for review: ids and sources, no message text",
            """
            CREATE TABLE answer_feedback (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                created_at TEXT    NOT NULL,
                answer_id  TEXT    NOT NULL,
                vote       INTEGER NOT NULL CHECK (vote IN (-1, 1)),
                source     TEXT    NOT NULL,
                channel_id TEXT    NOT NULL,
                card_id    TEXT,
                doc        TEXT,
                article    INTEGER,
                clause     INTEGER,
                confidence TEXT,
                role       TEXT,
                language   TEXT    NOT NULL);
            CREATE INDEX ix_answer_feedback_created_at ON answer_feedback (created_at);
            """),
        // A second vote on the same answer (👍 pressed twice, or 👍 then 👎) replaces the first: one opinion per answer.
        new("feedback", 2, "One vote per answer: earlier duplicate votes removed, the answer id unique",
            """
            DELETE FROM answer_feedback WHERE id NOT IN (SELECT MAX(id) FROM answer_feedback GROUP BY answer_id);
            CREATE UNIQUE INDEX ux_answer_feedback_answer_id ON answer_feedback (answer_id);
            """),
    ];
}
