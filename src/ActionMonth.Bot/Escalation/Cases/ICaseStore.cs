namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// Escalation cases, their messages and the operator audit. Every change writes the outbox rows about it in the
/// same transaction. Implementations must make <see cref="OpenCaseAsync"/> idempotent on the draft's inbound key
/// and every state change conditional (a claim succeeds for one operator only), also across instances.
/// </summary>
public interface ICaseStore
{
    Task<OpenCaseResult> OpenCaseAsync(CaseDraft draft, CancellationToken cancellationToken);

    /// <summary>The conversation's open case, read without taking the write lock (this runs on every message).</summary>
    Task<CaseRecord?> FindOpenCaseAsync(string channelId, string conversationId, CancellationToken cancellationToken);

    /// <summary>Adds the user's message to the conversation's open case and queues it for the operators. Null
    /// when no case is open (any more). The same inbound key twice adds the message once. While the case is unclaimed
    /// and the user declined a counsellor nothing is written, unless <paramref name="resume"/> (the user asked for a
    /// counsellor again), which ends the decline.</summary>
    Task<RelayResult?> RelayUserMessageAsync(string channelId, string conversationId, string inboundKey, string text, bool resume,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The user said they do not need a counsellor: while the conversation's case is unclaimed, their message
    /// is added to it with a UserDeclined notification and the case stops taking their messages. Changes nothing on a
    /// claimed case (a person is talking with them). Null when no case is open.</summary>
    Task<RelayResult?> DeclineAsync(string channelId, string conversationId, string inboundKey, string text, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>Every case still unclaimed whose last activity (<see cref="CaseRecord.LastActivityAt"/>) was at or before
    /// <paramref name="idleSince"/> becomes expired, once per case, with a StatusChanged notification: a child still
    /// writing keeps the case. Returns the cases expired by this call.</summary>
    Task<IReadOnlyList<CaseRecord>> ExpireUnclaimedAsync(DateTimeOffset idleSince, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Queues a UserUnreachable notification for the operator channels about the stuck outbox row
    /// <paramref name="outboxRowId"/> (once per row). False when the case does not exist.</summary>
    Task<bool> ReportUserUnreachableAsync(string caseId, long outboxRowId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every claimed case with a user message written at or before <paramref name="waitingSince"/> that no
    /// operator message followed and no reminder covered yet gets a UserWaiting notification, once (also across
    /// instances). Returns the cases reminded by this call.</summary>
    Task<IReadOnlyList<CaseRecord>> RemindUnansweredAsync(DateTimeOffset waitingSince, DateTimeOffset now, CancellationToken cancellationToken);

    Task<OperatorActionOutcome> ClaimAsync(string caseId, string operatorId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds an operator's message for the user and queues it, unless <paramref name="clientKey"/> is already one
    /// of the case's messages: then <see cref="OperatorActionResult.Replayed"/> (same operator and text) or
    /// <see cref="OperatorActionResult.IdempotencyKeyReused"/>, whatever the case's status is now.</summary>
    Task<OperatorActionOutcome> AddOperatorMessageAsync(string caseId, string operatorId, string text, string? clientKey, DateTimeOffset now,
        CancellationToken cancellationToken);

    Task<OperatorActionOutcome> CloseAsync(string caseId, string operatorId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records an operator action that changes nothing (reading a case's text).</summary>
    Task AuditAsync(string caseId, string operatorId, string action, string result, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks every case still unclaimed that was created at or before <paramref name="createdBefore"/> as
    /// timed out, once per case, and queues the reminders. Returns the cases marked by this call.</summary>
    Task<IReadOnlyList<CaseRecord>> TimeOutUnclaimedAsync(DateTimeOffset createdBefore, DateTimeOffset now, CancellationToken cancellationToken);

    Task<CaseRecord?> GetAsync(string caseId, bool includeText, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseRecord>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseMessage>> MessagesAsync(string caseId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Deletes excerpts and message texts written at or before <paramref name="cutoff"/>, the conversation
    /// references of cases closed by then, and delivered outbox rows older than it.</summary>
    Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
