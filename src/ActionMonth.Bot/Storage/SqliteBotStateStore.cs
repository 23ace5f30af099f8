using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Storage;

/// <summary>Bot.Builder state (<see cref="SqlBotStateStore"/>) on the SQLite state database. Writes queue on the
/// process's one writer; batches run in BEGIN IMMEDIATE transactions.
/// <para>The turn's document reads and writes go through one connection kept open, in the writer's queue, with its
/// statements compiled once: Microsoft.Data.Sqlite keeps a compiled statement only as long as its command and
/// connection, so commands made per call compile their SQL every time. One connection also keeps its page cache:
/// SQLite empties a connection's cache whenever another connection has written, so separate reader connections
/// read their pages from the file again on every turn. A read holds the queue for microseconds (measured: a read of
/// both keys and a write together take a few tens of µs).</para></summary>
public sealed class SqliteBotStateStore(SqliteDatabase database, TimeProvider time) : SqlBotStateStore(time), IAsyncDisposable
{
    // Used only inside the database's writer queue, so by one call at a time.
    private DocumentStatements? _statements;
    private bool _disposed;

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

    private protected override Task<IDisposable?> EnterReadAsync(CancellationToken cancellationToken) => EnterWriteAsync(cancellationToken);

    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // SQLite has no array parameters: one parameter per key.
    private protected override string KeyIsOneOf(DbCommand command, string[] keys)
    {
        var names = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            names[i] = "@k" + i;
            command.With(names[i], keys[i]);
        }
        return $"key IN ({string.Join(", ", names)})";
    }

    private protected override void RebindKeys(DbCommand command, string[] keys)
    {
        for (var i = 0; i < keys.Length; i++) command.Parameters[i].Value = keys[i];
    }

    private protected override async ValueTask<DocumentStatements> RentStatementsAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _statements ??= new DocumentStatements(await OpenAsync(cancellationToken).ConfigureAwait(false));
    }

    private protected override async ValueTask ReturnStatementsAsync(DocumentStatements statements, bool healthy)
    {
        if (healthy && !_disposed) return;
        // After an error the connection may be in any state: closed, and the next call opens a fresh one.
        _statements = null;
        await statements.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        using (await database.EnterWriteAsync(CancellationToken.None).ConfigureAwait(false))
        {
            _disposed = true;
            if (_statements is { } statements) await statements.DisposeAsync().ConfigureAwait(false);
            _statements = null;
        }
    }
}
