using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Tests.DirectLine;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Hardening;

/// <summary>Body limits per route (Hardening:*Bytes, Bot:MaxRequestBytes, DirectLine:MaxActivityBytes): 413 with a body
/// that says why, before any endpoint reads the request.</summary>
public sealed class RequestSizeLimitTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["Hardening:SmallRequestBodyBytes"] = "4096",
            ["Hardening:OperatorApiMaxBodyBytes"] = "8192",
            ["Escalation:OperatorApiKey"] = "operator-key-for-the-size-tests-0123456789",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task A_token_request_over_the_small_body_limit_gets_413_with_a_clear_JSON_body()
    {
        using var response = await _host.Client.PostAsync(DirectLineTestClient.Prefix + "/tokens/generate", Json(5000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("too_large", (string)body["error"]!);
        Assert.Contains("4096 bytes", (string)body["message"]!);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // Just under the limit is read as usual.
        using var small = await _host.Client.PostAsync(DirectLineTestClient.Prefix + "/tokens/generate", Json(3000));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task The_operator_API_has_its_own_limit()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases/some-case/messages") { Content = Json(9000) };
        request.Headers.Authorization = new("Bearer", "operator-key-for-the-size-tests-0123456789");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("8192 bytes", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_message_routes_answer_413_in_their_own_formats()
    {
        using var bot = await _host.Client.PostAsync("/api/messages", Json(300 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bot.StatusCode);

        var session = await new DirectLineTestClient(_host.Client).StartAsync();
        var activity = DirectLineTestClient.Message(new string('a', 40 * 1024)).ToJsonString();
        var (status, body) = await new DirectLineTestClient(_host.Client).SendAsync(HttpMethod.Post,
            $"/conversations/{session.ConversationId}/activities", session.Token, activity);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.NotNull(body?["error"]);
    }

    /// <summary>A JSON object of about <paramref name="bytes"/> bytes.</summary>
    private static StringContent Json(int bytes) =>
        new("{\"padding\":\"" + new string('x', Math.Max(0, bytes - 14)) + "\"}", Encoding.UTF8, "application/json");
}
