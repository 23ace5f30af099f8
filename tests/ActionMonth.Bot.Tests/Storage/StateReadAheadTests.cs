using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Storage;
using ActionMonth.Knowledge.Model;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActionMonth.Bot.Tests.Storage;

public sealed class StateReadAheadTests
{
    [Fact]
    public async Task A_turn_loads_its_conversation_and_user_state_with_one_read_of_both_keys()
    {
        var store = new CountingStorage(new MemoryStorage());
        var storage = new ReadAheadStorage(store);
        var conversationState = new ConversationState(storage);
        var userState = new UserState(storage);
        var accessors = new BotStateAccessors(conversationState, userState, storage, NullLogger<BotStateAccessors>.Instance);

        using (var turn = Turn())
        {
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            session.Profile.Role = Audience.Teacher;
            session.Conversation.Welcomed = true;
            await accessors.SaveAsync(turn, CancellationToken.None);
        }
        store.Reads.Clear();

        using (var turn = Turn())
        {
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            Assert.Equal(Audience.Teacher, session.Profile.Role);
            Assert.True(session.Conversation.Welcomed);
        }
        var read = Assert.Single(store.Reads);
        Assert.Equal(["test/conversations/c1", "test/users/u1"], read);

        // Offered keys are served once: a later read in the same flow goes to the store again.
        StateReadAhead.Offer(["k"], new Dictionary<string, object>());
        Assert.Empty(await storage.ReadAsync(["k"]));
        Assert.Single(store.Reads);
        await storage.ReadAsync(["k"]);
        Assert.Equal(2, store.Reads.Count);
    }

    private static TurnContext Turn()
    {
        var activity = MessageFactory.Text("xin chào");
        activity.ChannelId = "test";
        activity.Conversation = new ConversationAccount { Id = "c1" };
        activity.From = new ChannelAccount { Id = "u1" };
        activity.Recipient = new ChannelAccount { Id = "bot" };
        return new TurnContext(new TestAdapter(), activity);
    }

    private sealed class CountingStorage(IStorage inner) : IStorage
    {
        public List<string[]> Reads { get; } = [];

        public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
        {
            Reads.Add(keys);
            return inner.ReadAsync(keys, cancellationToken);
        }

        public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);
    }
}
