using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Adapters;

/// <summary>An adapter of its own for one channel (Telegram), as opposed to the CloudAdapter that serves every
/// Bot Framework channel. Proactive messages to a conversation of that channel must go through it.</summary>
public interface IChannelAdapter
{
    /// <summary>The channelId of the activities it creates ("telegram").</summary>
    string ChannelId { get; }

    Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken);
}
