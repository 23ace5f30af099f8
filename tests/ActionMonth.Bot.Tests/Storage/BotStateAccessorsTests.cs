using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Model;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Storage;

public sealed class BotStateAccessorsTests : IAsyncLifetime
{
    private readonly TestFolder _folder = new();
    private readonly SqliteBotStateStore _store;
    private readonly CountingDocuments _counted;
    private readonly BotStateAccessors _accessors;

    public BotStateAccessorsTests()
    {
        var database = new SqliteDatabase("Data Source=state.db", _folder.Path, StateSchema.Migrations, NullLogger<SqliteDatabase>.Instance);
        _store = new SqliteBotStateStore(database, TimeProvider.System);
        _counted = new CountingDocuments(_store);
        _accessors = Accessors(_counted);
    }

    /// <summary>As the host wires them: the tracked ConversationState and UserState over the store.</summary>
    private static BotStateAccessors Accessors(IStorage storage) => Accessors(storage, out _, out _);

    private static BotStateAccessors Accessors(IStorage storage, out TrackedConversationState conversationState, out TrackedUserState userState)
    {
        conversationState = new TrackedConversationState(storage);
        userState = new TrackedUserState(storage);
        return new BotStateAccessors(conversationState, userState, storage, NullLogger<BotStateAccessors>.Instance);
    }

    [Fact]
    public async Task The_turn_read_is_the_cache_Bot_Builder_reads_and_saving_it_is_decided_by_its_document_text()
    {
        var accessors = Accessors(_counted, out var conversationState, out var userState);
        using (var turn = Turn())
        {
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            // Put where BotState looks for it (its turn-state key), so its accessors and LoadAsync read no further.
            Assert.IsType<TrackedState>(conversationState.GetCachedState(turn));
            Assert.IsType<TrackedState>(userState.GetCachedState(turn));
            Assert.Same(session.Conversation, await conversationState.CreateProperty<ConversationData>("conversation").GetAsync(turn, () => new ConversationData()));
            session.Conversation.Welcomed = true;
            await accessors.SaveAsync(turn, CancellationToken.None);
        }
        Assert.Single(_counted.Reads);
        Assert.Equal(["test/conversations/c1", "test/users/u1"], _counted.Writes);
        var stored = await _store.ReadDocumentsAsync(["test/conversations/c1"], CancellationToken.None);
        Assert.Equal(StateDocumentFormat.Write(new Dictionary<string, object> { ["conversation"] = new ConversationData { Welcomed = true } }),
            stored[0]!.Json);
        _counted.Reads.Clear();
        _counted.Writes.Clear();

        using (var turn = Turn())
        {
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            // Reading a value, or setting it to what it was, is no change.
            session.Conversation.Welcomed = true;
            await accessors.SaveAsync(turn, CancellationToken.None);
            var tracked = Assert.IsType<TrackedState>(conversationState.GetCachedState(turn));
            Assert.Equal(stored[0]!.Json, tracked.StoredJson);
        }
        Assert.Single(_counted.Reads);
        Assert.Empty(_counted.Writes);
    }

    [Fact]
    public async Task A_turn_reads_both_keys_in_one_read_and_writes_only_the_documents_that_changed()
    {
        using (var turn = Turn())
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            session.Profile.Role = Audience.Teacher;
            session.Conversation.Welcomed = true;
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }
        Assert.Equal(["test/conversations/c1", "test/users/u1"], Assert.Single(_counted.Reads));
        Assert.Equal(["test/conversations/c1", "test/users/u1"], _counted.Writes);
        _counted.Reads.Clear();
        _counted.Writes.Clear();

