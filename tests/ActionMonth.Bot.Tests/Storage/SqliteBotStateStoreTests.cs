using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Storage;

public sealed class SqliteBotStateStoreTests : IDisposable
{
    private readonly TestFolder _folder = new();

    private SqliteDatabase Database(string relative = "nested/dir/state.db") =>
        new($"Data Source={relative}", _folder.Path, StateSchema.Migrations, NullLogger<SqliteDatabase>.Instance);

    private SqliteBotStateStore Store(SqliteDatabase? database = null) => new(database ?? Database(), TimeProvider.System);

    [Fact]
    public async Task First_use_creates_the_directory_and_the_versioned_schema()
    {
        var database = Database();
        await Store(database).PingAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_folder.Path, "nested", "dir", "state.db")));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT module || ':' || version FROM schema_version ORDER BY module";
        var versions = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) versions.Add(reader.GetString(0));
        Assert.Equal(["feedback:1", "feedback:2", "state:1"], versions);
    }

    [Fact]
    public async Task Every_connection_has_the_busy_timeout_synchronous_and_foreign_key_settings_also_when_reused_from_the_pool()
    {
        var database = Database("pragmas.db");
        for (var round = 0; round < 3; round++)
        {
            // Two at once: the second cannot be the pooled handle the first holds, so fresh and reused handles are both seen.
            await using var first = await database.OpenAsync(CancellationToken.None);
            await using var second = await database.OpenAsync(CancellationToken.None);
            foreach (var connection in new[] { first, second })
            {
                Assert.Equal(5000L, await Pragma(connection, "busy_timeout"));
                Assert.Equal(1L, await Pragma(connection, "synchronous")); // NORMAL
                Assert.Equal(1L, await Pragma(connection, "foreign_keys"));
            }
        }

        static async Task<long> Pragma(SqliteConnection connection, string name)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Migrations_run_once_and_a_new_step_is_applied_on_the_next_start()
    {
        await Store(Database("m.db")).PingAsync(CancellationToken.None);
        await Store(Database("m.db")).PingAsync(CancellationToken.None);

        var extended = StateSchema.Migrations.Append(new SchemaMigration("state", 2, "test column", "ALTER TABLE bot_state ADD COLUMN note TEXT"));
        var database = new SqliteDatabase("Data Source=m.db", _folder.Path, extended, NullLogger<SqliteDatabase>.Instance);
        await database.EnsureReadyAsync(CancellationToken.None);

        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_version WHERE module = 'state'";
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('bot_state') WHERE name = 'note'";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Written_state_reads_back_with_an_etag_and_survives_a_new_store()
    {
        var store = Store();
        var state = new Dictionary<string, object> { ["profile"] = new JObject { ["Language"] = "en", ["Role"] = "Child" } };
        await store.WriteAsync(new Dictionary<string, object> { ["webchat/users/u1"] = state });

        var read = await Store().ReadAsync(["webchat/users/u1", "missing"]);
        Assert.Single(read);
        var json = Assert.IsType<JObject>(read["webchat/users/u1"]);
        Assert.Equal("en", json["profile"]!["Language"]!.Value<string>());
        Assert.False(string.IsNullOrEmpty(json["eTag"]!.Value<string>()));
        // The write handed the new ETag back to the object it wrote.
        Assert.Equal(json["eTag"]!.Value<string>(), state["eTag"]);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var store = Store();
        await store.WriteAsync(new Dictionary<string, object> { ["k"] = new JObject { ["n"] = 1 } });
        var first = (JObject)(await store.ReadAsync(["k"]))["k"];
        var second = (JObject)(await store.ReadAsync(["k"]))["k"];

        first["n"] = 2;
        await store.WriteAsync(new Dictionary<string, object> { ["k"] = first });
        second["n"] = 3;
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() =>
            store.WriteAsync(new Dictionary<string, object> { ["k"] = second }));
        Assert.Equal("k", conflict.Key);

        var stored = (JObject)(await store.ReadAsync(["k"]))["k"];
        Assert.Equal(2, stored["n"]!.Value<int>());
    }

    [Fact]
    public async Task A_conflict_rolls_back_the_whole_batch()
    {
        var store = Store();
        await store.WriteAsync(new Dictionary<string, object> { ["a"] = new JObject { ["n"] = 1 } });
        var stale = (JObject)(await store.ReadAsync(["a"]))["a"];
        await store.WriteAsync(new Dictionary<string, object> { ["a"] = new JObject { ["n"] = 2 } });

        await Assert.ThrowsAsync<StorageConflictException>(() => store.WriteAsync(new Dictionary<string, object>
        {
            ["b"] = new JObject { ["n"] = 1 },
            ["a"] = stale,
        }));
        Assert.Empty(await store.ReadAsync(["b"]));
    }

    [Fact]
    public async Task Star_and_missing_etags_write_unconditionally_and_store_items_get_their_etag()
    {
        var store = Store();
        var item = new Item { Value = "one" };
        await store.WriteAsync(new Dictionary<string, object> { ["i"] = item });
        var firstETag = item.ETag;
        Assert.False(string.IsNullOrEmpty(firstETag));

        await store.WriteAsync(new Dictionary<string, object> { ["i"] = new Item { Value = "two", ETag = "*" } });
        item.Value = "three";
        await Assert.ThrowsAsync<StorageConflictException>(() => store.WriteAsync(new Dictionary<string, object> { ["i"] = item }));
        Assert.Equal(firstETag, item.ETag);

        var stored = (JObject)(await store.ReadAsync(["i"]))["i"];
        Assert.Equal("two", stored["Value"]!.Value<string>());
    }

    [Fact]
    public async Task Bot_state_saves_twice_in_a_turn_without_conflicting_with_itself()
    {
        var store = Store();
        var conversationState = new ConversationState(store);
        var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter();
        var activity = MessageFactory.Text("x");
        activity.Conversation = new Microsoft.Bot.Schema.ConversationAccount { Id = "c" };
        activity.ChannelId = "test";
        var accessor = conversationState.CreateProperty<int>("count");

        using (var turn = new TurnContext(adapter, activity))
        {
            await accessor.SetAsync(turn, 1);
            await conversationState.SaveChangesAsync(turn);
            await accessor.SetAsync(turn, 2);
            await conversationState.SaveChangesAsync(turn);
        }
        using (var turn = new TurnContext(adapter, activity))
        {
            Assert.Equal(2, await accessor.GetAsync(turn, () => 0));
        }
    }

    [Fact]
    public async Task Delete_and_purge_remove_state()
    {
        var store = Store();
        await store.WriteAsync(new Dictionary<string, object> { ["x"] = new JObject(), ["y"] = new JObject() });
        await store.DeleteAsync(["x"]);
        Assert.Equal(["y"], (await store.ReadAsync(["x", "y"])).Keys);

        Assert.Equal(0, await store.PurgeIdleAsync(DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(1, await store.PurgeIdleAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.Empty(await store.ReadAsync(["y"]));
    }

    [Fact]
    public async Task A_document_rewritten_within_minutes_keeps_its_idle_time_and_later_writes_move_it_on()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-30T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var database = Database("idle.db");
        var store = new SqliteBotStateStore(database, time);
        var etag = await store.WriteDocumentAsync("k", """{"n":1}""", null, CancellationToken.None);
        var written = time.Now;

        time.Now += TimeSpan.FromMinutes(2);
        etag = await store.WriteDocumentAsync("k", """{"n":2}""", etag, CancellationToken.None);
        // Within SqlBotStateStore.RecentWrite of the last stamp, updated_at is not rewritten.
        Assert.Equal(written.ToUnixTimeMilliseconds(), await UpdatedAt());

        time.Now += SqlBotStateStore.RecentWrite;
        var stale = etag;
        etag = await store.WriteDocumentAsync("k", """{"n":3}""", etag, CancellationToken.None);
        Assert.Equal(time.Now.ToUnixTimeMilliseconds(), await UpdatedAt());
        // Either way the ETag decides: the one just replaced no longer matches.
        await Assert.ThrowsAsync<StorageConflictException>(() => store.WriteDocumentAsync("k", """{"n":4}""", stale, CancellationToken.None));
        Assert.Equal(new StateDocument("""{"n":3}""", etag), (await store.ReadDocumentsAsync(["k"], CancellationToken.None))[0]);
        Assert.Equal(0, await store.PurgeIdleAsync(time.Now, CancellationToken.None));
        Assert.Equal(1, await store.PurgeIdleAsync(time.Now.AddMilliseconds(1), CancellationToken.None));
        await store.DisposeAsync();

        async Task<long> UpdatedAt()
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT updated_at FROM bot_state WHERE key = 'k'";
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed class Item : IStoreItem
    {
        public string? Value { get; set; }
        public string? ETag { get; set; }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
