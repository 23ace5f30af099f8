using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// Bot.Builder <see cref="IStorage"/> over System.Data.Common: one JSON document per key in <c>bot_state</c>, the same
/// on SQLite and PostgreSQL (<see cref="SqliteBotStateStore"/>, <see cref="PostgresBotStateStore"/>).
/// Items are stored as plain JSON (no type names, so nothing in the database can make the process instantiate
/// arbitrary types) and read back as <see cref="JObject"/>, which BotState and its property accessors convert.
/// <para>ETags: every read returns the item's ETag in its <c>eTag</c> property. A write that carries an ETag
/// (an <see cref="IStoreItem"/>, or a dictionary/JObject with <c>eTag</c>, as BotState passes back what it read)
/// succeeds only if the stored ETag still matches, otherwise <see cref="StorageConflictException"/> and the whole
/// batch rolls back; no ETag or <c>*</c> writes unconditionally. After the commit the new ETag is put back on the
/// written object, so a second save in the same turn does not conflict with itself.</para>
/// </summary>
public abstract class SqlBotStateStore : IBotStateStore
{
    private const string ETagProperty = "eTag";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
    });

    private readonly TimeProvider _time;

    private protected SqlBotStateStore(TimeProvider time) => _time = time;

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Entered before every write; null where the database needs no queue of writers.</summary>
    private protected abstract Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken);

    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Binds <paramref name="keys"/> to <paramref name="command"/> and returns the condition "key is one of them".</summary>
    private protected abstract string KeyIsOneOf(DbCommand command, string[] keys);

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        if (keys.Length == 0) return result;
        foreach (var key in keys) ArgumentNullException.ThrowIfNull(key, nameof(keys));

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT key, document, etag FROM bot_state WHERE {KeyIsOneOf(command, keys)}";
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

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var written = new List<(object Value, string ETag)>(changes.Count);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
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

            await using var command = connection.Command(string.Empty, transaction);
            command.With("key", key).With("document", document.ToString(Formatting.None)).With("etag", etag).With("now", now);
            if (string.IsNullOrEmpty(expected) || expected == "*")
            {
                command.CommandText = """
                    INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @now)
                    ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag,
                                                    updated_at = excluded.updated_at
                    """;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // One conditional UPDATE: of two writers holding the same ETag exactly one matches (PostgreSQL
                // re-checks the condition on the row the other writer committed; SQLite has one writer at a time).
                command.CommandText = """
                    UPDATE bot_state SET document = @document, etag = @etag, updated_at = @now
                    WHERE key = @key AND etag = @expected
                    """;
                command.With("expected", expected);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(connection, null, keys, cancellationToken).ConfigureAwait(false);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("SELECT COUNT(*) FROM bot_state WHERE key = ''");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("DELETE FROM bot_state WHERE updated_at < @cutoff");
        command.With("cutoff", cutoff.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteAsync(DbConnection connection, DbTransaction? transaction, string[] keys,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(string.Empty, transaction);
        command.CommandText = $"DELETE FROM bot_state WHERE {KeyIsOneOf(command, keys)}";
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
