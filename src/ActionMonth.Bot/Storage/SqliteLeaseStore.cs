namespace ActionMonth.Bot.Storage;

/// <summary><see cref="ILeaseStore"/> on SQLite: one conditional upsert, which SQLite's single writer makes atomic
/// across the processes that share the file.</summary>
public sealed class SqliteLeaseStore(SqliteDatabase database) : ILeaseStore
{
    public async Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO instance_lease (name, owner, acquired_at, expires_at) VALUES ($name, $owner, $now, $until)
            ON CONFLICT (name) DO UPDATE SET
                acquired_at = CASE WHEN instance_lease.owner = excluded.owner THEN instance_lease.acquired_at ELSE excluded.acquired_at END,
                owner = excluded.owner, expires_at = excluded.expires_at
            WHERE instance_lease.owner = excluded.owner OR instance_lease.expires_at <= $now
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM instance_lease WHERE name = $name AND owner = $owner";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(string Owner, DateTimeOffset Until)?> HolderAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, expires_at FROM instance_lease WHERE name = $name AND expires_at > $now";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return (reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
    }
}
