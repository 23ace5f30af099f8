using System.Diagnostics;
using Npgsql;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// The PostgreSQL database several instances share (Storage:Provider=Postgres). Hands out pooled connections from one
/// <see cref="NpgsqlDataSource"/> and brings the schema up to date once per process before the first connection is
/// handed out. Migrations run under a session advisory lock, so instances starting together take turns: the first
/// applies the missing steps, the others find them recorded and apply nothing.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The advisory lock key of schema migrations ("AMschema" in ASCII): one per database.</summary>
    public const long MigrationLockKey = 0x414D_7363_6865_6D61;

    private readonly IReadOnlyList<PostgresSchemaMigration> _migrations;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly NpgsqlDataSource _source;
    private readonly Lock _gate = new();
    private Task? _ready;

    public PostgresDatabase(string connectionString, IEnumerable<PostgresSchemaMigration> migrations, ILogger<PostgresDatabase> logger)
    {
        _migrations = migrations.ToList();
        _logger = logger;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message would quote the string, password and all.
            throw new InvalidOperationException("Storage:ConnectionString is not a PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…).");
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new InvalidOperationException("Storage:ConnectionString must name a PostgreSQL host (Host=…;Database=…;Username=…;Password=…).");
        // The application name shows in pg_stat_activity, so an operator can tell our connections apart.
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "ActionMonth.Bot";
        // Npgsql's default pool (100) per instance would let two instances exhaust a default server (max_connections
        // 100) under a burst, and then turns fail instead of waiting for a connection. Unless the connection string
        // says otherwise, each instance keeps to a share that leaves room for several.
        if (!NamesPoolSize(connectionString)) builder.MaxPoolSize = DefaultMaxPoolSize;
        MaxPoolSize = builder.MaxPoolSize;
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        DatabaseName = builder.Database;
    }

    /// <summary>Connections one instance opens at most when the connection string does not set Maximum Pool Size.</summary>
    public const int DefaultMaxPoolSize = 20;

    public string? DatabaseName { get; }

    /// <summary>Pool size the database would use (for tests and diagnostics).</summary>
    public int MaxPoolSize { get; private init; }

    private static bool NamesPoolSize(string connectionString)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keys.Any(k => k.Replace(" ", "", StringComparison.Ordinal) is var key
                             && (key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An open connection on a migrated database. Dispose it to return it to the pool.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies missing migrations, once; a failed attempt is retried by the next caller.</summary>
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

    private async Task MigrateAsync()
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await _source.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        // Session-level, not transaction-level: it must span every module's transactions. Released explicitly, and by
        // the server if this process dies while holding it (the connection goes).
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", MigrationLockKey);
            await take.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        var applied = 0;
        try
        {
            await using (var setup = new NpgsqlCommand("""
                CREATE TABLE IF NOT EXISTS schema_version (
                    module      text        NOT NULL,
                    version     integer     NOT NULL,
                    description text        NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (module, version))
                """, connection))
            {
                await setup.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            var done = new HashSet<(string, int)>();
            await using (var read = new NpgsqlCommand("SELECT module, version FROM schema_version", connection))
            await using (var reader = await read.ExecuteReaderAsync().ConfigureAwait(false))
            {
                while (await reader.ReadAsync().ConfigureAwait(false)) done.Add((reader.GetString(0), reader.GetInt32(1)));
            }

            foreach (var module in _migrations.GroupBy(m => m.Module, StringComparer.Ordinal))
            {
                foreach (var migration in module.OrderBy(m => m.Version))
                {
                    if (done.Contains((migration.Module, migration.Version))) continue;
                    await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
                    await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
                        await step.ExecuteNonQueryAsync().ConfigureAwait(false);
                    await using (var record = new NpgsqlCommand(
                        "INSERT INTO schema_version (module, version, description) VALUES (@m, @v, @d)", connection, transaction))
                    {
                        record.Parameters.AddWithValue("m", migration.Module);
                        record.Parameters.AddWithValue("v", migration.Version);
                        record.Parameters.AddWithValue("d", migration.Description);
                        await record.ExecuteNonQueryAsync().ConfigureAwait(false);
                    }
                    await transaction.CommitAsync().ConfigureAwait(false);
                    applied++;
                    _logger.LogInformation("Applied schema migration {Module} v{Version}: {Description}",
                        migration.Module, migration.Version, migration.Description);
                }
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        _logger.LogInformation("PostgreSQL database {Database} ready ({Applied} migrations applied) in {ElapsedMs} ms", DatabaseName,
            applied, watch.ElapsedMilliseconds);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
