using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActionMonth.Bot.Tests.Postgres;

/// <summary>A database of its own on the test server, created empty and dropped afterwards, so tests never see each
/// other's rows and the schema is created from nothing each time.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private const int DropAttempts = 20;

    private readonly string _server;
    private readonly List<PostgresDatabase> _opened = [];

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>Skips (or fails, when required) without a server; otherwise creates a fresh database.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = PostgresTestServer.Require();
        var database = new PostgresTestDatabase(server, "am_test_" + Guid.NewGuid().ToString("N")[..16]);
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>A <see cref="PostgresDatabase"/> as an instance of the bot would have it: its own pool and its own
    /// migration run. Each call is another instance.</summary>
    public PostgresDatabase Open(IEnumerable<PostgresSchemaMigration> migrations)
    {
        var database = new PostgresDatabase(ConnectionString, migrations, NullLogger<PostgresDatabase>.Instance);
        lock (_opened) _opened.Add(database);
        return database;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        List<PostgresDatabase> opened;
        lock (_opened) opened = [.. _opened];
        foreach (var database in opened) await database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        // A plain DROP, not WITH (FORCE): PostgreSQL stops an autovacuum worker in the database by itself, whereas FORCE
        // refuses to (42501) unless the role may signal that worker, which our non-superuser test role may not. A pooled
        // connection of ours that is still closing makes the plain DROP report 55006 for a moment, so it is retried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\"", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < DropAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }
    }

}
