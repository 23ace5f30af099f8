using System.Data.Common;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>Writes outbox rows inside the caller's transaction, so a case change and the notifications about it
/// are stored together or not at all. A row that exists already (same notification, same destination) is left
/// as it is: writing twice is harmless. The providers differ only in how they say "skip a duplicate".</summary>
internal sealed class OutboxWriter
{
    private const string Insert = """
        INTO escalation_outbox
            (notification_id, destination, case_id, kind, case_status, message_id, created_at, next_attempt_at)
        VALUES (@notification, @destination, @case, @kind, @status, @message, @now, @due)
        """;

    // Never-tried user messages of the case held for a later relay window go out now, ahead of (and together with)
    // what is written now: nothing waits behind a held batch. A row that failed keeps its backoff.
    private const string PullForward = """
        UPDATE escalation_outbox SET next_attempt_at = @due
        WHERE case_id = @case AND kind = 'UserMessage' AND delivered_at IS NULL AND attempts = 0 AND next_attempt_at > @due
        """;

    public static readonly OutboxWriter Sqlite = new($"INSERT OR IGNORE {Insert}");

    public static readonly OutboxWriter Postgres = new($"INSERT {Insert} ON CONFLICT (notification_id, destination) DO NOTHING");

    private readonly string _insertSql;

    private OutboxWriter(string insertSql) => _insertSql = insertSql;

    /// <param name="due">When the row may first be delivered: <paramref name="now"/> unless a relay window holds a
    /// user message back (<see cref="RelayWindow"/>). A row due now first pulls held user messages of the case forward.</param>
    public async Task AddAsync(DbConnection connection, DbTransaction transaction, string notificationId,
        IEnumerable<string> destinations, string caseId, string kind, CaseStatus status, string? messageId, DateTimeOffset now,
        CancellationToken cancellationToken, DateTimeOffset? due = null)
    {
        var dueAt = due ?? now;
        if (dueAt <= now)
        {
            await using var pull = connection.Command(PullForward, transaction);
            pull.With("case", caseId).With("due", EscalationValues.Ms(now));
            await pull.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var destination in destinations)
        {
            await using var insert = connection.Command(_insertSql, transaction);
            insert.With("notification", notificationId).With("destination", destination).With("case", caseId)
                .With("kind", kind).With("status", EscalationValues.Status(status)).With("message", messageId)
                .With("now", EscalationValues.Ms(now)).With("due", EscalationValues.Ms(dueAt));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Notification ids: the case id itself for the case's opening (so the webhook's Idempotency-Key is
    /// the case id, as interfaces.md says), and "caseId:kind[:messageId]" for everything after it.</summary>
    public static string NotificationId(string caseId, NotificationKind kind, string? messageId = null) => kind switch
    {
        NotificationKind.CaseOpened => caseId,
        NotificationKind.UserMessage => $"{caseId}:userMessage:{messageId}",
        NotificationKind.ClaimTimedOut => $"{caseId}:claimTimedOut",
        NotificationKind.CaseEscalated => $"{caseId}:caseEscalated:{messageId}",
        NotificationKind.UserDeclined => $"{caseId}:userDeclined:{messageId}",
        NotificationKind.UserUnreachable => $"{caseId}:userUnreachable:{messageId}",
        NotificationKind.UserWaiting => $"{caseId}:userWaiting:{messageId}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "status changes are named by NotificationIdForStatus"),
    };

    public static string NotificationIdForStatus(string caseId, CaseStatus status) => $"{caseId}:status:{EscalationValues.Status(status)}";

    public static string UserNoticeId(string caseId, UserNotice notice, string? messageId = null) => notice switch
    {
        UserNotice.OperatorMessage => $"{caseId}:operatorMessage:{messageId}",
        _ => $"{caseId}:{char.ToLowerInvariant(notice.ToString()[0])}{notice.ToString()[1..]}",
    };
}
