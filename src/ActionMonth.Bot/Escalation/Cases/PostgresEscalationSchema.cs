using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>The PostgreSQL twin of <see cref="EscalationSchema"/>, version for version: the same tables and columns
/// (times as Unix milliseconds), with identity columns where SQLite has AUTOINCREMENT, and a sequence on case
/// messages to keep their order where SQLite has its rowid.</summary>
public static class PostgresEscalationSchema
{
    public static IReadOnlyList<PostgresSchemaMigration> Migrations { get; } =
    [
        new(EscalationSchema.Module, 1, "Escalation cases, inbound activities, case messages, the notification outbox and the operator audit",
            """
            CREATE TABLE escalation_case (
                case_id                text    NOT NULL PRIMARY KEY,
                channel_id             text    NOT NULL,
                conversation_id        text    NOT NULL,
                conversation_reference text,
                level                  text    NOT NULL,
                category               text    NOT NULL,
                reporter               text    NOT NULL,
                cues                   text    NOT NULL,
                language               text    NOT NULL,
                status                 text    NOT NULL,
                created_at             bigint  NOT NULL,
                updated_at             bigint  NOT NULL,
                notified_at            bigint,
                claimed_by             text,
                claimed_at             bigint,
                closed_by              text,
                closed_at              bigint,
                claim_timed_out_at     bigint,
                excerpt                text);
            CREATE INDEX ix_escalation_case_conversation ON escalation_case (channel_id, conversation_id, status);
            CREATE INDEX ix_escalation_case_status ON escalation_case (status, created_at);

            CREATE TABLE escalation_inbound (
                inbound_key text   NOT NULL PRIMARY KEY,
                case_id     text   NOT NULL REFERENCES escalation_case (case_id),
                created_at  bigint NOT NULL);

            CREATE TABLE escalation_message (
                seq         bigint GENERATED ALWAYS AS IDENTITY,
                message_id  text   NOT NULL PRIMARY KEY,
                case_id     text   NOT NULL REFERENCES escalation_case (case_id),
                direction   text   NOT NULL CHECK (direction IN ('user', 'operator')),
                operator_id text,
                text        text,
                created_at  bigint NOT NULL);
            CREATE INDEX ix_escalation_message_case ON escalation_message (case_id, created_at);

            CREATE TABLE escalation_outbox (
                id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                notification_id text    NOT NULL,
                destination     text    NOT NULL,
                case_id         text    NOT NULL REFERENCES escalation_case (case_id),
                kind            text    NOT NULL,
                case_status     text    NOT NULL,
                message_id      text    REFERENCES escalation_message (message_id),
                created_at      bigint  NOT NULL,
                next_attempt_at bigint  NOT NULL,
                attempts        integer NOT NULL DEFAULT 0,
                locked_until    bigint  NOT NULL DEFAULT 0,
                locked_by       text,
                delivered_at    bigint,
                last_error      text,
                UNIQUE (notification_id, destination));
            CREATE INDEX ix_escalation_outbox_due ON escalation_outbox (delivered_at, next_attempt_at);
            CREATE INDEX ix_escalation_outbox_queue ON escalation_outbox (case_id, destination, id);

            CREATE TABLE escalation_audit (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at          bigint NOT NULL,
                case_id     text   NOT NULL,
                operator_id text   NOT NULL,
                action      text   NOT NULL,
                result      text   NOT NULL);
            CREATE INDEX ix_escalation_audit_case ON escalation_audit (case_id, at);
            """),
        new(EscalationSchema.Module, 2, "Every category a case was told (categories), and when the user declined a counsellor (declined_at)",
            """
            ALTER TABLE escalation_case ADD COLUMN categories text;
            ALTER TABLE escalation_case ADD COLUMN declined_at bigint;
            """),
        new(EscalationSchema.Module, 3, "When a case last saw activity (last_activity_at: expiry counts from it), and its relay window (a flood of user messages is relayed at most Escalation:RelayMaxPerMinute times a minute), and when operators were last reminded that the user of a claimed case waits for an answer",
            """
            ALTER TABLE escalation_case ADD COLUMN last_activity_at bigint;
            ALTER TABLE escalation_case ADD COLUMN unanswered_notified_at bigint;
            ALTER TABLE escalation_case ADD COLUMN relay_window_start bigint;
            ALTER TABLE escalation_case ADD COLUMN relay_window_count integer;
            UPDATE escalation_case SET last_activity_at = COALESCE(
                (SELECT MAX(m.created_at) FROM escalation_message m WHERE m.case_id = escalation_case.case_id AND m.created_at > escalation_case.created_at),
                created_at);
            CREATE INDEX ix_escalation_case_activity ON escalation_case (status, last_activity_at);
            """),
        new(EscalationSchema.Module, 4, "The operator's idempotency key of a message (client_key): a retried POST /api/cases/{id}/messages is not sent twice",
            """
            ALTER TABLE escalation_message ADD COLUMN client_key text;
            CREATE UNIQUE INDEX ux_escalation_message_client_key ON escalation_message (case_id, client_key) WHERE client_key IS NOT NULL;
            """),
    ];
}
