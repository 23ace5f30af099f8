using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace ActionMonth.Bot.Storage;

/// <summary>Bot.Builder state (<see cref="SqlBotStateStore"/>) on PostgreSQL, shared by several instances: a stale
/// ETag from another instance's write fails the conditional UPDATE just as one from this instance does.</summary>
public sealed class PostgresBotStateStore(PostgresDatabase database, TimeProvider time) : SqlBotStateStore(time)
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    // Row locks order concurrent writers; there is no process-wide writer to queue on.
    private protected override Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable?>(null);

    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    // One array parameter, whatever the number of keys.
    private protected override string KeyIsOneOf(DbCommand command, string[] keys)
    {
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        return "key = ANY(@keys)";
    }

    private protected override void RebindKeys(DbCommand command, string[] keys) => command.Parameters[0].Value = keys;
}
