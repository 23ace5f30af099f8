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
/// The same documents are offered as JSON text (<see cref="IStateDocumentStore"/>) to the turn's own state accessors.
/// <para>ETags: every read returns the item's ETag in its <c>eTag</c> property. A write that carries an ETag
/// (an <see cref="IStoreItem"/>, or a dictionary/JObject with <c>eTag</c>, as BotState passes back what it read)
/// succeeds only if the stored ETag still matches, otherwise <see cref="StorageConflictException"/> and the whole
/// batch rolls back; no ETag or <c>*</c> writes unconditionally. After the commit the new ETag is put back on the
/// written object, so a second save in the same turn does not conflict with itself.</para>
/// </summary>
public abstract class SqlBotStateStore : IBotStateStore, IStateDocumentStore
{
    private const string ETagProperty = "eTag";

    private const string UpsertSql = """
        INSERT INTO bot_state (key, document, etag, updated_at) VALUES (@key, @document, @etag, @now)
        ON CONFLICT (key) DO UPDATE SET document = excluded.document, etag = excluded.etag,
                                        updated_at = excluded.updated_at
        """;

    // One conditional UPDATE: of two writers holding the same ETag exactly one matches (PostgreSQL re-checks the
    // condition on the row the other writer committed; SQLite has one writer at a time).
    private const string UpdateSql = """
        UPDATE bot_state SET document = @document, etag = @etag, updated_at = @now
        WHERE key = @key AND etag = @expected
        """;

    // The same without touching updated_at, for a row written within the last RecentWrite: updated_at is indexed, so
    // setting it writes an index page besides the row's (SQLite rewrites the entry even when the value is the same;
    // PostgreSQL cannot update the row in place), which doubled the pages each turn's write appends to the WAL.
    private const string UpdateRecentSql = """
        UPDATE bot_state SET document = @document, etag = @etag
        WHERE key = @key AND etag = @expected AND updated_at >= @recent
        """;

