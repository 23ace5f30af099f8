using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Storage;

/// <summary>Bot.Builder state (<see cref="SqlBotStateStore"/>) on the SQLite state database. Writes queue on the
/// process's one writer; batches run in BEGIN IMMEDIATE transactions.
/// <para>The turn's document reads and writes keep their connections open with their statements compiled:
/// Microsoft.Data.Sqlite keeps a compiled statement only as long as its command and connection, so commands made
/// per call would compile the SQL every time. The one writer has its own connection (writes are queued anyway);
/// readers take one from a small pool.</para></summary>
public sealed class SqliteBotStateStore(SqliteDatabase database, TimeProvider time) : SqlBotStateStore(time), IAsyncDisposable
{
    // Enough for every thread that can read at once on a small server; more are opened when needed and closed after.
    private static readonly int KeptReaders = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentBag<DocumentStatements> _readers = [];
    // Used only inside the database's writer queue, so by one write at a time.
    private DocumentStatements? _writer;
    private bool _disposed;

    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // SQLite has no array parameters: one parameter per key.
    private protected override string KeyIsOneOf(DbCommand command, string[] keys)
    {
        var names = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            names[i] = "@k" + i;
            command.With("k" + i, keys[i]);
        }
        return $"key IN ({string.Join(", ", names)})";
    }

    private protected override void RebindKeys(DbCommand command, string[] keys)
    {
        for (var i = 0; i < keys.Length; i++) command.Parameters[i].Value = keys[i];
    }

    private protected override async ValueTask<DocumentStatements> RentStatementsAsync(bool write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (write) return _writer ??= new DocumentStatements(await OpenAsync(cancellationToken).ConfigureAwait(false));
        return _readers.TryTake(out var reader) ? reader : new DocumentStatements(await OpenAsync(cancellationToken).ConfigureAwait(false));
    }

    private protected override async ValueTask ReturnStatementsAsync(DocumentStatements statements, bool write, bool healthy)
    {
        // After an error the connection may be in any state: closed, and the next call opens a fresh one.
        if (healthy && !_disposed && (write || _readers.Count < KeptReaders))
        {
            if (!write) _readers.Add(statements);
            return;
        }
        if (write) _writer = null;
        await statements.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        using (await database.EnterWriteAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (_writer is { } writer) await writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
        while (_readers.TryTake(out var reader)) await reader.DisposeAsync().ConfigureAwait(false);
    }
}
