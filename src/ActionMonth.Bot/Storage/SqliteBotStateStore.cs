using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Storage;

/// <summary>Bot.Builder state (<see cref="SqlBotStateStore"/>) on the SQLite state database. Writes queue on the
/// process's one writer; batches of <see cref="SqlBotStateStore.WriteAsync"/> run in BEGIN IMMEDIATE transactions.
/// <para>The turn's document reads and writes (<see cref="ReadDocumentsAsync"/>, <see cref="WriteDocumentAsync"/>)
/// are grouped: each call queues, and one drainer at a time takes everything queued, enters the writer queue and runs
/// it on one connection kept open, with its statements compiled once — reads first, then writes in order, all in ONE
/// transaction when there is more than one (group commit). Each transaction costs SQLite its file locks (fcntl), its
/// WAL append and its commit, so concurrent turns share those instead of paying them one by one. Every write keeps
/// its own ETag check: a conflict or a failed statement fails only its caller, unless the transaction itself is lost
/// (rolled back by SQLite or a failed COMMIT), and then every write of it fails with that error. A write's call
/// returns only after the COMMIT that holds it (WAL, synchronous=NORMAL, as a single statement's commit); reads see
/// only committed documents (they run before the batch's writes) and return at once. A caller cancelled while its
/// call waits in the queue drops out; once taken into a batch a call runs to the end.</para>
/// <para>One connection also keeps its page cache: SQLite empties a connection's cache whenever another connection
/// has written, so separate reader connections read their pages from the file again on every turn.</para></summary>
public sealed class SqliteBotStateStore(SqliteDatabase database, TimeProvider time) : SqlBotStateStore(time), IAsyncDisposable
{
    private readonly Lock _queueGate = new();
    private List<IQueuedCall> _queued = [];
    private bool _draining;

    // Used only by the drainer inside the database's writer queue, so by one batch at a time.
    private List<IQueuedCall>? _spare = [];
    private DocumentStatements? _statements;
    private TransactionStatements? _transactions;
    private bool _disposed;

    /// <summary>Transactions this store committed or tried to (batches of more than one call); for tests.</summary>
    internal long Transactions { get; private set; }

    public override Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
    {
        CheckKeys(keys);
        return keys.Length == 0 ? Task.FromResult<StateDocument?[]>([]) : Enqueue(new DocumentRead(keys), cancellationToken);
    }

