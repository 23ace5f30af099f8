using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.DirectLine;

/// <summary>The escalation flow over web chat, end to end: the urgent-help button opens a case; an operator claims it
/// and writes through the operator API; the escalation outbox sends it as a proactive message, which our in-process
/// connector puts in the web chat stream; the user's answer goes to the operator, not to the Q&amp;A.</summary>
public sealed class OperatorHandoffOverDirectLineTests : IAsyncLifetime
{
    private const string OperatorKey = "operator-key-for-tests";
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["Escalation:OperatorApiKey"] = OperatorKey,
            ["Escalation:Outbox:PollSeconds"] = "0.2",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task With_escalation_on_the_page_says_that_counsellors_are_told_and_how_long_the_excerpt_is_kept()
    {
        var html = await _host.Client.GetStringAsync("/");
        Assert.Contains("tư vấn viên được báo để giúp", html);
        Assert.Contains("tối đa 30 ngày", html);
        Assert.DoesNotContain("Trang này không tự báo cho ai", html);
    }

    [Fact]
    public async Task An_operator_s_message_reaches_the_web_chat_and_the_user_s_answer_reaches_the_operator()
    {
        var session = await new DirectLineTestClient(_host.Client).StartAsync();
        var pressed = await session.PostAsync(DirectLineTestClient.Message("Tôi cần giúp đỡ ngay",
            value: new JsonObject { ["action"] = "urgent-help" }));
        var safety = Assert.Single(await session.AllAsync(), a => (string?)a["replyToId"] == pressed);
        var escalation = Assert.Single(safety["entities"]!.AsArray(), e => (string?)e!["type"] == "actionmonth/escalation")!;
        var caseId = (string)escalation["caseId"]!;

        Assert.Equal(HttpStatusCode.OK, (await OperatorAsync($"/api/cases/{caseId}/claim", new { operatorId = "op-1" })).StatusCode);
        const string words = "Chào em, chị là tư vấn viên. Chị đang đọc tin của em đây.";
        Assert.Equal(HttpStatusCode.Accepted,
            (await OperatorAsync($"/api/cases/{caseId}/messages", new { operatorId = "op-1", text = words })).StatusCode);

        // The outbox delivers it in the background, as a proactive message through the adapter.
        JsonNode? delivered = null;
        for (var attempt = 0; attempt < 100 && delivered is null; attempt++)
        {
            delivered = (await session.AllAsync()).FirstOrDefault(a => ((string?)a["text"])?.Contains(words, StringComparison.Ordinal) == true);
            if (delivered is null) await Task.Delay(200);
        }
        Assert.NotNull(delivered);
        Assert.Equal("bot", (string)delivered!["from"]!["role"]!);
        Assert.Contains(delivered["entities"]!.AsArray(), e => (string?)e!["caseId"] == caseId);

        // The user's answer goes to the case, not to the Q&A.
        await session.SayAsync("em đang ở nhà một mình");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}?includeText=true&operatorId=op-1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        using var detail = await _host.Client.SendAsync(request);
        var messages = JsonNode.Parse(await detail.Content.ReadAsStringAsync())!["messages"]!.AsArray();
        Assert.Contains(messages, m => ((string?)m!["text"])?.Contains("em đang ở nhà một mình", StringComparison.Ordinal) == true);
    }

    private async Task<HttpResponseMessage> OperatorAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return await _host.Client.SendAsync(request);
    }
}
