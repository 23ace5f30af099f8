using System.Net;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Tests.Escalation;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Observability;

/// <summary>/readyz (every check, the outbox backlog included), /livez, and /healthz keeping its contract (index and
/// database only).</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_fresh_host_is_ready_with_the_index_the_database_and_an_empty_outbox()
    {
        var host = BotTestHost.Start();
        try
        {
            host.WaitForKnowledge();
            var (status, body) = await ReadyAsync(host);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("Healthy", (string)body["status"]!);
            var checks = body["checks"]!.AsObject();
            Assert.Equal(["database", "knowledge", "outbox"], checks.Select(c => c.Key).Order());
            Assert.All(checks, c => Assert.Equal("Healthy", (string)c.Value!["status"]!));
            Assert.Equal(0, (int)checks["outbox"]!["data"]!["pending"]!);

            Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/livez")).StatusCode);
            Assert.Equal("Healthy", await host.Client.GetStringAsync("/healthz"));
        }
        finally
        {
            await host.DisposeAsync();
            host.Folder.Dispose();
        }
    }

    [Fact]
    public async Task An_undelivered_notification_degrades_readiness_but_leaves_healthz_and_the_service_up()
    {
        await using var harness = await EscalationHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Observability:Readiness:OutboxDegradedPending"] = "1",
        }, startWebhook: false, operatorChannel: false);
        harness.Host.WaitForKnowledge();
        Assert.Contains("111", Assert.Single(await harness.User().SayAsync(EscalationHarness.Disclosure)).Text);

        var (status, body) = await ReadyAsync(harness.Host);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string)body["status"]!);
        Assert.Equal("Degraded", (string)body["checks"]!["outbox"]!["status"]!);
        Assert.True((int)body["checks"]!["outbox"]!["data"]!["pending"]! >= 1);
        Assert.Equal(HttpStatusCode.OK, (await harness.Host.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task With_an_unhealthy_threshold_the_backlog_makes_readyz_503_and_healthz_stays_200()
    {
        await using var harness = await EscalationHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Observability:Readiness:OutboxUnhealthyPending"] = "1",
        }, startWebhook: false, operatorChannel: false);
        harness.Host.WaitForKnowledge();
        await harness.User().SayAsync(EscalationHarness.Disclosure);

        var (status, body) = await ReadyAsync(harness.Host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string)body["checks"]!["outbox"]!["status"]!);
        Assert.Equal("Healthy", (string)body["checks"]!["database"]!["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await harness.Host.Client.GetAsync("/healthz")).StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> ReadyAsync(BotTestHost host)
    {
        using var response = await host.Client.GetAsync("/readyz");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
