using System.Data.Common;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Options;

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
/// <item>the claim timeout is one conditional UPDATE per case, so of several instances exactly one queues the reminder:
/// the other waits for the row lock, then finds the case marked.</item>
/// </list>
/// </summary>
public sealed class PostgresCaseStore(PostgresDatabase database, NotificationRouting routing,
    IOptionsMonitor<EscalationOptions>? options = null)
    : SqlCaseStore(routing, OutboxWriter.Postgres, options)
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Serialises, across instances, everything that reads and then writes a conversation's cases. Held
    /// until the transaction ends.</summary>
    private protected override async Task LockConversationAsync(DbConnection connection, DbTransaction transaction, string channelId,
        string conversationId, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT pg_advisory_xact_lock(@key)", transaction);
        command.With("key", PostgresValues.LockKey($"escalation-conversation\n{channelId}\n{conversationId}"));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override string LockCaseRowClause => " FOR UPDATE";

    private protected override string MessageInsertOrderColumn => "seq";
}
