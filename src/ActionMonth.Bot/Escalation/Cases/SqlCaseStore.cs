using System.Data.Common;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Storage;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// <see cref="ICaseStore"/> over System.Data.Common: the flow, the SQL and the row mapping that SQLite and PostgreSQL
/// share. A provider supplies its connections and how it keeps a read and the change it guards from interleaving
/// with another writer (<see cref="SqliteCaseStore"/>, <see cref="PostgresCaseStore"/>). Every change writes its
/// outbox rows in the same transaction.
/// </summary>
public abstract class SqlCaseStore : ICaseStore
{
    private readonly NotificationRouting _routing;
    private readonly OutboxWriter _outbox;
    private readonly IOptionsMonitor<EscalationOptions>? _options;

    private protected SqlCaseStore(NotificationRouting routing, OutboxWriter outbox, IOptionsMonitor<EscalationOptions>? options)
    {
        _routing = routing;
        _outbox = outbox;
        _options = options;
    }

    /// <summary>Escalation:RelayMaxPerMinute (without options, the default).</summary>
    private int RelayMaxPerMinute => (_options?.CurrentValue ?? new EscalationOptions()).RelayMaxPerMinute;

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction for a read followed by the write it decides.</summary>
    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Called first in a transaction that reads and then writes a conversation's cases.</summary>
    private protected abstract Task LockConversationAsync(DbConnection connection, DbTransaction transaction, string channelId,
        string conversationId, CancellationToken cancellationToken);

    /// <summary>Appended to the read of a case an operator action is about to change.</summary>
    private protected abstract string LockCaseRowClause { get; }

    /// <summary>The escalation_message column that orders messages of the same millisecond as they were inserted.</summary>
    private protected abstract string MessageInsertOrderColumn { get; }