    /// <summary>How far updated_at may lag behind the last write: state is purged at most this much before it has
    /// been idle for the whole retention time (days).</summary>
    public static readonly TimeSpan RecentWrite = TimeSpan.FromMinutes(5);

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
    });

    // ETags are unique rather than random: a random 64-bit prefix drawn once per process, then a counter. The counter
    // never repeats inside the process and the prefix tells processes (restarts, several hosts on one PostgreSQL)
    // apart, so a deleted and re-created key never hands out an ETag a stale reader still holds, short of two
    // processes drawing the same 64 bits. ETags are version stamps, not secrets: they never leave the server.
    private static readonly string ETagPrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private static long _etagCounter;

    private readonly TimeProvider _time;

    private protected SqlBotStateStore(TimeProvider time) => _time = time;

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Entered before every write; null where the database needs no queue of writers.</summary>
    private protected abstract Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken);

    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Binds <paramref name="keys"/> to <paramref name="command"/> and returns the condition "key is one of them".</summary>
    private protected abstract string KeyIsOneOf(DbCommand command, string[] keys);

    /// <summary>Puts other <paramref name="keys"/>, as many as the command was made for, in its parameters.</summary>
    private protected abstract void RebindKeys(DbCommand command, string[] keys);

    /// <summary>The stored documents of <paramref name="keys"/>. Here one call on a connection of its own, as a
    /// database with row locks and a pool (PostgreSQL) wants it; SQLite batches its calls instead.</summary>
    public virtual async Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
    {
        CheckKeys(keys);
        var documents = new StateDocument?[keys.Length];
        if (keys.Length == 0) return documents;

        await using var statements = new DocumentStatements(await OpenAsync(cancellationToken).ConfigureAwait(false));
        var command = statements.Read(this, keys);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = Array.IndexOf(keys, reader.GetString(0));
                if (index >= 0) documents[index] = new StateDocument(reader.GetString(1), reader.GetString(2));
            }
        }
        return documents;
    }

    /// <summary>Writes one document if <paramref name="expectedETag"/> still matches (none or <c>*</c>: unconditionally)
    /// and returns its new ETag; <see cref="StorageConflictException"/> when it does not match. Durable on return.</summary>
    public virtual async Task<string> WriteDocumentAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(json);
        var etag = NewETag();
        var now = UnixNow();
        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var statements = new DocumentStatements(await OpenAsync(cancellationToken).ConfigureAwait(false));
        // One statement, so no explicit transaction: it commits (durably, as far as the database's settings
        // make any commit durable) before it returns, and either all of it happens or none.
        int updated;
        if (IsUnconditional(expectedETag))
        {
            updated = await statements.Upsert(key, json, etag, now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Mostly the row was written a moment ago (the conversation's previous turn): then its updated_at
            // stands. Otherwise, or if the ETag does not match, the full update, whose ETag check decides.
            updated = await statements.UpdateRecent(key, json, etag, RecentSince(now), expectedETag!).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (updated == 0)
                updated = await statements.Update(key, json, etag, now, expectedETag!).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (updated == 0) throw new StorageConflictException(key);
        return etag;
    }

    private protected static void CheckKeys(string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys) ArgumentNullException.ThrowIfNull(key, nameof(keys));
    }

    private protected long UnixNow() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The updated_at from which a row counts as written recently (see <see cref="RecentWrite"/>).</summary>
    private protected static long RecentSince(long now) => now - (long)RecentWrite.TotalMilliseconds;

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var documents = await ReadDocumentsAsync(keys, cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            if (documents[i] is not { } document) continue;
            var json = Parse(document.Json);
            json[ETagProperty] = document.ETag;
            result[keys[i]] = json;
        }
        return result;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        if (changes.Count == 1 && changes.First() is { Value: not null } only)
        {
            // What BotState saves at the end of a turn: one document, one statement on the kept statements.
            ArgumentNullException.ThrowIfNull(only.Key);
            var (document, expected) = Serialize(only.Value);
            SetETag(only.Value, await WriteDocumentAsync(only.Key, document, expected, cancellationToken).ConfigureAwait(false));
            return;
        }

        var now = UnixNow();
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

            var (json, expected) = Serialize(value);
            var etag = NewETag();
            await using var command = connection.Command(string.Empty, transaction);
            command.With("key", key).With("document", json).With("etag", etag).With("now", now);
            if (IsUnconditional(expected))
            {
                command.CommandText = UpsertSql;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                command.CommandText = UpdateSql;
                command.With("expected", expected);
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    throw new StorageConflictException(key);
            }
            written.Add((value, etag));
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // Only after the commit: a rolled-back write must leave the caller's ETags as they were.
        foreach (var (value, etag) in written) SetETag(value, etag);
    }

    /// <summary>Puts the new ETag back on the written object, so a second save in the same turn does not conflict with itself.</summary>
    private static void SetETag(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item: item.ETag = etag; break;
            case IDictionary<string, object> dictionary: dictionary[ETagProperty] = etag; break;
            case JObject json: json[ETagProperty] = etag; break;
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

    private protected static bool IsUnconditional(string? expectedETag) => string.IsNullOrEmpty(expectedETag) || expectedETag == "*";

    /// <summary>The document of <paramref name="value"/> without its <c>eTag</c>, serialised once, and the ETag it carries.</summary>
    private static (string Json, string? ExpectedETag) Serialize(object value)
    {
        if (value is JObject json)
        {
            // Written property by property, leaving out eTag, instead of cloning the caller's object to remove it.
            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                writer.WriteStartObject();
                foreach (var property in json.Properties())
                    if (property.Name != ETagProperty) property.WriteTo(writer);
                writer.WriteEndObject();
            }
            return (text.ToString(), json.Value<string>(ETagProperty));
        }

        if (value is IDictionary<string, object> items)
        {
            // BotState's state, as the tracked states hand it over already serialised (StateItems), or serialised here.
            var document = items is StateItems { DocumentJson: { } serialised } ? serialised : DocumentJson(items);
            return (document, items.TryGetValue(ETagProperty, out var etag) ? etag as string : null);
        }

        var other = JObject.FromObject(value, Serializer);
        var expected = value is IStoreItem item ? item.ETag : other.Value<string>(ETagProperty);
        other.Remove(ETagProperty);
        return (other.ToString(Formatting.None), expected);
    }

    /// <summary>The document text of BotState's items when they come without one (a plain BotState, a test): the
    /// typed values serialised straight into the text, leaving out <c>eTag</c>.</summary>
    private static string DocumentJson(IDictionary<string, object> items)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            writer.WriteStartObject();
            foreach (var (name, entry) in items)
            {
                if (name == ETagProperty) continue;
                writer.WritePropertyName(name);
                Serializer.Serialize(writer, entry);
            }
            writer.WriteEndObject();
        }
        return text.ToString();
    }

    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }

    private protected static string NewETag() =>
        string.Create(null, stackalloc char[40], $"{ETagPrefix}{Interlocked.Increment(ref _etagCounter):x}");

    /// <summary>
    /// An open connection and the document statements made on it, each created on first use and then reused with new
    /// parameter values, so a store that keeps these (SQLite) does not compile its SQL again on every call.
    /// </summary>
    private protected sealed class DocumentStatements(DbConnection connection) : IAsyncDisposable
    {
        private DbCommand? _readOne;
        private DbCommand? _readTwo;
        private DbCommand? _upsert;
        private DbCommand? _update;
        private DbCommand? _updateRecent;
        private DbCommand? _readOther;

        public DbConnection Connection => connection;

        /// <summary>Fills <paramref name="documents"/> with the stored documents of <paramref name="keys"/>, synchronously
        /// (for a database whose driver does its work synchronously anyway).</summary>
        public void ReadInto(SqlBotStateStore store, string[] keys, StateDocument?[] documents)
        {
            using var reader = Read(store, keys).ExecuteReader();
            while (reader.Read())
            {
                var index = Array.IndexOf(keys, reader.GetString(0));
                if (index >= 0) documents[index] = new StateDocument(reader.GetString(1), reader.GetString(2));
            }
        }

        /// <summary>The write of <see cref="WriteDocumentAsync"/>, synchronously; false when the ETag does not match.</summary>
        public bool Write(string key, string json, string etag, long now, string? expected)
        {
            if (IsUnconditional(expected)) return Upsert(key, json, etag, now).ExecuteNonQuery() > 0;
            return UpdateRecent(key, json, etag, RecentSince(now), expected!).ExecuteNonQuery() > 0
                   || Update(key, json, etag, now, expected!).ExecuteNonQuery() > 0;
        }

        public DbCommand Read(SqlBotStateStore store, string[] keys)
        {
            switch (keys.Length)
            {
                case 1 when _readOne is not null:
                    store.RebindKeys(_readOne, keys);
                    return _readOne;
                case 2 when _readTwo is not null:
                    store.RebindKeys(_readTwo, keys);
                    return _readTwo;
            }

            var command = connection.CreateCommand();
            command.CommandText = $"SELECT key, document, etag FROM bot_state WHERE {store.KeyIsOneOf(command, keys)}";
            switch (keys.Length)
            {
                case 1: _readOne = command; break;
                case 2: _readTwo = command; break;
                default:
                    // Other counts are rare (a turn reads one or two keys): not kept.
                    _readOther?.Dispose();
                    _readOther = command;
                    break;
            }
            return command;
        }

        public DbCommand Upsert(string key, string json, string etag, long now)
        {
            // Prefixed names: Microsoft.Data.Sqlite binds them directly instead of trying each prefix on every call.
            var command = _upsert ??= connection.Command(UpsertSql).With("@key", (string?)null).With("@document", (string?)null)
                .With("@etag", (string?)null).With("@now", 0L);
            var parameters = command.Parameters;
            parameters[0].Value = key;
            parameters[1].Value = json;
            parameters[2].Value = etag;
            parameters[3].Value = now;
            return command;
        }

        public DbCommand Update(string key, string json, string etag, long now, string expected)
        {
            var command = _update ??= connection.Command(UpdateSql).With("@key", (string?)null).With("@document", (string?)null)
                .With("@etag", (string?)null).With("@now", 0L).With("@expected", (string?)null);
            var parameters = command.Parameters;
            parameters[0].Value = key;
            parameters[1].Value = json;
            parameters[2].Value = etag;
            parameters[3].Value = now;
            parameters[4].Value = expected;
            return command;
        }

        public DbCommand UpdateRecent(string key, string json, string etag, long recent, string expected)
        {
            var command = _updateRecent ??= connection.Command(UpdateRecentSql).With("@key", (string?)null).With("@document", (string?)null)
                .With("@etag", (string?)null).With("@recent", 0L).With("@expected", (string?)null);
            var parameters = command.Parameters;
            parameters[0].Value = key;
            parameters[1].Value = json;
            parameters[2].Value = etag;
            parameters[3].Value = recent;
            parameters[4].Value = expected;
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _readOne, _readTwo, _upsert, _update, _updateRecent, _readOther })
                if (command is not null) await command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
