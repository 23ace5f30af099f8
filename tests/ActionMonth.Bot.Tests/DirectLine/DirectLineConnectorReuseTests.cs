using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Tests.Escalation;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.DirectLine;

/// <summary>The in-process Direct Line connector client is reused per conversation serviceUrl: every turn's replies still
/// land in its own conversation's stream, after the first turn's end "disposed" the client.</summary>
public sealed class DirectLineConnectorReuseTests
{
    [Fact]
    public async Task Two_conversations_keep_their_own_client_and_every_turn_s_replies_reach_their_own_stream()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var client = new DirectLineTestClient(host.Client);
        var first = await client.StartAsync();
        var second = await client.StartAsync();

        for (var turn = 1; turn <= 2; turn++)
        {
            await first.SayAsync("trẻ em có những quyền gì?");
            await second.SayAsync("cảm ơn");
            var expected = 1 + turn; // the welcome, then a reply per turn
            await Eventually.TrueAsync(async () => (await first.BotMessagesAsync()).Count >= expected
                                                   && (await second.BotMessagesAsync()).Count >= expected,
                TimeSpan.FromSeconds(20), $"replies of turn {turn}");
        }

        var urls = host.Services.GetRequiredService<DirectLineServiceUrls>();
        var cache = host.Services.GetRequiredService<BotClientCache<string, SharedConnectorClient>>();
        var firstUrl = await urls.ForAsync(first.ConversationId, CancellationToken.None);
        var secondUrl = await urls.ForAsync(second.ConversationId, CancellationToken.None);
        Assert.True(cache.TryGet(firstUrl, out var firstClient), "the first conversation's client is kept");
        Assert.True(cache.TryGet(secondUrl, out var secondClient), "the second conversation's client is kept");
        Assert.NotSame(firstClient, secondClient);
        Assert.Equal(new Uri(firstUrl), firstClient.BaseUri);
        Assert.Equal(new Uri(secondUrl), secondClient.BaseUri);
        // Each stream holds only its own conversation's replies.
        Assert.All(await first.BotMessagesAsync(), a => Assert.Equal(first.ConversationId, (string?)a["conversation"]?["id"]));
        Assert.All(await second.BotMessagesAsync(), a => Assert.Equal(second.ConversationId, (string?)a["conversation"]?["id"]));
    }
}
