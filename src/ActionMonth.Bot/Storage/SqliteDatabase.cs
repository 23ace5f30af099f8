using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// The one SQLite file that holds all state. Opens pooled connections, creates the file's directory on first
/// use, and brings the schema up to date once per process before the first connection is handed out, so the
/// host, the CLI and every test see a migrated database whichever of them touches it first.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    // The pooled native connections already set up: the pool hands the same handle out again and again, and its
    // settings stay, so they are applied once per handle rather than three statements on every open.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();
    private Task? _ready;

    public SqliteDatabase(string connectionString, string baseDirectory, IEnumerable<SchemaMigration> migrations,
        ILogger<SqliteDatabase> logger)
    {
        _migrations = migrations.ToList();
        _logger = logger;
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (IsFile(builder))
        {
            // Relative paths are relative to the content root, like Knowledge:Path, not to whatever the
            // current directory happens to be.
            if (!Path.IsPathRooted(builder.DataSource))
                builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, builder.DataSource));
            FilePath = builder.DataSource;
        }
        builder.Pooling = true;
        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    /// <summary>
    /// One writer at a time inside this process. SQLite allows a single writer per file; without this, concurrent
    /// turns would find the file locked and SQLite's busy handler would put them to sleep for 1 to 100 ms at a
    /// time. Waiting here in order is far faster. Other processes (the CLI) are still covered by busy_timeout.
    /// </summary>
    public async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriterRelease(_writer);
    }

    /// <summary>Enters the writer queue when it is free, without waiting or allocating; leave with <see cref="ExitWrite"/>.</summary>
    internal bool TryEnterWrite() => _writer.Wait(0);

    /// <summary>Waits for the writer queue; leave with <see cref="ExitWrite"/>.</summary>
    internal Task WaitWriteAsync(CancellationToken cancellationToken) => _writer.WaitAsync(cancellationToken);

    internal void ExitWrite() => _writer.Release();

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? FilePath { get; }

    /// <summary>An open connection on a migrated database. Dispose it to return it to the pool.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the directory and applies missing migrations, once; a failed attempt is retried by the
    /// next caller instead of poisoning the process.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var ready = _ready;
        if (ready is { IsCompletedSuccessfully: true }) return Task.CompletedTask;
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
                _ready = MigrateAsync();
            return _ready.WaitAsync(cancellationToken);
        }
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (connection.Handle is { } handle && _configured.TryGetValue(handle, out _)) return connection;
            await using var pragma = connection.CreateCommand();
            // Per connection: wait for a busy writer instead of failing at once; NORMAL is durable with WAL
            // except for the last transactions before a power cut, which is the usual trade for a chat store.
            pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (connection.Handle is { } configured) _configured.AddOrUpdate(configured, configured);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync()
    {
        var watch = Stopwatch.StartNew();
        if (FilePath is not null)
        {
            var directory = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenRawAsync(CancellationToken.None).ConfigureAwait(false);
        await using (var setup = connection.CreateCommand())
        {
            // WAL lets readers run beside the single writer; the mode is stored in the file, so once is enough.
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS schema_version (
                    module      TEXT    NOT NULL,
                    version     INTEGER NOT NULL,
                    description TEXT    NOT NULL,
                    applied_at  TEXT    NOT NULL,
                    PRIMARY KEY (module, version));
                """;
            await setup.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var applied = 0;
        foreach (var module in _migrations.GroupBy(m => m.Module, StringComparer.Ordinal))
        {
            foreach (var migration in module.OrderBy(m => m.Version))
            {
                // IMMEDIATE takes the write lock first, so two processes starting together cannot both apply a step.
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var check = connection.CreateCommand();
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_version WHERE module = $m AND version = $v";
                check.Parameters.AddWithValue("$m", migration.Module);
                check.Parameters.AddWithValue("$v", migration.Version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync().ConfigureAwait(false)) > 0)
                {
                    await transaction.CommitAsync().ConfigureAwait(false);
                    continue;
                }

                await using var step = connection.CreateCommand();
                step.Transaction = transaction;
                step.CommandText = migration.Sql;
                await step.ExecuteNonQueryAsync().ConfigureAwait(false);

                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (module, version, description, applied_at) VALUES ($m, $v, $d, $t)";
                record.Parameters.AddWithValue("$m", migration.Module);
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$d", migration.Description);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync().ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
                applied++;
                _logger.LogInformation("Applied schema migration {Module} v{Version}: {Description}",
                    migration.Module, migration.Version, migration.Description);
            }
        }

        _logger.LogInformation("Database ready ({Applied} migrations applied) in {ElapsedMs} ms", applied,
            watch.ElapsedMilliseconds);
    }

    private sealed class WriterRelease(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) writer.Release();
        }
    }

    private static bool IsFile(SqliteConnectionStringBuilder builder) =>
        builder.Mode != SqliteOpenMode.Memory
        && !string.IsNullOrEmpty(builder.DataSource)
        && !string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase)
        && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
}
