using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActionMonth.Bot.Tests.Storage;

/// <summary>
/// The SQLite state store's group commit: calls queued while the writer is busy run together in one transaction, each
/// write with its own ETag check and outcome. The tests hold the database's writer queue themselves so that the calls
/// they start are certain to wait, and then to share one batch.
/// </summary>
public sealed class SqliteStateGroupCommitTests : IAsyncLifetime
{
    private readonly TestFolder _folder = new();
    private SqliteDatabase _database = null!;
    private SqliteBotStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase("Data Source=group.db", _folder.Path, StateSchema.Migrations, NullLogger<SqliteDatabase>.Instance);
        _store = new SqliteBotStateStore(_database, TimeProvider.System);
        await _store.PingAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Of_two_writes_in_one_batch_a_stale_etag_fails_only_its_own_and_the_other_is_committed()
    {
        var a = await Write("a", """{"n":1}""", null);
        var b = await Write("b", """{"n":1}""", null);
        var stale = a;
        a = await Write("a", """{"n":2}""", a);
        var transactions = _store.Transactions;

        Task<string> staleWrite, goodWrite;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            staleWrite = _store.WriteDocumentAsync("a", """{"n":3}""", stale, CancellationToken.None);
            goodWrite = _store.WriteDocumentAsync("b", """{"n":2}""", b, CancellationToken.None);
            Assert.False(staleWrite.IsCompleted);
            Assert.False(goodWrite.IsCompleted);
        }

        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => staleWrite);
        Assert.Equal("a", conflict.Key);
        var committed = await goodWrite;
        Assert.Equal(transactions + 1, _store.Transactions);
        Assert.Equal(new StateDocument("""{"n":2}""", a), await Read("a"));
        Assert.Equal(new StateDocument("""{"n":2}""", committed), await Read("b"));
        // What another connection sees: the batch was committed, not merely visible to the store's own connection.
        Assert.Equal("""{"n":2}""", await StoredElsewhere("b"));
    }

    [Fact]
    public async Task Two_writes_over_the_same_etag_in_one_batch_let_the_first_win()
    {
        var etag = await Write("k", """{"n":1}""", null);

        Task<string> first, second;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            first = _store.WriteDocumentAsync("k", """{"n":2}""", etag, CancellationToken.None);
            second = _store.WriteDocumentAsync("k", """{"n":3}""", etag, CancellationToken.None);
        }

        var won = await first;
        await Assert.ThrowsAsync<StorageConflictException>(() => second);
        Assert.Equal(new StateDocument("""{"n":2}""", won), await Read("k"));
    }

    [Fact]
    public async Task A_transaction_that_is_lost_fails_every_write_of_its_batch_and_commits_none_of_them()
    {
        var a = await Write("a", """{"n":1}""", null);
        var b = await Write("b", """{"n":1}""", null);
        // A statement that rolls back the whole transaction, as an I/O error or a full disk would.
        await Execute("""
            CREATE TRIGGER lose_the_batch BEFORE UPDATE ON bot_state WHEN NEW.document LIKE '%lose%'
            BEGIN SELECT RAISE(ROLLBACK, 'test: the transaction is lost'); END;
            """);

        Task<string> innocent, fatal, after;
        Task<StateDocument?[]> read;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            innocent = _store.WriteDocumentAsync("a", """{"n":2}""", a, CancellationToken.None);
            fatal = _store.WriteDocumentAsync("b", """{"lose":true}""", b, CancellationToken.None);
            after = _store.WriteDocumentAsync("c", """{"n":1}""", null, CancellationToken.None);
            read = _store.ReadDocumentsAsync(["a"], CancellationToken.None);
        }

        var lost = await Assert.ThrowsAsync<SqliteException>(() => fatal);
        Assert.Same(lost, await Assert.ThrowsAsync<SqliteException>(() => innocent));
        Assert.Same(lost, await Assert.ThrowsAsync<SqliteException>(() => after));
        // The read ran before the batch's writes and saw the committed document.
        Assert.Equal(new StateDocument("""{"n":1}""", a), (await read)[0]);
        Assert.Equal(new StateDocument("""{"n":1}""", a), await Read("a"));
        Assert.Equal(new StateDocument("""{"n":1}""", b), await Read("b"));
        Assert.Null(await Read("c"));

        // The store goes on (on a fresh connection): the same writes again, without the fatal one.
        a = await Write("a", """{"n":2}""", a);
        Assert.Equal(new StateDocument("""{"n":2}""", a), await Read("a"));
    }

    [Fact]
    public async Task A_failed_statement_fails_only_its_own_write_and_the_rest_of_the_batch_is_committed()
    {
        var a = await Write("a", """{"n":1}""", null);
        var b = await Write("b", """{"n":1}""", null);
        // A statement that fails alone (SQLite undoes just that statement), as a constraint would.
        await Execute("""
            CREATE TRIGGER refuse_one BEFORE UPDATE ON bot_state WHEN NEW.document LIKE '%refuse%'
            BEGIN SELECT RAISE(ABORT, 'test: this statement is refused'); END;
            """);

        Task<string> refused, committed;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            refused = _store.WriteDocumentAsync("a", """{"refuse":true}""", a, CancellationToken.None);
            committed = _store.WriteDocumentAsync("b", """{"n":2}""", b, CancellationToken.None);
        }

        await Assert.ThrowsAsync<SqliteException>(() => refused);
        Assert.Equal(new StateDocument("""{"n":2}""", await committed), await Read("b"));
        Assert.Equal(new StateDocument("""{"n":1}""", a), await Read("a"));
        Assert.Equal("""{"n":2}""", await StoredElsewhere("b"));
    }

    [Fact]
    public async Task A_caller_cancelled_while_it_waits_drops_out_at_once_and_the_others_writes_are_committed()
    {
        using var cancel = new CancellationTokenSource();
        Task<string> cancelled, other;
        Task<StateDocument?[]> cancelledRead;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            cancelled = _store.WriteDocumentAsync("a", """{"n":1}""", null, cancel.Token);
            cancelledRead = _store.ReadDocumentsAsync(["b"], cancel.Token);
            other = _store.WriteDocumentAsync("b", """{"n":1}""", null, CancellationToken.None);
            await cancel.CancelAsync();
            // Answered while the writer is still held: a cancelled caller does not wait for the batch.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelledRead);
            Assert.False(other.IsCompleted);
        }

        Assert.Equal(new StateDocument("""{"n":1}""", await other), await Read("b"));
        Assert.Null(await Read("a"));
    }

    [Fact]
    public async Task Reads_in_a_batch_with_writes_see_only_committed_documents()
    {
        var etag = await Write("k", """{"n":1}""", null);

        Task<string> write;
        Task<StateDocument?[]> read;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            write = _store.WriteDocumentAsync("k", """{"n":2}""", etag, CancellationToken.None);
            read = _store.ReadDocumentsAsync(["k", "missing"], CancellationToken.None);
        }

        var documents = await read;
        Assert.Equal(new StateDocument("""{"n":1}""", etag), documents[0]);
        Assert.Null(documents[1]);
        Assert.Equal(new StateDocument("""{"n":2}""", await write), await Read("k"));
    }

    [Fact]
    public async Task Many_concurrent_callers_each_get_their_own_outcome()
    {
        // 64 conversations, each written 20 times in a row by its own caller, all at once: every write carries the
        // ETag of the one before, so a single lost or misrouted outcome shows up as a conflict or a wrong document.
        var callers = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            var etag = "";
            for (var n = 0; n < 20; n++)
            {
                var read = await _store.ReadDocumentsAsync([$"k{i}"], CancellationToken.None);
                Assert.Equal(etag, read[0]?.ETag ?? "");
                etag = await _store.WriteDocumentAsync($"k{i}", $$"""{"n":{{n}}}""", etag, CancellationToken.None);
            }
            return etag;
        })).ToArray();

        var etags = await Task.WhenAll(callers);
        for (var i = 0; i < 64; i++) Assert.Equal(new StateDocument("""{"n":19}""", etags[i]), await Read($"k{i}"));
    }

    [Fact]
    public async Task Calls_after_dispose_are_refused_and_calls_queued_before_it_are_refused_not_lost()
    {
        Task<string> queued;
        Task dispose;
        using (await _database.EnterWriteAsync(CancellationToken.None))
        {
            queued = _store.WriteDocumentAsync("a", """{"n":1}""", null, CancellationToken.None);
            dispose = _store.DisposeAsync().AsTask();
        }
        await dispose;

        // Whichever took the writer first: the queued write either committed or was refused, never left hanging.
        var outcome = await Task.WhenAny(queued, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(queued, outcome);
        if (queued.IsFaulted) Assert.IsType<ObjectDisposedException>(queued.Exception!.InnerException);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.WriteDocumentAsync("b", "{}", null, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.ReadDocumentsAsync(["b"], CancellationToken.None));
    }

    private Task<string> Write(string key, string json, string? etag) => _store.WriteDocumentAsync(key, json, etag, CancellationToken.None);

    private async Task<StateDocument?> Read(string key) => (await _store.ReadDocumentsAsync([key], CancellationToken.None))[0];

    private async Task<string?> StoredElsewhere(string key)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM bot_state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (string?)await command.ExecuteScalarAsync();
    }

    private async Task Execute(string sql)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