    public async Task<OpenCaseResult> OpenCaseAsync(CaseDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await LockConversationAsync(connection, transaction, draft.ChannelId, draft.ConversationId, cancellationToken).ConfigureAwait(false);

        if (await CaseOfInboundAsync(connection, transaction, draft.InboundKey, cancellationToken).ConfigureAwait(false) is { } seen)
        {
            var duplicate = await ReadCaseAsync(connection, transaction, seen, false, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new OpenCaseResult(duplicate!, OpenCaseOutcome.Duplicate);
        }

        var open = await FindOpenAsync(connection, transaction, draft.ChannelId, draft.ConversationId, cancellationToken).ConfigureAwait(false);
        if (open is not null)
        {
            // One conversation, one open case: a further disclosure joins it, so the operator handling the child
            // sees it in the same thread. The case takes the graver level and adds the category (the first one stays
            // the case's category); either change is news for the operators and the hotline, told in this transaction.
            // A disclosure also ends a decline: the safety reply has just said a counsellor was told.
            IReadOnlyList<DisclosureCategory> categories = open.Categories.Contains(draft.Category) ? open.Categories : [.. open.Categories, draft.Category];
            var escalated = draft.Level > open.Level || categories.Count > open.Categories.Count;
            await using (var update = connection.Command("""
                UPDATE escalation_case SET level = @level, categories = @categories, declined_at = NULL, updated_at = @now,
                    last_activity_at = @now
                WHERE case_id = @case
                """, transaction))
            {
                update.With("level", (draft.Level > open.Level ? draft.Level : open.Level).ToString())
                    .With("categories", EscalationValues.Categories(categories))
                    .With("now", EscalationValues.Ms(draft.CreatedAt)).With("case", open.CaseId);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await AddInboundAsync(connection, transaction, draft.InboundKey, open.CaseId, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
            var kind = escalated ? NotificationKind.CaseEscalated : NotificationKind.UserMessage;
            await AddUserMessageRowsAsync(connection, transaction, open, draft.MessageText, kind, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
            var joined = await ReadCaseAsync(connection, transaction, open.CaseId, false, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new OpenCaseResult(joined!, OpenCaseOutcome.AddedToOpenCase);
        }

        await using (var insert = connection.Command("""
            INSERT INTO escalation_case (case_id, channel_id, conversation_id, conversation_reference, level, category,
                categories, reporter, cues, language, status, created_at, updated_at, last_activity_at, excerpt)
            VALUES (@case, @channel, @conversation, @reference, @level, @category, @category, @reporter, @cues, @language, 'new',
                @now, @now, @now, @excerpt)
            """, transaction))
        {
            insert.With("case", draft.CaseId).With("channel", draft.ChannelId).With("conversation", draft.ConversationId)
                .With("reference", draft.ConversationReference).With("level", draft.Level.ToString())
                .With("category", draft.Category.ToString()).With("reporter", draft.Reporter.ToString())
                .With("cues", string.Join(",", draft.Cues)).With("language", draft.Language)
                .With("now", EscalationValues.Ms(draft.CreatedAt)).With("excerpt", draft.Excerpt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await AddInboundAsync(connection, transaction, draft.InboundKey, draft.CaseId, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
        await _outbox.AddAsync(connection, transaction, OutboxWriter.NotificationId(draft.CaseId, NotificationKind.CaseOpened),
            _routing.DestinationsFor(NotificationKind.CaseOpened), draft.CaseId, nameof(NotificationKind.CaseOpened), CaseStatus.New,
            null, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
        var created = await ReadCaseAsync(connection, transaction, draft.CaseId, false, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OpenCaseResult(created!, OpenCaseOutcome.Created);
    }

    public async Task<CaseRecord?> FindOpenCaseAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindOpenAsync(connection, null, channelId, conversationId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RelayResult?> RelayUserMessageAsync(string channelId, string conversationId, string inboundKey, string text,
        bool resume, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await LockConversationAsync(connection, transaction, channelId, conversationId, cancellationToken).ConfigureAwait(false);
        var open = await FindOpenAsync(connection, transaction, channelId, conversationId, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        var relayed = false;
        if (await CaseOfInboundAsync(connection, transaction, inboundKey, cancellationToken).ConfigureAwait(false) is null)
        {
            if (open.DeclinedAt is not null && resume)
            {
                await using var undo = connection.Command(
                    "UPDATE escalation_case SET declined_at = NULL, updated_at = @now WHERE case_id = @case", transaction);
                undo.With("now", EscalationValues.Ms(now)).With("case", open.CaseId);
                await undo.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            // A user who declined a counsellor is not relayed while nobody has claimed the case; once a person has, what
            // they write goes to that person (the claim told them so).
            if (open.DeclinedAt is null || resume || open.IsClaimed)
            {
                await AddInboundAsync(connection, transaction, inboundKey, open.CaseId, now, cancellationToken).ConfigureAwait(false);
                // Once a counsellor has claimed the case they are talking with the user live: nothing is held back.
                await AddUserMessageRowsAsync(connection, transaction, open, text, NotificationKind.UserMessage, now, cancellationToken,
                        windowed: !open.IsClaimed)
                    .ConfigureAwait(false);
                relayed = true;
            }
        }
        var after = relayed ? await ReadCaseAsync(connection, transaction, open.CaseId, false, cancellationToken).ConfigureAwait(false) : open;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RelayResult(after!, relayed);
    }

    public async Task<RelayResult?> DeclineAsync(string channelId, string conversationId, string inboundKey, string text,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await LockConversationAsync(connection, transaction, channelId, conversationId, cancellationToken).ConfigureAwait(false);
        var open = await FindOpenAsync(connection, transaction, channelId, conversationId, cancellationToken).ConfigureAwait(false);
        if (open is null || open.IsClaimed)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return open is null ? null : new RelayResult(open, false);
        }
        var relayed = false;
        if (await CaseOfInboundAsync(connection, transaction, inboundKey, cancellationToken).ConfigureAwait(false) is null)
        {
            // The user's own words go to the case (operators read why), with a text-less notice to every channel.
            await AddInboundAsync(connection, transaction, inboundKey, open.CaseId, now, cancellationToken).ConfigureAwait(false);
            await AddUserMessageRowsAsync(connection, transaction, open, text, NotificationKind.UserDeclined, now, cancellationToken).ConfigureAwait(false);
            await using var decline = connection.Command(
                "UPDATE escalation_case SET declined_at = @now, updated_at = @now, last_activity_at = @now WHERE case_id = @case", transaction);
            decline.With("now", EscalationValues.Ms(now)).With("case", open.CaseId);
            await decline.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await AddAuditAsync(connection, transaction, open.CaseId, "user", "decline", "done", now, cancellationToken).ConfigureAwait(false);
            relayed = true;
        }
        var after = await ReadCaseAsync(connection, transaction, open.CaseId, false, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RelayResult(after!, relayed);
    }

    public async Task<IReadOnlyList<CaseRecord>> RemindUnansweredAsync(DateTimeOffset waitingSince, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<string>();
        await using (var select = connection.Command("""
            SELECT c.case_id FROM escalation_case c
            WHERE c.status = 'claimed' AND EXISTS (
                SELECT 1 FROM escalation_message u
                WHERE u.case_id = c.case_id AND u.direction = 'user' AND u.created_at <= @before
                  AND u.created_at >= COALESCE(c.claimed_at, 0) AND u.created_at > COALESCE(c.unanswered_notified_at, 0)
                  AND NOT EXISTS (SELECT 1 FROM escalation_message o
                                  WHERE o.case_id = c.case_id AND o.direction = 'operator' AND o.created_at >= u.created_at))
            ORDER BY c.created_at LIMIT 100
            """))
        {
            select.With("before", EscalationValues.Ms(waitingSince));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) candidates.Add(reader.GetString(0));
        }

        var reminded = new List<CaseRecord>();
        foreach (var caseId in candidates)
        {
            await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            // Conditional: of two instances (or ticks) one reminds; the reminder covers every message written up to now.
            await using var mark = connection.Command("""
                UPDATE escalation_case SET unanswered_notified_at = @now
                WHERE case_id = @case AND status = 'claimed' AND COALESCE(unanswered_notified_at, 0) <= @before
                """, transaction);
            mark.With("now", EscalationValues.Ms(now)).With("case", caseId).With("before", EscalationValues.Ms(waitingSince));
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await _outbox.AddAsync(connection, transaction,
                    OutboxWriter.NotificationId(caseId, NotificationKind.UserWaiting, EscalationValues.Invariant(EscalationValues.Ms(now))),
                    _routing.DestinationsFor(NotificationKind.UserWaiting), caseId, nameof(NotificationKind.UserWaiting), CaseStatus.Claimed,
                    null, now, cancellationToken).ConfigureAwait(false);
                await AddAuditAsync(connection, transaction, caseId, "system", "unanswered-reminder", "done", now, cancellationToken).ConfigureAwait(false);
                reminded.Add((await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false))!);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return reminded;
    }

    public async Task<bool> ReportUserUnreachableAsync(string caseId, long outboxRowId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            await _outbox.AddAsync(connection, transaction,
                OutboxWriter.NotificationId(caseId, NotificationKind.UserUnreachable, EscalationValues.Invariant(outboxRowId)),
                _routing.DestinationsFor(NotificationKind.UserUnreachable), caseId, nameof(NotificationKind.UserUnreachable), current.Status,
                null, now, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current is not null;
    }

    public async Task<OperatorActionOutcome> ClaimAsync(string caseId, string operatorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken, lockRow: true).ConfigureAwait(false);
        var result = current switch
        {
            null => OperatorActionResult.NotFound,
            { Status: CaseStatus.Closed } => OperatorActionResult.AlreadyClosed,
            { Status: CaseStatus.Claimed } when current.ClaimedBy == operatorId => OperatorActionResult.Done,
            { Status: CaseStatus.Claimed } => OperatorActionResult.AlreadyClaimedByAnother,
            _ => OperatorActionResult.Done,
        };
        if (result == OperatorActionResult.Done && current!.Status != CaseStatus.Claimed)
        {
            await using var claim = connection.Command("""
                UPDATE escalation_case SET status = 'claimed', claimed_by = @operator, claimed_at = @now, updated_at = @now,
                    last_activity_at = @now
                WHERE case_id = @case AND status IN ('new', 'notified', 'expired')
                """, transaction);
            claim.With("operator", operatorId).With("now", EscalationValues.Ms(now)).With("case", caseId);
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await QueueStatusChangeAsync(connection, transaction, caseId, CaseStatus.Claimed, UserNotice.Claimed, now, cancellationToken).ConfigureAwait(false);
        }
        return await FinishActionAsync(connection, transaction, caseId, operatorId, "claim", result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OperatorActionOutcome> AddOperatorMessageAsync(string caseId, string operatorId, string text, string? clientKey,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken, lockRow: true).ConfigureAwait(false);
        // A retry (its answer lost to a timeout or a crash) finds its message whatever the case became since, so the
        // user never gets the same message twice. The case row is locked first, so two retries at once take turns.
        if (current is not null && clientKey is not null
            && await FindClientMessageAsync(connection, transaction, caseId, clientKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            var replay = earlier.OperatorId == operatorId && earlier.Text == text
                ? OperatorActionResult.Replayed
                : OperatorActionResult.IdempotencyKeyReused;
            return await FinishActionAsync(connection, transaction, caseId, operatorId, "message", replay, now, cancellationToken).ConfigureAwait(false);
        }
        var result = current switch
        {
            null => OperatorActionResult.NotFound,
            { Status: CaseStatus.Closed } => OperatorActionResult.AlreadyClosed,
            { Status: CaseStatus.Claimed } when current.ClaimedBy == operatorId => OperatorActionResult.Done,
            { Status: CaseStatus.Claimed } => OperatorActionResult.AlreadyClaimedByAnother,
            _ => OperatorActionResult.NotClaimed,
        };
        if (result == OperatorActionResult.Done)
        {
            var messageId = await AddMessageAsync(connection, transaction, caseId, "operator", operatorId, text, now, cancellationToken,
                clientKey).ConfigureAwait(false);
            await TouchAsync(connection, transaction, caseId, now, cancellationToken).ConfigureAwait(false);
            await _outbox.AddAsync(connection, transaction, OutboxWriter.UserNoticeId(caseId, UserNotice.OperatorMessage, messageId),
                [OutboxDestinations.User], caseId, nameof(UserNotice.OperatorMessage), CaseStatus.Claimed, messageId, now,
                cancellationToken).ConfigureAwait(false);
        }
        return await FinishActionAsync(connection, transaction, caseId, operatorId, "message", result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OperatorActionOutcome> CloseAsync(string caseId, string operatorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken, lockRow: true).ConfigureAwait(false);
        // The operator handling a case closes it; an unclaimed case (a false alarm, a duplicate) may be closed by
        // any operator.
        var result = current switch
        {
            null => OperatorActionResult.NotFound,
            { Status: CaseStatus.Closed } => OperatorActionResult.AlreadyClosed,
            { Status: CaseStatus.Claimed } when current.ClaimedBy != operatorId => OperatorActionResult.AlreadyClaimedByAnother,
            _ => OperatorActionResult.Done,
        };
        if (result == OperatorActionResult.Done)
        {
            await using var close = connection.Command("""
                UPDATE escalation_case SET status = 'closed', closed_by = @operator, closed_at = @now, updated_at = @now,
                    last_activity_at = @now
                WHERE case_id = @case AND status <> 'closed'
                """, transaction);
            close.With("operator", operatorId).With("now", EscalationValues.Ms(now)).With("case", caseId);
            await close.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await QueueStatusChangeAsync(connection, transaction, caseId, CaseStatus.Closed, UserNotice.Closed, now, cancellationToken).ConfigureAwait(false);
        }
        return await FinishActionAsync(connection, transaction, caseId, operatorId, "close", result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task AuditAsync(string caseId, string operatorId, string action, string result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await AddAuditAsync(connection, null, caseId, operatorId, action, result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseRecord>> TimeOutUnclaimedAsync(DateTimeOffset createdBefore, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<string>();
        await using (var select = connection.Command("""
            SELECT case_id FROM escalation_case
            WHERE status IN ('new', 'notified') AND claim_timed_out_at IS NULL AND created_at <= @before
            ORDER BY created_at LIMIT 100
            """))
        {
            select.With("before", EscalationValues.Ms(createdBefore));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) candidates.Add(reader.GetString(0));
        }

        var timedOut = new List<CaseRecord>();
        foreach (var caseId in candidates)
        {
            await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            // Conditional, so that of two instances (or two ticks) exactly one marks the case and queues the reminders;
            // the other finds claim_timed_out_at set and changes nothing.
            await using var mark = connection.Command("""
                UPDATE escalation_case SET claim_timed_out_at = @now, updated_at = @now
                WHERE case_id = @case AND claim_timed_out_at IS NULL AND status IN ('new', 'notified')
                """, transaction);
            mark.With("now", EscalationValues.Ms(now)).With("case", caseId);
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                var record = (await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false))!;
                await _outbox.AddAsync(connection, transaction, OutboxWriter.NotificationId(caseId, NotificationKind.ClaimTimedOut),
                    _routing.DestinationsFor(NotificationKind.ClaimTimedOut), caseId, nameof(NotificationKind.ClaimTimedOut),
                    record.Status, null, now, cancellationToken).ConfigureAwait(false);
                await _outbox.AddAsync(connection, transaction, OutboxWriter.UserNoticeId(caseId, UserNotice.ClaimTimedOut),
                    [OutboxDestinations.User], caseId, nameof(UserNotice.ClaimTimedOut), record.Status, null, now,
                    cancellationToken).ConfigureAwait(false);
                await AddAuditAsync(connection, transaction, caseId, "system", "claim-timeout", "done", now, cancellationToken).ConfigureAwait(false);
                timedOut.Add(record);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return timedOut;
    }

    public async Task<IReadOnlyList<CaseRecord>> ExpireUnclaimedAsync(DateTimeOffset idleSince, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<string>();
        await using (var select = connection.Command("""
            SELECT case_id FROM escalation_case WHERE status IN ('new', 'notified') AND COALESCE(last_activity_at, created_at) <= @before
            ORDER BY created_at LIMIT 100
            """))
        {
            select.With("before", EscalationValues.Ms(idleSince));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) candidates.Add(reader.GetString(0));
        }

        var expired = new List<CaseRecord>();
        foreach (var caseId in candidates)
        {
            await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            // Conditional, as the claim timeout: of two instances exactly one expires the case and tells the operators;
            // and a message that arrived since the candidates were read keeps the case alive.
            await using var mark = connection.Command("""
                UPDATE escalation_case SET status = 'expired', updated_at = @now
                WHERE case_id = @case AND status IN ('new', 'notified') AND COALESCE(last_activity_at, created_at) <= @before
                """, transaction);
            mark.With("now", EscalationValues.Ms(now)).With("case", caseId).With("before", EscalationValues.Ms(idleSince));
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await _outbox.AddAsync(connection, transaction, OutboxWriter.NotificationIdForStatus(caseId, CaseStatus.Expired),
                    _routing.DestinationsFor(NotificationKind.StatusChanged), caseId, nameof(NotificationKind.StatusChanged), CaseStatus.Expired,
                    null, now, cancellationToken).ConfigureAwait(false);
                await AddAuditAsync(connection, transaction, caseId, "system", "expire", "done", now, cancellationToken).ConfigureAwait(false);
                expired.Add((await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false))!);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return expired;
    }

    public async Task<CaseRecord?> GetAsync(string caseId, bool includeText, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCaseAsync(connection, null, caseId, includeText, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseRecord>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT {CaseRows.Columns}, {NoExcerpt} FROM escalation_case
            {(openOnly ? "WHERE status <> 'closed'" : string.Empty)}
            ORDER BY created_at DESC LIMIT @limit
            """);
        select.With("limit", Math.Clamp(limit, 1, 1000));
        var list = new List<CaseRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(CaseRows.Read(reader));
        return list;
    }

    public async Task<IReadOnlyList<CaseMessage>> MessagesAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT message_id, direction, operator_id, text, created_at FROM escalation_message
            WHERE case_id = @case ORDER BY created_at, {MessageInsertOrderColumn}
            """);
        select.With("case", caseId);
        var list = new List<CaseMessage>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new CaseMessage(reader.GetString(0), reader.GetString(1), EscalationValues.StringOrNull(reader, 2),
                EscalationValues.StringOrNull(reader, 3), EscalationValues.Time(reader.GetInt64(4))));
        }
        return list;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command(
            "SELECT at, case_id, operator_id, action, result FROM escalation_audit WHERE case_id = @case ORDER BY id");
        select.With("case", caseId);
        var list = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(EscalationValues.Time(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4)));
        }
        return list;
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var changed = 0;
        // One command per statement, their counts summed, as one multi-statement command on SQLite reported them.
        foreach (var sql in new[]
                 {
                     "UPDATE escalation_case SET excerpt = NULL WHERE excerpt IS NOT NULL AND created_at <= @cutoff",
                     "UPDATE escalation_message SET text = NULL WHERE text IS NOT NULL AND created_at <= @cutoff",
                     """
                     UPDATE escalation_case SET conversation_reference = NULL
                     WHERE conversation_reference IS NOT NULL AND status = 'closed' AND closed_at <= @cutoff
                     """,
                     "DELETE FROM escalation_outbox WHERE delivered_at IS NOT NULL AND delivered_at <= @cutoff",
                 })
        {
            await using var purge = connection.Command(sql, transaction);
            purge.With("cutoff", EscalationValues.Ms(cutoff));
            changed += await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>The name of an operator action's result, as the audit trail and the case API show it.</summary>
    public static string ResultName(OperatorActionResult result) =>
        char.ToLowerInvariant(result.ToString()[0]) + result.ToString()[1..];

    // A typed NULL where the excerpt is not wanted: PostgreSQL cannot infer the type of a bare NULL in a select list.
    private const string NoExcerpt = "CAST(NULL AS TEXT)";

    private async Task QueueStatusChangeAsync(DbConnection connection, DbTransaction transaction, string caseId,
        CaseStatus status, UserNotice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _outbox.AddAsync(connection, transaction, OutboxWriter.NotificationIdForStatus(caseId, status),
            _routing.DestinationsFor(NotificationKind.StatusChanged), caseId, nameof(NotificationKind.StatusChanged), status, null, now,
            cancellationToken).ConfigureAwait(false);
        await _outbox.AddAsync(connection, transaction, OutboxWriter.UserNoticeId(caseId, notice), [OutboxDestinations.User],
            caseId, notice.ToString(), status, null, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's message in the case's thread, and the notification that carries it (a plain user message,
    /// or the escalation or decline it is).</summary>
    /// <param name="windowed">A relayed message (not a disclosure or a decline): its notification waits for the case's
    /// relay window when the user floods the case. The message itself is stored now, and the held ones go out
    /// together. A disclosure or a decline never waits, and the writer pulls any held message ahead of it forward,
    /// so nothing queues in front of it.</param>
    private async Task AddUserMessageRowsAsync(DbConnection connection, DbTransaction transaction, CaseRecord open,
        string text, NotificationKind kind, DateTimeOffset now, CancellationToken cancellationToken, bool windowed = false)
    {
        var messageId = await AddMessageAsync(connection, transaction, open.CaseId, "user", null, text, now, cancellationToken).ConfigureAwait(false);
        var due = windowed
            ? await ScheduleRelayAsync(connection, transaction, open.CaseId, now, cancellationToken).ConfigureAwait(false)
            : now;
        await _outbox.AddAsync(connection, transaction, OutboxWriter.NotificationId(open.CaseId, kind, messageId),
            _routing.DestinationsFor(kind), open.CaseId, kind.ToString(), open.Status, messageId, now, cancellationToken, due).ConfigureAwait(false);
    }

    /// <summary>When the notification of a relayed user message may go out (<see cref="RelayWindow"/>), recording the
    /// case's window and its activity.</summary>
    private async Task<DateTimeOffset> ScheduleRelayAsync(DbConnection connection, DbTransaction transaction, string caseId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        long? start = null;
        var count = 0;
        await using (var select = connection.Command(
            "SELECT relay_window_start, relay_window_count FROM escalation_case WHERE case_id = @case", transaction))
        {
            select.With("case", caseId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                start = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                count = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
            }
        }
        var slot = RelayWindow.Next(start is { } ms ? EscalationValues.Time(ms) : null, count, now, RelayMaxPerMinute);
        await using var update = connection.Command("""
            UPDATE escalation_case SET relay_window_start = @start, relay_window_count = @count, last_activity_at = @now, updated_at = @now
            WHERE case_id = @case
            """, transaction);
        update.With("start", EscalationValues.Ms(slot.WindowStart)).With("count", slot.Count).With("now", EscalationValues.Ms(now))
            .With("case", caseId);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return slot.Due;
    }

    /// <summary>Records an operator's message as activity on the case.</summary>
    private static async Task TouchAsync(DbConnection connection, DbTransaction transaction, string caseId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var touch = connection.Command(
            "UPDATE escalation_case SET last_activity_at = @now, updated_at = @now WHERE case_id = @case", transaction);
        touch.With("now", EscalationValues.Ms(now)).With("case", caseId);
        await touch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> AddMessageAsync(DbConnection connection, DbTransaction transaction, string caseId,
        string direction, string? operatorId, string text, DateTimeOffset now, CancellationToken cancellationToken, string? clientKey = null)
    {
        var messageId = Guid.CreateVersion7().ToString("N");
        await using var insert = connection.Command("""
            INSERT INTO escalation_message (message_id, case_id, direction, operator_id, text, created_at, client_key)
            VALUES (@id, @case, @direction, @operator, @text, @now, @key)
            """, transaction);
        insert.With("id", messageId).With("case", caseId).With("direction", direction).With("operator", operatorId)
            .With("text", text).With("now", EscalationValues.Ms(now)).With("key", clientKey);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return messageId;
    }

    /// <summary>The operator and text of the case's message with this idempotency key, if there is one.</summary>
    private static async Task<(string? OperatorId, string Text)?> FindClientMessageAsync(DbConnection connection, DbTransaction transaction,
        string caseId, string clientKey, CancellationToken cancellationToken)
    {
        await using var find = connection.Command(
            "SELECT operator_id, text FROM escalation_message WHERE case_id = @case AND client_key = @key", transaction);
        find.With("case", caseId).With("key", clientKey);
        await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1));
    }

    private async Task<OperatorActionOutcome> FinishActionAsync(DbConnection connection, DbTransaction transaction,
        string caseId, string operatorId, string action, OperatorActionResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await AddAuditAsync(connection, transaction, caseId, operatorId, action, ResultName(result), now, cancellationToken).ConfigureAwait(false);
        var after = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OperatorActionOutcome(result, after);
    }

    private static async Task AddAuditAsync(DbConnection connection, DbTransaction? transaction, string caseId,
        string operatorId, string action, string result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command("""
            INSERT INTO escalation_audit (at, case_id, operator_id, action, result) VALUES (@at, @case, @operator, @action, @result)
            """, transaction);
        insert.With("at", EscalationValues.Ms(now)).With("case", caseId).With("operator", operatorId).With("action", action)
            .With("result", result);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> CaseOfInboundAsync(DbConnection connection, DbTransaction transaction, string inboundKey,
        CancellationToken cancellationToken)
    {
        await using var select = connection.Command("SELECT case_id FROM escalation_inbound WHERE inbound_key = @key", transaction);
        select.With("key", inboundKey);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task AddInboundAsync(DbConnection connection, DbTransaction transaction, string inboundKey,
        string caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command(
            "INSERT INTO escalation_inbound (inbound_key, case_id, created_at) VALUES (@key, @case, @now)", transaction);
        insert.With("key", inboundKey).With("case", caseId).With("now", EscalationValues.Ms(now));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CaseRecord?> FindOpenAsync(DbConnection connection, DbTransaction? transaction, string channelId,
        string conversationId, CancellationToken cancellationToken)
    {
        await using var select = connection.Command($"""
            SELECT {CaseRows.Columns}, {NoExcerpt} FROM escalation_case
            WHERE channel_id = @channel AND conversation_id = @conversation AND status IN ('new', 'notified', 'claimed')
            ORDER BY created_at DESC LIMIT 1
            """, transaction);
        select.With("channel", channelId).With("conversation", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? CaseRows.Read(reader) : null;
    }

    private async Task<CaseRecord?> ReadCaseAsync(DbConnection connection, DbTransaction? transaction, string caseId,
        bool includeText, CancellationToken cancellationToken, bool lockRow = false)
    {
        await using var select = connection.Command(
            $"SELECT {CaseRows.Columns}, {(includeText ? "excerpt" : NoExcerpt)} FROM escalation_case WHERE case_id = @case{(lockRow ? LockCaseRowClause : "")}",
            transaction);
        select.With("case", caseId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? CaseRows.Read(reader) : null;
    }
}
