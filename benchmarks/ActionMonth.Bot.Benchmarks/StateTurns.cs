using ActionMonth.Bot.Conversation.State;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>The accessors as the host builds them over <paramref name="storage"/>.</summary>
internal static class StateTurns
{
    public static BotStateAccessors Create(IStorage storage) =>
        new(new TrackedConversationState(storage), new TrackedUserState(storage), storage, NullLogger<BotStateAccessors>.Instance);
}
