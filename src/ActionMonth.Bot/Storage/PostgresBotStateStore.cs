using System.Security.Cryptography;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// Bot.Builder <see cref="IStorage"/> on PostgreSQL, with exactly the behaviour of <see cref="SqliteBotStateStore"/>:
/// plain JSON documents (no type names), the ETag in each read item's <c>eTag</c>, conditional writes that throw
/// <see cref="StorageConflictException"/> on a stale ETag (the whole batch rolls back), unconditional writes for no ETag
/// or <c>*</c>, and the new ETag handed back to the written object after the commit. A conditional write is one
/// <c>UPDATE … WHERE etag = @expected</c>: under concurrent writers from several instances PostgreSQL re-checks the
/// condition on the row the other writer committed, so of two writers holding the same ETag exactly one wins.
/// </summary>
public sealed class PostgresBotStateStore(PostgresDatabase database, TimeProvider time) : IBotStateStore
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
        foreach (var key in keys) ArgumentNullException.ThrowIfNull(key, nameof(keys));

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT key, document, etag FROM bot_state WHERE key = ANY(@keys)", connection);
        command.Parameters.AddWithValue("keys", keys);
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
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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

            await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("document", document.ToString(Formatting.None));
            command.Parameters.AddWithValue("etag", etag);
            command.Parameters.AddWithValue("now", now);
            if (string.IsNullOrEmpty(expected) || expected == "*")
            {
                command.CommandText = """
                    INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @now)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag, updated_at = excluded.updated_at
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                command.CommandText = "UPDATE bot_state SET document = @document, etag = @etag, updated_at = @now WHERE key = @key AND etag = @expected";
                command.Parameters.AddWithValue("expected", expected);
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
        foreach (var key in keys) ArgumentNullException.ThrowIfNull(key, nameof(keys));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(connection, null, keys, cancellationToken).ConfigureAwait(false);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM bot_state WHERE key = ''", connection);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE updated_at < @cutoff", connection);
        command.Parameters.AddWithValue("cutoff", cutoff.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] keys,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM bot_state WHERE key = ANY(@keys)", connection, transaction);
        command.Parameters.AddWithValue("keys", keys);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    // Random rather than a counter: a deleted and re-created key must never hand out an ETag a stale reader holds.
    private static string NewETag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
