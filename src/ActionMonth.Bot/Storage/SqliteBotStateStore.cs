using System.Security.Cryptography;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// Bot.Builder <see cref="IStorage"/> on SQLite: one JSON document per key in <c>bot_state</c>.
/// Items are stored as plain JSON (no type names, so nothing in the file can make the process instantiate
/// arbitrary types) and read back as <see cref="JObject"/>, which BotState and its property accessors convert.
/// <para>ETags: every read returns the item's ETag in its <c>eTag</c> property. A write that carries an ETag
/// (an <see cref="IStoreItem"/>, or a dictionary/JObject with <c>eTag</c>, as BotState passes back what it read)
/// succeeds only if the stored ETag still matches, otherwise <see cref="StorageConflictException"/>; no ETag or
/// <c>*</c> writes unconditionally. After a write the new ETag is put back on the written object, so a second
/// save in the same turn does not conflict with itself.</para>
/// </summary>
public sealed class SqliteBotStateStore(SqliteDatabase database, TimeProvider time) : IBotStateStore
{
    private const string ETagProperty = "eTag";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
    });

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        if (keys.Length == 0) return result;

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, document, etag FROM bot_state WHERE key IN ({Parameters(command, keys)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var document = Parse(reader.GetString(1));
            document[ETagProperty] = reader.GetString(2);
            result[reader.GetString(0)] = document;
        }
        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var written = new List<(object Value, string ETag)>(changes.Count);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (value is null)
            {
                await DeleteAsync(connection, transaction, [key], cancellationToken).ConfigureAwait(false);
                continue;
            }

            var document = value is JObject j ? (JObject)j.DeepClone() : JObject.FromObject(value, Serializer);
            var expected = value is IStoreItem item ? item.ETag : document.Value<string>(ETagProperty);
            document.Remove(ETagProperty);
            var etag = NewETag();

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$document", document.ToString(Formatting.None));
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$now", now);
            if (string.IsNullOrEmpty(expected) || expected == "*")
            {
                command.CommandText = """
                    INSERT INTO bot_state (key, document, etag, updated_at) VALUES ($key, $document, $etag, $now)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag,
                                                    updated_at = excluded.updated_at
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                command.CommandText = """
                    UPDATE bot_state SET document = $document, etag = $etag, updated_at = $now
                    WHERE key = $key AND etag = $expected
                    """;
                command.Parameters.AddWithValue("$expected", expected);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    throw new StorageConflictException(key);
            }
            written.Add((value, etag));
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Only after the commit: a rolled-back write must leave the caller's ETags as they were.
        foreach (var (value, etag) in written)
        {
            switch (value)
            {
                case IStoreItem item: item.ETag = etag; break;
                case IDictionary<string, object> dictionary: dictionary[ETagProperty] = etag; break;
                case JObject json: json[ETagProperty] = etag; break;
            }
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0) return;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(connection, null, keys, cancellationToken).ConfigureAwait(false);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM bot_state WHERE key = ''";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM bot_state WHERE updated_at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(SqliteConnection connection, SqliteTransaction? transaction, string[] keys,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM bot_state WHERE key IN ({Parameters(command, keys)})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Parameters(SqliteCommand command, string[] keys)
    {
        var names = new string[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            names[i] = "$k" + i;
            command.Parameters.AddWithValue(names[i], keys[i] ?? throw new ArgumentNullException(nameof(keys)));
        }
        return string.Join(", ", names);
    }

    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    // Random rather than a counter: a deleted and re-created key must never hand out an ETag a stale reader holds.
    private static string NewETag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
