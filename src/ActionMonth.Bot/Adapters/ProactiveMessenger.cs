using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// Continues a stored conversation (an operator's reply to a user, a claim-timeout reminder) through the adapter of
/// that conversation's channel: a channel adapter of our own when one serves the channel (Telegram), otherwise the
/// CloudAdapter, which posts to the conversation's serviceUrl (Web Chat through our Direct Line, the Emulator).
/// </summary>
public sealed class ProactiveMessenger(CloudAdapter cloud, IEnumerable<IChannelAdapter> channels, IConfiguration configuration)
{
    public Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var channel = channels.FirstOrDefault(c => string.Equals(c.ChannelId, reference.ChannelId, StringComparison.OrdinalIgnoreCase));
        return channel is not null
            ? channel.ContinueConversationAsync(reference, callback, cancellationToken)
            : cloud.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? string.Empty, reference, callback, cancellationToken);
    }
}
