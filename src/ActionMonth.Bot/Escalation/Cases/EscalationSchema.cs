using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// The escalation tables (module "escalation"). Times are Unix milliseconds (UTC) so comparisons are plain
/// integer comparisons. Message text lives in two places only, both purged by the retention job: the case's
/// excerpt and <c>escalation_message.text</c>. The outbox carries ids, never text, and its lease columns
/// (locked_until, locked_by) are what a PostgreSQL provider would take with FOR UPDATE SKIP LOCKED.
/// </summary>
public static class EscalationSchema
{
    public const string Module = "escalation";

    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(Module, 1, "Escalation cases, inbound activities, case messages, the notification outbox and the operator audit",
            """
            CREATE TABLE escalation_case (
                case_id                TEXT    NOT NULL PRIMARY KEY,
                channel_id             TEXT    NOT NULL,
                conversation_id        TEXT    NOT NULL,
                conversation_reference TEXT,
                level                  TEXT    NOT NULL,
                category               TEXT    NOT NULL,
                reporter               TEXT    NOT NULL,
                cues                   TEXT    NOT NULL,
                language               TEXT    NOT NULL,
                status                 TEXT    NOT NULL,
                created_at             INTEGER NOT NULL,
                updated_at             INTEGER NOT NULL,
                notified_at            INTEGER,
                claimed_by             TEXT,
                claimed_at             INTEGER,
                closed_by              TEXT,
                closed_at              INTEGER,
                claim_timed_out_at     INTEGER,
                excerpt                TEXT);
            CREATE INDEX ix_escalation_case_conversation ON escalation_case (channel_id, conversation_id, status);
            CREATE INDEX ix_escalation_case_status ON escalation_case (status, created_at);

            CREATE TABLE escalation_inbound (
                inbound_key TEXT    NOT NULL PRIMARY KEY,
                case_id     TEXT    NOT NULL REFERENCES escalation_case (case_id),
                created_at  INTEGER NOT NULL);

            CREATE TABLE escalation_message (
                message_id  TEXT    NOT NULL PRIMARY KEY,
                case_id     TEXT    NOT NULL REFERENCES escalation_case (case_id),
                direction   TEXT    NOT NULL CHECK (direction IN ('user', 'operator')),
                operator_id TEXT,
                text        TEXT,
                created_at  INTEGER NOT NULL);
            CREATE INDEX ix_escalation_message_case ON escalation_message (case_id, created_at);

            CREATE TABLE escalation_outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                notification_id TEXT    NOT NULL,
                destination     TEXT    NOT NULL,
                case_id         TEXT    NOT NULL REFERENCES escalation_case (case_id),
                kind            TEXT    NOT NULL,
                case_status     TEXT    NOT NULL,
                message_id      TEXT    REFERENCES escalation_message (message_id),
                created_at      INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                locked_until    INTEGER NOT NULL DEFAULT 0,
                locked_by       TEXT,
                delivered_at    INTEGER,
                last_error      TEXT,
                UNIQUE (notification_id, destination));
            CREATE INDEX ix_escalation_outbox_due ON escalation_outbox (delivered_at, next_attempt_at);
            CREATE INDEX ix_escalation_outbox_queue ON escalation_outbox (case_id, destination, id);

            CREATE TABLE escalation_audit (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                at          INTEGER NOT NULL,
                case_id     TEXT    NOT NULL,
                operator_id TEXT    NOT NULL,
                action      TEXT    NOT NULL,
                result      TEXT    NOT NULL);
            CREATE INDEX ix_escalation_audit_case ON escalation_audit (case_id, at);
            """),
        new(Module, 2, "Every category a case was told (categories), and when the user declined a counsellor (declined_at)",
            """
            ALTER TABLE escalation_case ADD COLUMN categories TEXT;
            ALTER TABLE escalation_case ADD COLUMN declined_at INTEGER;
            """),
        new(Module, 3, "When a case last saw activity (last_activity_at: expiry counts from it), and its relay window (a flood of user messages is relayed at most Escalation:RelayMaxPerMinute times a minute), and when operators were last reminded that the user of a claimed case waits for an answer",
            """
            ALTER TABLE escalation_case ADD COLUMN last_activity_at INTEGER;
            ALTER TABLE escalation_case ADD COLUMN unanswered_notified_at INTEGER;
            ALTER TABLE escalation_case ADD COLUMN relay_window_start INTEGER;
            ALTER TABLE escalation_case ADD COLUMN relay_window_count INTEGER;
            UPDATE escalation_case SET last_activity_at = COALESCE(
                (SELECT MAX(m.created_at) FROM escalation_message m WHERE m.case_id = escalation_case.case_id AND m.created_at > escalation_case.created_at),
                created_at);
            CREATE INDEX ix_escalation_case_activity ON escalation_case (status, last_activity_at);
            """),
        new(Module, 4, "The operator's idempotency key of a message (client_key): a retried POST /api/cases/{id}/messages is not sent twice",
            """
            ALTER TABLE escalation_message ADD COLUMN client_key TEXT;
            CREATE UNIQUE INDEX ux_escalation_message_client_key ON escalation_message (case_id, client_key) WHERE client_key IS NOT NULL;
            """),
    ];
}