    public override Task<string> WriteDocumentAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(json);
        return Enqueue(new DocumentWrite(key, json, expectedETag, NewETag(), UnixNow()), cancellationToken);
    }

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
            command.With(names[i], keys[i]);
        }
        return $"key IN ({string.Join(", ", names)})";
    }

    private protected override void RebindKeys(DbCommand command, string[] keys)
    {
        for (var i = 0; i < keys.Length; i++) command.Parameters[i].Value = keys[i];
    }

    private Task<T> Enqueue<T>(QueuedCall<T> call, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed)) return Task.FromException<T>(new ObjectDisposedException(GetType().FullName));
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        call.WatchCancellation(cancellationToken);
        bool drain;
        lock (_queueGate)
        {
            _queued.Add(call);
            drain = !_draining;
            _draining = true;
        }
        // The call that finds no drainer starts one. When the pool has other work waiting — under load, other turns
        // that will call here in a moment — the drainer queues behind it, so their calls join its batch; otherwise
        // it runs at once on this thread (alone, it is just this call, with no thread switch).
        if (drain)
        {
            if (ThreadPool.PendingWorkItemCount > 0) QueueDrainer();
            else _ = DrainAsync();
        }
        return call.Task;
    }

    private void QueueDrainer() =>
        ThreadPool.UnsafeQueueUserWorkItem(static store => _ = store.DrainAsync(), this, preferLocal: false);

    /// <summary>Runs batches until the queue is empty, or queues itself again behind other waiting work. Never
    /// throws: every call taken gets its outcome.</summary>
    private async Task DrainAsync()
    {
        for (var first = true; ; first = false)
        {
            if (!first)
            {
                var more = false;
                lock (_queueGate)
                {
                    if (_queued.Count == 0) _draining = false;
                    else more = true;
                }
                if (!more) return;
                if (ThreadPool.PendingWorkItemCount > 0)
                {
                    // Let the turns that are waiting for a thread run up to their next call first, so those calls
                    // share the next transaction, and the caller that started draining goes on.
                    QueueDrainer();
                    return;
                }
            }

            // Into the writer queue before taking the batch, so that calls arriving while it waits join this batch and
            // a caller can still drop out while it waits.
            if (!database.TryEnterWrite()) await database.WaitWriteAsync(CancellationToken.None).ConfigureAwait(false);
            List<IQueuedCall> batch;
            try
            {
                lock (_queueGate)
                {
                    if (_queued.Count == 0)
                    {
                        _draining = false;
                        return;
                    }
                    batch = _queued;
                    _queued = _spare ?? [];
                    _spare = null;
                }
                try
                {
                    await RunAsync(batch).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    foreach (var call in batch) call.Fail(ex);
                }
            }
            finally
            {
                database.ExitWrite();
            }
            batch.Clear();
            _spare = batch;
        }
    }

    /// <summary>One batch, inside the writer queue.</summary>
    private async Task RunAsync(List<IQueuedCall> batch)
    {
        // Calls cancelled while they waited drop out; the others can no longer be cancelled.
        var live = 0;
        var writes = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var call = batch[i];
            if (!call.TryTake()) continue;
            batch[live++] = call;
            if (call is DocumentWrite) writes++;
        }
        batch.RemoveRange(live, batch.Count - live);
        if (live == 0) return;

        if (_disposed)
        {
            foreach (var call in batch) call.Fail(new ObjectDisposedException(GetType().FullName));
            return;
        }
        var statements = _statements ??= new DocumentStatements(await OpenAsync(CancellationToken.None).ConfigureAwait(false));
        var transactions = _transactions ??= new TransactionStatements((SqliteConnection)statements.Connection);
        if (Run(statements, transactions, batch, writes)) return;

        // After an error the connection may be in any state: closed, and the next batch opens a fresh one.
        _statements = null;
        _transactions = null;
        transactions.Dispose();
        await statements.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs the calls of one batch and gives each its outcome; false when the connection should be replaced.</summary>
    private bool Run(DocumentStatements statements, TransactionStatements transactions, List<IQueuedCall> batch, int writes)
    {
        // One call alone needs no explicit transaction: a statement commits by itself.
        var grouped = batch.Count > 1;
        if (grouped)
        {
            Transactions++;
            try
            {
                // IMMEDIATE when writing, so the write lock is taken up front and not upgraded midway (SQLITE_BUSY).
                (writes > 0 ? transactions.BeginImmediate : transactions.Begin).ExecuteNonQuery();
            }
            catch (Exception ex)
            {
                foreach (var call in batch) call.Fail(ex);
                return false;
            }
        }

        var healthy = true;
        Exception? lost = null;
        // Reads first: they see only committed documents, never a write of this batch that could still roll back,
        // so they can answer at once.
        foreach (var call in batch)
        {
            if (call is not DocumentRead read) continue;
            if (lost is not null)
            {
                read.Fail(lost);
                continue;
            }
            try
            {
                read.Run(this, statements);
            }
            catch (Exception ex)
            {
                healthy = false;
                read.Fail(ex);
                if (grouped && transactions.Lost) lost = ex;
            }
        }
        foreach (var call in batch)
        {
            if (call is not DocumentWrite write || lost is not null) continue;
            try
            {
                write.Run(statements);
            }
            catch (Exception ex)
            {
                // SQLite undoes a failed statement alone and the transaction goes on, unless the error ended it.
                healthy = false;
                write.Fail(ex);
                if (grouped && transactions.Lost) lost = ex;
            }
        }
        if (grouped && lost is null)
        {
            try
            {
                transactions.Commit.ExecuteNonQuery();
            }
            catch (Exception ex)
            {
                healthy = false;
                lost = ex;
            }
        }
        if (grouped && lost is not null && !transactions.Lost)
        {
            try
            {
                transactions.Rollback.ExecuteNonQuery();
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                // The connection is replaced anyway (healthy is false), which ends what is left of the transaction.
            }
        }

        // Only now, after the commit: a write's caller learns its outcome when it is durable or certainly lost.
        foreach (var call in batch)
        {
            if (call is not DocumentWrite write) continue;
            if (lost is not null) write.Fail(lost);
            else write.Complete();
        }
        return healthy;
    }

    public async ValueTask DisposeAsync()
    {
        using (await database.EnterWriteAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // Calls still queued find the store disposed when their batch runs.
            Volatile.Write(ref _disposed, true);
            _transactions?.Dispose();
            if (_statements is { } statements) await statements.DisposeAsync().ConfigureAwait(false);
            _statements = null;
            _transactions = null;
        }
    }

    /// <summary>BEGIN, COMMIT and ROLLBACK as commands kept on the connection, compiled once.</summary>
    private sealed class TransactionStatements(SqliteConnection connection) : IDisposable
    {
        private SqliteCommand? _begin;
        private SqliteCommand? _beginImmediate;
        private SqliteCommand? _commit;
        private SqliteCommand? _rollback;

        public SqliteCommand Begin => _begin ??= Command("BEGIN");
        public SqliteCommand BeginImmediate => _beginImmediate ??= Command("BEGIN IMMEDIATE");
        public SqliteCommand Commit => _commit ??= Command("COMMIT");
        public SqliteCommand Rollback => _rollback ??= Command("ROLLBACK");

        /// <summary>True when the connection is back in autocommit: the transaction is gone (an error rolled it back).</summary>
        public bool Lost => connection.Handle is not { } handle || SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

        private SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        public void Dispose()
        {
            _begin?.Dispose();
            _beginImmediate?.Dispose();
            _commit?.Dispose();
            _rollback?.Dispose();
        }
    }

    private interface IQueuedCall
    {
        /// <summary>Takes the call into a batch unless its caller cancelled it first; afterwards it cannot be cancelled.</summary>
        bool TryTake();

        void Fail(Exception error);
    }

    /// <summary>A queued call and its caller's task (continuations run on the pool, not on the drainer's thread).</summary>
    private abstract class QueuedCall<T>() : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IQueuedCall
    {
        private const int Queued = 0, Taken = 1, Cancelled = 2;
        private int _state;
        private CancellationTokenRegistration _cancellation;

        public void WatchCancellation(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
                _cancellation = cancellationToken.UnsafeRegister(static (call, token) => ((QueuedCall<T>)call!).Cancel(token), this);
        }

        private void Cancel(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued) TrySetCanceled(token);
        }

        public bool TryTake()
        {
            var taken = Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;
            _cancellation.Unregister();
            return taken;
        }

        public virtual void Fail(Exception error) => TrySetException(error);
    }

    private sealed class DocumentRead(string[] keys) : QueuedCall<StateDocument?[]>
    {
        public void Run(SqlBotStateStore store, DocumentStatements statements)
        {
            var documents = new StateDocument?[keys.Length];
            statements.ReadInto(store, keys, documents);
            TrySetResult(documents);
        }
    }

    private sealed class DocumentWrite(string key, string json, string? expectedETag, string etag, long now) : QueuedCall<string>
    {
        private bool _matched;
        private bool _failed;

        public void Run(DocumentStatements statements) => _matched = statements.Write(key, json, etag, now, expectedETag);

        public override void Fail(Exception error)
        {
            _failed = true;
            base.Fail(error);
        }

        /// <summary>After the commit: the new ETag, or the conflict when the stored ETag did not match.</summary>
        public void Complete()
        {
            if (_failed) return;
            if (_matched) TrySetResult(etag);
            else TrySetException(new StorageConflictException(key));
        }
    }
}
