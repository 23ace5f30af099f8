using ActionMonth.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>A token for a new conversation on our own Direct Line, with the conversation already started (the bot's
/// welcome is in its stream), so the page's first poll shows the welcome. The browser meanwhile runs Web Chat's
/// bundle, which takes it longer than this on a phone.</summary>
public sealed class SelfHostedConnectionSource(DirectLineTokens tokens, DirectLineChannel channel, IOptions<WebChatOptions> options)
    : IWebChatConnectionSource
{
    public const string Domain = "/v3/directline";

    public async Task<WebChatConnection> CreateAsync(CancellationToken cancellationToken)
    {
        var conversationId = DirectLineIds.NewConversationId();
        var userId = DirectLineIds.NewUserId();
        var token = await tokens.IssueAsync(conversationId, userId, cancellationToken).ConfigureAwait(false);
        await channel.EnsureStartedAsync(new DirectLineGrant(conversationId, userId, DateTimeOffset.MaxValue), cancellationToken)
            .ConfigureAwait(false);
        return new WebChatConnection(Domain, conversationId, token, (int)tokens.Lifetime.TotalSeconds, options.Value.PollingIntervalMs,
            Started: true);
    }
}