        using (var turn = Turn())
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            Assert.Equal(Audience.Teacher, session.Profile.Role);
            Assert.True(session.Conversation.Welcomed);
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }
        Assert.Single(_counted.Reads);
        Assert.Empty(_counted.Writes);

        using (var turn = Turn())
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            session.Conversation.LastAnswer = new AnswerRecord("a1", "card", "c-1", null, null, null, "High");
            await _accessors.SaveAsync(turn, CancellationToken.None);
            // A second save in the same turn writes the new change over its own first write, without a conflict.
            session.Conversation.LastArticle = new ArticleReference("102/2016/QH13", 4);
            await _accessors.SaveAsync(turn, CancellationToken.None);
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }
        Assert.Equal(["test/conversations/c1", "test/conversations/c1"], _counted.Writes);
        using (var turn = Turn())
        {
            var conversation = (await _accessors.LoadAsync(turn, CancellationToken.None)).Conversation;
            Assert.Equal("a1", conversation.LastAnswer?.Id);
            Assert.Equal(new ArticleReference("102/2016/QH13", 4), conversation.LastArticle);
        }
    }

    [Fact]
    public async Task State_saved_by_Bot_Builder_ConversationState_and_UserState_is_read_and_they_read_what_the_turn_saved()
    {
        // Plain Bot.Builder states, as another bot on the same database would save them.
        var conversationState = new ConversationState(_store);
        var userState = new UserState(_store);
        var conversationData = conversationState.CreateProperty<ConversationData>("conversation");
        var profileData = userState.CreateProperty<UserProfile>("profile");
        using (var turn = Turn())
        {
            await conversationData.SetAsync(turn, new ConversationData { Welcomed = true, LastArticle = new ArticleReference("56/2017/NĐ-CP", 7, 2) });
            await profileData.SetAsync(turn, new UserProfile { Role = Audience.Child, Language = UiLanguages.English });
            await conversationState.SaveChangesAsync(turn);
            await userState.SaveChangesAsync(turn);
        }

        using (var turn = Turn())
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            Assert.True(session.Conversation.Welcomed);
            Assert.Equal(new ArticleReference("56/2017/NĐ-CP", 7, 2), session.Conversation.LastArticle);
            Assert.Equal(Audience.Child, session.Profile.Role);
            Assert.Equal(UiLanguages.English, session.Profile.Language);
            session.Profile.Role = Audience.Parent;
            session.Conversation.LastArticleExplained = true;
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }

        using (var turn = Turn())
        {
            var conversation = await conversationData.GetAsync(turn, () => new ConversationData());
            Assert.True(conversation.LastArticleExplained);
            Assert.Equal(new ArticleReference("56/2017/NĐ-CP", 7, 2), conversation.LastArticle);
            Assert.Equal(Audience.Parent, (await profileData.GetAsync(turn, () => new UserProfile())).Role);
        }
    }

    [Fact]
    public async Task A_turn_that_loaded_before_another_turn_saved_does_not_overwrite_it()
    {
        using (var first = Turn())
        {
            (await _accessors.LoadAsync(first, CancellationToken.None)).Conversation.Welcomed = true;
            await _accessors.SaveAsync(first, CancellationToken.None);
        }
        using var slow = Turn();
        var stale = await _accessors.LoadAsync(slow, CancellationToken.None);
        using (var fast = Turn())
        {
            var session = await _accessors.LoadAsync(fast, CancellationToken.None);
            session.Conversation.LastAnswer = new AnswerRecord("fast", "card", null, null, null, null, "High");
            await _accessors.SaveAsync(fast, CancellationToken.None);
        }
        stale.Conversation.LastAnswer = new AnswerRecord("slow", "card", null, null, null, null, "High");
        await _accessors.SaveAsync(slow, CancellationToken.None);

        using var next = Turn();
        Assert.Equal("fast", (await _accessors.LoadAsync(next, CancellationToken.None)).Conversation.LastAnswer?.Id);
    }

    [Fact]
    public async Task Properties_the_bot_does_not_know_survive_a_save_and_a_restart_drops_them_with_the_conversation()
    {
        await _store.WriteAsync(new Dictionary<string, object>
        {
            ["test/conversations/c1"] = new JObject { ["conversation"] = new JObject { ["Welcomed"] = true }, ["dialogs"] = new JObject { ["n"] = 3 } },
        });
        using (var turn = Turn())
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            Assert.True(session.Conversation.Welcomed);
            session.Conversation.LastArticleExplained = true;
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }
        var stored = (JObject)(await _store.ReadAsync(["test/conversations/c1"]))["test/conversations/c1"];
        Assert.Equal(3, stored["dialogs"]!["n"]!.Value<int>());
        Assert.True(stored["conversation"]!["LastArticleExplained"]!.Value<bool>());

        using (var turn = Turn())
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            await _accessors.ResetConversationAsync(turn, session, CancellationToken.None);
            Assert.False(session.Conversation.Welcomed);
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }
        stored = (JObject)(await _store.ReadAsync(["test/conversations/c1"]))["test/conversations/c1"];
        Assert.Null(stored["dialogs"]);
        Assert.False(stored["conversation"]!["Welcomed"]!.Value<bool>());
    }

    [Fact]
    public async Task An_unreadable_document_gives_a_fresh_session_that_is_never_written_back()
    {
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, "state.db")}"))
        {
            await _store.PingAsync(CancellationToken.None);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO bot_state (key, document, etag, updated_at) VALUES ('test/conversations/c1', '{\"conversation\":', 'e', 0)";
            await command.ExecuteNonQueryAsync();
        }
        using var turn = Turn();
        var session = await _accessors.LoadAsync(turn, CancellationToken.None);
        Assert.False(session.Persistent);
        session.Conversation.Welcomed = true;
        await _accessors.SaveAsync(turn, CancellationToken.None);
        Assert.Empty(_counted.Writes);
    }

    [Fact]
    public async Task Any_Bot_Builder_storage_works_and_a_turn_without_a_sender_has_no_user_state()
    {
        var accessors = Accessors(new MemoryStorage());
        using (var turn = Turn())
        {
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            session.Profile.Language = UiLanguages.English;
            session.Conversation.Welcomed = true;
            await accessors.SaveAsync(turn, CancellationToken.None);
        }
        using (var turn = Turn())
        {
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            Assert.Equal(UiLanguages.English, session.Profile.Language);
            Assert.True(session.Conversation.Welcomed);
        }

        using (var turn = Turn(sender: null))
        {
            var session = await _accessors.LoadAsync(turn, CancellationToken.None);
            Assert.True(session.Persistent);
            session.Profile.Role = Audience.Child;
            await _accessors.SaveAsync(turn, CancellationToken.None);
        }
        Assert.Equal(["test/conversations/c1"], Assert.Single(_counted.Reads));
        Assert.Equal(["test/conversations/c1"], _counted.Writes);
    }

    private static TurnContext Turn(string? sender = "u1")
    {
        var activity = MessageFactory.Text("xin chào");
        activity.ChannelId = "test";
        activity.Conversation = new ConversationAccount { Id = "c1" };
        activity.From = sender is null ? null : new ChannelAccount { Id = sender };
        activity.Recipient = new ChannelAccount { Id = "bot" };
        return new TurnContext(new TestAdapter(), activity);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    /// <summary>The store, counting the document reads and the writes that reach it.</summary>
    private sealed class CountingDocuments(SqliteBotStateStore inner) : IStorage, IStateDocumentStore
    {
        public List<string[]> Reads { get; } = [];
        public List<string> Writes { get; } = [];

        public Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
        {
            Reads.Add(keys);
            return inner.ReadDocumentsAsync(keys, cancellationToken);
        }

        // BotState's loads must all be answered from the turn's one read of documents.
        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The accessors read documents.");

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
        {
            Writes.AddRange(changes.Keys);
            return inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
