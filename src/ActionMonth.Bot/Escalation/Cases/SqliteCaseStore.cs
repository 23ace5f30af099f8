using System.Data.Common;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// <see cref="ICaseStore"/> on the SQLite state database. Every write runs in a BEGIN IMMEDIATE transaction, so
/// the check and the change it guards (is the case still unclaimed? was this activity seen?) cannot interleave
/// with another writer, in this process or another.
/// </summary>
public sealed class SqliteCaseStore(SqliteDatabase database, NotificationRouting routing,
    IOptionsMonitor<EscalationOptions>? options = null)
    : SqlCaseStore(routing, OutboxWriter.Sqlite, options)
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    // IMMEDIATE takes the file's one write lock at BEGIN rather than at the first write, so the reads before the
    // write already see what no other writer can change.
    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // The IMMEDIATE transaction already holds the only write lock: nothing more to lock.
    private protected override Task LockConversationAsync(DbConnection connection, DbTransaction transaction, string channelId,
        string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;

    private protected override string LockCaseRowClause => string.Empty;

    private protected override string MessageInsertOrderColumn => "rowid";
}
