using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Storage;

/// <summary>Bot.Builder state (<see cref="SqlBotStateStore"/>) on the SQLite state database. Writes queue on the
/// process's one writer and run in BEGIN IMMEDIATE transactions.</summary>
public sealed class SqliteBotStateStore(SqliteDatabase database, TimeProvider time) : SqlBotStateStore(time)
{
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
}
