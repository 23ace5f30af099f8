using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Tests.DirectLine;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Tests.Hardening;

/// <summary>The per-address limits of Hardening:RateLimits. In memory every request has one (unknown) address, so one
/// host is one client. The refill is set to 1 a minute: within a test no token comes back.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const string Question = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["Hardening:RateLimits:Messages:Burst"] = "3",
            ["Hardening:RateLimits:Messages:PerMinute"] = "1",
            ["Hardening:RateLimits:SessionStart:Burst"] = "2",
            ["Hardening:RateLimits:SessionStart:PerMinute"] = "1",
            ["Hardening:RateLimits:Search:Burst"] = "2",
            ["Hardening:RateLimits:Search:PerMinute"] = "1",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task Search_over_its_limit_gets_429_with_Retry_After_a_clear_body_and_the_security_headers()
    {
        _host.WaitForKnowledge();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/api/search?q=quyền trẻ em")).StatusCode);

        using var refused = await _host.Client.GetAsync("/api/search?q=quyền trẻ em");
        await AssertRateLimitedAsync(refused);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
        // Other routes keep their own buckets.
        Assert.Equal(HttpStatusCode.OK, (await _host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Starting_Direct_Line_conversations_over_the_limit_gets_429()
    {
        var directLine = new DirectLineTestClient(_host.Client);
        await directLine.GenerateAsync();
        await directLine.GenerateAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, DirectLineTestClient.Prefix + "/tokens/generate")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var refused = await _host.Client.SendAsync(request);
        await AssertRateLimitedAsync(refused);
    }

    [Fact]
    public async Task Behind_Bot_Service_api_messages_is_not_limited_per_address_because_every_user_shares_the_services()
    {
        await using var host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-used-in-this-test",
            ["Hardening:RateLimits:Messages:Burst"] = "2",
            ["Hardening:RateLimits:Messages:PerMinute"] = "1",
        });
        var user = host.Conversation();
        for (var i = 0; i < 5; i++)
        {
            // No Bot Service token: the adapter refuses each call itself; none is refused by the per-address limit.
            var (status, _) = await user.PostAsync(user.Message(Question));
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
        host.Folder.Dispose();
    }

    [Fact]
    public async Task Over_the_message_limit_a_question_gets_429_but_an_urgent_disclosure_still_gets_the_111_reply()
    {
        var user = _host.Conversation();
        for (var i = 0; i < 3; i++) await user.SayAsync(i == 0 ? "Tôi là phụ huynh" : Question);

        var (status, body) = await user.PostAsync(user.Message(Question));
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("rate_limited", body);

        // Still over the limit (no token has come back), and the disclosure goes through to the safety reply.
        var child = _host.Conversation();
        var replies = await child.SayAsync(Disclosure);
        var safety = Assert.Single(replies);
        Assert.Contains("111", safety.Text);

        var (again, _) = await user.PostAsync(user.Message(Question));
        Assert.Equal(HttpStatusCode.TooManyRequests, again);

        // The logs say which limit, never what was written.
        Assert.Contains(_host.Logs.Lines, l => l.Contains("Rate limit messages reached") && l.Contains("disclosure: passed on"));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("hàng xóm") || l.Contains("bạo hành"));
    }

    [Fact]
    public async Task The_urgent_help_button_and_a_disclosure_over_Direct_Line_go_through_the_limit()
    {
        var session = await new DirectLineTestClient(_host.Client).StartAsync();
        for (var i = 0; i < 3; i++) await session.SayAsync("Tôi là phụ huynh");

        var (status, _) = await new DirectLineTestClient(_host.Client).SendAsync(HttpMethod.Post,
            $"/conversations/{session.ConversationId}/activities", session.Token, DirectLineTestClient.Message(Question).ToJsonString());
        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        var disclosureId = await session.SayAsync(Disclosure);
        var buttonId = await session.PostAsync(DirectLineTestClient.Message("Cần giúp khẩn cấp",
            value: new JsonObject { ["action"] = "urgent-help" }));

        var bot = await WaitForRepliesAsync(session, disclosureId, buttonId);
        Assert.Contains("111", (string)bot[disclosureId]["text"]!);
        Assert.Contains("111", (string)bot[buttonId]["text"]!);
    }

    private static async Task<Dictionary<string, JsonNode>> WaitForRepliesAsync(DirectLineSession session, params string[] activityIds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var replies = (await session.BotMessagesAsync())
                .Where(a => activityIds.Contains((string?)a["replyToId"]))
                .GroupBy(a => (string)a["replyToId"]!)
                .ToDictionary(g => g.Key, g => g.First());
            if (replies.Count == activityIds.Length) return replies;
            Assert.True(DateTime.UtcNow < deadline, $"replies to {string.Join(", ", activityIds)} did not come");
            await Task.Delay(100);
        }
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 120);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("rate_limited", (string)body["error"]!);
        var message = (string)body["message"]!;
        Assert.Contains($"{(int)retryAfter.Value.TotalSeconds} s", message);
        Assert.Contains("111", message);
    }
}
