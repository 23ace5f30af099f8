namespace ActionMonth.Bot.Storage;

/// <summary>The PostgreSQL twin of <see cref="StateSchema"/>: Bot.Builder state and answer feedback.</summary>
public static class PostgresStateSchema
{
    public static IReadOnlyList<PostgresSchemaMigration> Migrations { get; } =
    [
        new("state", 1, "Bot.Builder conversation and user state, one JSON document per key with its ETag",
            """
            CREATE TABLE bot_state (
                key        text   NOT NULL PRIMARY KEY,
                document   text   NOT NULL,
                etag       text   NOT NULL,
                updated_at bigint NOT NULL);
            CREATE INDEX ix_bot_state_updated_at ON bot_state (updated_at);
            """),
        new("feedback", 1, "Answer feedback for review: ids and sources, no message text",
            """
            CREATE TABLE answer_feedback (
                id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                created_at timestamptz NOT NULL,
                answer_id  text        NOT NULL,
                vote       integer     NOT NULL CHECK (vote IN (-1, 1)),
                source     text        NOT NULL,
                channel_id text        NOT NULL,
                card_id    text,
                doc        text,
                article    integer,
                clause     integer,
                confidence text,
                role       text,
                language   text        NOT NULL);
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
