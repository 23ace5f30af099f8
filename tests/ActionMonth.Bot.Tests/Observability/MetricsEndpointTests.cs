using System.Net;
using System.Net.Http.Headers;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Observability;

/// <summary>/metrics (Observability:MetricsPath): absent without Observability:MetricsApiKey, behind the bearer key
/// with one, and holding the bot's counters with bounded labels only.</summary>
public sealed class MetricsEndpointTests
{
    private const string MetricsKey = "metrics-key-for-tests-0123456789abcdef";
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const string Question = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";

    [Fact]
    public async Task Without_a_key_there_is_no_metrics_endpoint()
    {
        var host = BotTestHost.Start();
        try
        {
            using var response = await host.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var withAnyKey = await SendAsync(host, "anything");
            Assert.Equal(HttpStatusCode.NotFound, withAnyKey.StatusCode);
        }
        finally
        {
            await host.DisposeAsync();
            host.Folder.Dispose();
        }
    }

    [Fact]
    public async Task With_a_key_a_missing_or_wrong_key_gets_401_and_the_right_one_the_bot_s_counters_without_text()
    {
        var host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["Observability:MetricsApiKey"] = MetricsKey,
            ["Escalation:OperatorApiKey"] = "operator-key-for-the-metrics-tests-0123456789",
            ["Hardening:RateLimits:Search:Burst"] = "1",
            ["Hardening:RateLimits:Search:PerMinute"] = "1",
        });
        try
        {
            foreach (var key in new string?[] { null, "wrong", MetricsKey + "x", "" })
            {
                using var refused = await SendAsync(host, key);
                Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"key '{key}': {(int)refused.StatusCode}");
                Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.ToString());
                Assert.DoesNotContain("actionmonth", await refused.Content.ReadAsStringAsync());
            }

            host.WaitForKnowledge();
            var parent = host.Conversation();
            await parent.JoinAsync();
            await parent.SayAsync("Tôi là phụ huynh");
            await parent.SayAsync(Question);
            var child = host.Conversation();
            Assert.Contains("111", Assert.Single(await child.SayAsync(Disclosure)).Text);
            await host.Client.GetAsync("/api/search?q=quyền trẻ em");
            Assert.Equal(HttpStatusCode.TooManyRequests, (await host.Client.GetAsync("/api/search?q=quyền trẻ em")).StatusCode);

            using var response = await SendAsync(host, MetricsKey);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            var lines = text.Split('\n');

            Assert.Contains(lines, l => l.StartsWith("actionmonth_activities_total{", StringComparison.Ordinal)
                                        && l.Contains("channel=\"webchat\"") && l.Contains("type=\"message\""));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_turn_duration_seconds_bucket{", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_answers_total{", StringComparison.Ordinal) && l.Contains("confidence=\""));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_escalations_total{", StringComparison.Ordinal)
                                        && l.Contains("level=\"urgent\"") && l.Contains("outcome=\"stored\""));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_safety_assessments_total{", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_search_duration_seconds_count{", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_rate_limit_rejections_total{", StringComparison.Ordinal)
                                        && l.Contains("policy=\"search\""));
            Assert.Contains(lines, l => l.StartsWith("actionmonth_outbox_pending", StringComparison.Ordinal));

            // No text, conversation or user id in any label.
            foreach (var secret in new[] { "hàng xóm", "bạo hành", "quyền", parent.ConversationId, child.ConversationId, parent.UserId, MetricsKey })
                Assert.DoesNotContain(secret, text);
        }
        finally
        {
            await host.DisposeAsync();
            host.Folder.Dispose();
        }
    }

    private static Task<HttpResponseMessage> SendAsync(BotTestHost host, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return host.Client.SendAsync(request);
    }
}
