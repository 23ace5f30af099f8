using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Storage;
using Npgsql;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// <see cref="ICaseStore"/> on PostgreSQL, shared by several instances, with the behaviour of <see cref="SqliteCaseStore"/>.
/// Where SQLite serialises every write with its one writer lock, this store locks what each change depends on:
/// <list type="bullet">
/// <item>opening a case and adding a user's message take a transaction advisory lock on the conversation, so the
/// check "was this activity seen? is a case open?" and the insert it guards cannot interleave with another instance
/// doing the same for that conversation (the same activity twice gives one case; two disclosures give one open case);</item>
/// <item>operator actions lock the case row (<c>SELECT … FOR UPDATE</c>), so of two operators claiming at once one
/// wins and the other sees the claim;</item>
/// <item>the claim timeout is one conditional UPDATE per case, so of several instances exactly one queues the reminder.</item>
/// </list>
/// Every change writes its outbox rows in the same transaction.
/// </summary>
public sealed class PostgresCaseStore(PostgresDatabase database, NotificationRouting routing) : ICaseStore
{
    private const string CaseColumns = SqliteCaseStore.Columns;

    public async Task<OpenCaseResult> OpenCaseAsync(CaseDraft draft, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
            // One conversation, one open case: a further disclosure joins it; the case takes the graver level.
            if (draft.Level > open.Level)
            {
                await using var raise = new NpgsqlCommand(
                    "UPDATE escalation_case SET level = @level, category = @category, updated_at = @now WHERE case_id = @case",
                    connection, transaction);
                raise.With("level", draft.Level.ToString()).With("category", draft.Category.ToString())
                    .With("now", SqliteValues.Ms(draft.CreatedAt)).With("case", open.CaseId);
                await raise.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await AddInboundAsync(connection, transaction, draft.InboundKey, open.CaseId, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
            await AddUserMessageRowsAsync(connection, transaction, open, draft.MessageText, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
            var joined = await ReadCaseAsync(connection, transaction, open.CaseId, false, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new OpenCaseResult(joined!, OpenCaseOutcome.AddedToOpenCase);
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO escalation_case (case_id, channel_id, conversation_id, conversation_reference, level, category,
                reporter, cues, language, status, created_at, updated_at, excerpt)
            VALUES (@case, @channel, @conversation, @reference, @level, @category, @reporter, @cues, @language, 'new',
                @now, @now, @excerpt)
            """, connection, transaction))
        {
            insert.With("case", draft.CaseId).With("channel", draft.ChannelId).With("conversation", draft.ConversationId)
                .With("reference", draft.ConversationReference).With("level", draft.Level.ToString())
                .With("category", draft.Category.ToString()).With("reporter", draft.Reporter.ToString())
                .With("cues", string.Join(",", draft.Cues)).With("language", draft.Language)
                .With("now", SqliteValues.Ms(draft.CreatedAt)).With("excerpt", draft.Excerpt);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await AddInboundAsync(connection, transaction, draft.InboundKey, draft.CaseId, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
        await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.NotificationId(draft.CaseId, NotificationKind.CaseOpened),
            routing.DestinationsFor(NotificationKind.CaseOpened), draft.CaseId, nameof(NotificationKind.CaseOpened), CaseStatus.New,
            null, draft.CreatedAt, cancellationToken).ConfigureAwait(false);
        var created = await ReadCaseAsync(connection, transaction, draft.CaseId, false, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OpenCaseResult(created!, OpenCaseOutcome.Created);
    }

    public async Task<CaseRecord?> FindOpenCaseAsync(string channelId, string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindOpenAsync(connection, null, channelId, conversationId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaseRecord?> AddUserMessageAsync(string channelId, string conversationId, string inboundKey, string text,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockConversationAsync(connection, transaction, channelId, conversationId, cancellationToken).ConfigureAwait(false);
        var open = await FindOpenAsync(connection, transaction, channelId, conversationId, cancellationToken).ConfigureAwait(false);
        if (open is null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (await CaseOfInboundAsync(connection, transaction, inboundKey, cancellationToken).ConfigureAwait(false) is null)
        {
            await AddInboundAsync(connection, transaction, inboundKey, open.CaseId, now, cancellationToken).ConfigureAwait(false);
            await AddUserMessageRowsAsync(connection, transaction, open, text, now, cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return open;
    }

    public async Task<OperatorActionOutcome> ClaimAsync(string caseId, string operatorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken, forUpdate: true).ConfigureAwait(false);
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
            await using var claim = new NpgsqlCommand("""
                UPDATE escalation_case SET status = 'claimed', claimed_by = @operator, claimed_at = @now, updated_at = @now
                WHERE case_id = @case AND status IN ('new', 'notified')
                """, connection, transaction);
            claim.With("operator", operatorId).With("now", SqliteValues.Ms(now)).With("case", caseId);
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await QueueStatusChangeAsync(connection, transaction, caseId, CaseStatus.Claimed, UserNotice.Claimed, now, cancellationToken).ConfigureAwait(false);
        }
        return await FinishActionAsync(connection, transaction, caseId, operatorId, "claim", result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OperatorActionOutcome> AddOperatorMessageAsync(string caseId, string operatorId, string text, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken, forUpdate: true).ConfigureAwait(false);
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
            var messageId = await AddMessageAsync(connection, transaction, caseId, "operator", operatorId, text, now, cancellationToken).ConfigureAwait(false);
            await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.UserNoticeId(caseId, UserNotice.OperatorMessage, messageId),
                [OutboxDestinations.User], caseId, nameof(UserNotice.OperatorMessage), CaseStatus.Claimed, messageId, now,
                cancellationToken).ConfigureAwait(false);
        }
        return await FinishActionAsync(connection, transaction, caseId, operatorId, "message", result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OperatorActionOutcome> CloseAsync(string caseId, string operatorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken, forUpdate: true).ConfigureAwait(false);
        // The operator handling a case closes it; an unclaimed case (a false alarm, a duplicate) may be closed by any operator.
        var result = current switch
        {
            null => OperatorActionResult.NotFound,
            { Status: CaseStatus.Closed } => OperatorActionResult.AlreadyClosed,
            { Status: CaseStatus.Claimed } when current.ClaimedBy != operatorId => OperatorActionResult.AlreadyClaimedByAnother,
            _ => OperatorActionResult.Done,
        };
        if (result == OperatorActionResult.Done)
        {
            await using var close = new NpgsqlCommand("""
                UPDATE escalation_case SET status = 'closed', closed_by = @operator, closed_at = @now, updated_at = @now
                WHERE case_id = @case AND status <> 'closed'
                """, connection, transaction);
            close.With("operator", operatorId).With("now", SqliteValues.Ms(now)).With("case", caseId);
            await close.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await QueueStatusChangeAsync(connection, transaction, caseId, CaseStatus.Closed, UserNotice.Closed, now, cancellationToken).ConfigureAwait(false);
        }
        return await FinishActionAsync(connection, transaction, caseId, operatorId, "close", result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task AuditAsync(string caseId, string operatorId, string action, string result, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await AddAuditAsync(connection, null, caseId, operatorId, action, result, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseRecord>> TimeOutUnclaimedAsync(DateTimeOffset createdBefore, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<string>();
        await using (var select = new NpgsqlCommand("""
            SELECT case_id FROM escalation_case
            WHERE status IN ('new', 'notified') AND claim_timed_out_at IS NULL AND created_at <= @before
            ORDER BY created_at LIMIT 100
            """, connection))
        {
            select.With("before", SqliteValues.Ms(createdBefore));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) candidates.Add(reader.GetString(0));
        }

        var timedOut = new List<CaseRecord>();
        foreach (var caseId in candidates)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Conditional: of two instances (or two ticks) exactly one marks the case; the other waits for its row
            // lock, then finds claim_timed_out_at set and changes nothing.
            await using var mark = new NpgsqlCommand("""
                UPDATE escalation_case SET claim_timed_out_at = @now, updated_at = @now
                WHERE case_id = @case AND claim_timed_out_at IS NULL AND status IN ('new', 'notified')
                """, connection, transaction);
            mark.With("now", SqliteValues.Ms(now)).With("case", caseId);
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                var record = (await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false))!;
                await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.NotificationId(caseId, NotificationKind.ClaimTimedOut),
                    routing.DestinationsFor(NotificationKind.ClaimTimedOut), caseId, nameof(NotificationKind.ClaimTimedOut),
                    record.Status, null, now, cancellationToken).ConfigureAwait(false);
                await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.UserNoticeId(caseId, UserNotice.ClaimTimedOut),
                    [OutboxDestinations.User], caseId, nameof(UserNotice.ClaimTimedOut), record.Status, null, now,
                    cancellationToken).ConfigureAwait(false);
                await AddAuditAsync(connection, transaction, caseId, "system", "claim-timeout", "done", now, cancellationToken).ConfigureAwait(false);
                timedOut.Add(record);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return timedOut;
    }

    public async Task<CaseRecord?> GetAsync(string caseId, bool includeText, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadCaseAsync(connection, null, caseId, includeText, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CaseRecord>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand($"""
            SELECT {CaseColumns}, NULL::text FROM escalation_case
            {(openOnly ? "WHERE status <> 'closed'" : string.Empty)}
            ORDER BY created_at DESC LIMIT @limit
            """, connection);
        select.With("limit", Math.Clamp(limit, 1, 1000));
        var list = new List<CaseRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(ReadCase(reader));
        return list;
    }

    public async Task<IReadOnlyList<CaseMessage>> MessagesAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand("""
            SELECT message_id, direction, operator_id, text, created_at FROM escalation_message
            WHERE case_id = @case ORDER BY created_at, seq
            """, connection);
        select.With("case", caseId);
        var list = new List<CaseMessage>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new CaseMessage(reader.GetString(0), reader.GetString(1), PostgresValues.StringOrNull(reader, 2),
                PostgresValues.StringOrNull(reader, 3), SqliteValues.Time(reader.GetInt64(4))));
        }
        return list;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand(
            "SELECT at, case_id, operator_id, action, result FROM escalation_audit WHERE case_id = @case ORDER BY id", connection);
        select.With("case", caseId);
        var list = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditEntry(SqliteValues.Time(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4)));
        }
        return list;
    }

    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var changed = 0;
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
            await using var purge = new NpgsqlCommand(sql, connection, transaction);
            purge.With("cutoff", SqliteValues.Ms(cutoff));
            changed += await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    /// <summary>Serialises, across instances, everything that reads and then writes a conversation's cases. Held
    /// until the transaction ends.</summary>
    private static async Task LockConversationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string channelId,
        string conversationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction);
        command.With("key", PostgresValues.LockKey($"escalation-conversation\n{channelId}\n{conversationId}"));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task QueueStatusChangeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string caseId,
        CaseStatus status, UserNotice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.NotificationIdForStatus(caseId, status),
            routing.DestinationsFor(NotificationKind.StatusChanged), caseId, nameof(NotificationKind.StatusChanged), status, null, now,
            cancellationToken).ConfigureAwait(false);
        await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.UserNoticeId(caseId, notice), [OutboxDestinations.User],
            caseId, notice.ToString(), status, null, now, cancellationToken).ConfigureAwait(false);
    }

    private async Task AddUserMessageRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseRecord open,
        string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messageId = await AddMessageAsync(connection, transaction, open.CaseId, "user", null, text, now, cancellationToken).ConfigureAwait(false);
        await PostgresOutboxWriter.AddAsync(connection, transaction, OutboxWriter.NotificationId(open.CaseId, NotificationKind.UserMessage, messageId),
            routing.DestinationsFor(NotificationKind.UserMessage), open.CaseId, nameof(NotificationKind.UserMessage), open.Status,
            messageId, now, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> AddMessageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string caseId,
        string direction, string? operatorId, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messageId = Guid.CreateVersion7().ToString("N");
        await using var insert = new NpgsqlCommand("""
            INSERT INTO escalation_message (message_id, case_id, direction, operator_id, text, created_at)
            VALUES (@id, @case, @direction, @operator, @text, @now)
            """, connection, transaction);
        insert.With("id", messageId).With("case", caseId).With("direction", direction).With("operator", operatorId)
            .With("text", text).With("now", SqliteValues.Ms(now));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return messageId;
    }

    private static async Task<OperatorActionOutcome> FinishActionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string caseId, string operatorId, string action, OperatorActionResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await AddAuditAsync(connection, transaction, caseId, operatorId, action, SqliteCaseStore.ResultName(result), now, cancellationToken).ConfigureAwait(false);
        var after = await ReadCaseAsync(connection, transaction, caseId, false, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new OperatorActionOutcome(result, after);
    }

    private static async Task AddAuditAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string caseId,
        string operatorId, string action, string result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO escalation_audit (at, case_id, operator_id, action, result) VALUES (@at, @case, @operator, @action, @result)
            """, connection, transaction);
        insert.With("at", SqliteValues.Ms(now)).With("case", caseId).With("operator", operatorId).With("action", action)
            .With("result", result);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> CaseOfInboundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string inboundKey,
        CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT case_id FROM escalation_inbound WHERE inbound_key = @key", connection, transaction);
        select.With("key", inboundKey);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task AddInboundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string inboundKey,
        string caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO escalation_inbound (inbound_key, case_id, created_at) VALUES (@key, @case, @now)", connection, transaction);
        insert.With("key", inboundKey).With("case", caseId).With("now", SqliteValues.Ms(now));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CaseRecord?> FindOpenAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string channelId,
        string conversationId, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"""
            SELECT {CaseColumns}, NULL::text FROM escalation_case
            WHERE channel_id = @channel AND conversation_id = @conversation AND status <> 'closed'
            ORDER BY created_at DESC LIMIT 1
            """, connection, transaction);
        select.With("channel", channelId).With("conversation", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCase(reader) : null;
    }

    private static async Task<CaseRecord?> ReadCaseAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string caseId,
        bool includeText, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var select = new NpgsqlCommand(
            $"SELECT {CaseColumns}, {(includeText ? "excerpt" : "NULL::text")} FROM escalation_case WHERE case_id = @case{(forUpdate ? " FOR UPDATE" : "")}",
            connection, transaction);
        select.With("case", caseId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCase(reader) : null;
    }

    /// <summary>Reads <see cref="CaseColumns"/> followed by the excerpt (or NULL), from <paramref name="offset"/> on.</summary>
    internal static CaseRecord ReadCase(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetString(offset + 0),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        PostgresValues.StringOrNull(reader, offset + 3),
        SqliteValues.ParseLevel(reader.GetString(offset + 4)),
        SqliteValues.ParseCategory(reader.GetString(offset + 5)),
        SqliteValues.ParseReporter(reader.GetString(offset + 6)),
        reader.GetString(offset + 7).Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.GetString(offset + 8),
        SqliteValues.ParseStatus(reader.GetString(offset + 9)),
        SqliteValues.Time(reader.GetInt64(offset + 10)),
        SqliteValues.Time(reader.GetInt64(offset + 11)),
        PostgresValues.TimeOrNull(reader, offset + 12),
        PostgresValues.StringOrNull(reader, offset + 13),
        PostgresValues.TimeOrNull(reader, offset + 14),
        PostgresValues.StringOrNull(reader, offset + 15),
        PostgresValues.TimeOrNull(reader, offset + 16),
        PostgresValues.TimeOrNull(reader, offset + 17),
        PostgresValues.StringOrNull(reader, offset + 18));
}
