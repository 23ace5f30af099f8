using System.Net.Http.Headers;
using System.Text;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>The host killed outright (a separate process, SIGKILL) after a case is stored and before its
/// notification went through: the next host on the same database delivers it.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task A_case_stored_by_a_host_killed_mid_delivery_is_delivered_after_restart_under_the_same_idempotency_key()
    {
        using var folder = new TestFolder();
        await using var webhook = await LoopbackServer.StartNewAsync();
        var hang = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first host's delivery never gets an answer: it is cut off mid-flight by the kill.
        webhook.Responder = _ => hang.Task;
        var connector = await LoopbackServer.StartNewAsync();
        var settings = new Dictionary<string, string>
        {
            ["Escalation:WebhookUrl"] = webhook.BaseUrl + "/hotline/cases",
            ["Escalation:WebhookSecret"] = EscalationHarness.Secret,
            ["Escalation:OperatorApiKey"] = EscalationHarness.ApiKey,
            ["Escalation:WebhookTimeoutSeconds"] = "60",
            ["Escalation:Outbox:PollSeconds"] = "0.2",
            ["Escalation:Outbox:LeaseSeconds"] = "3",
        };

        string caseId;
        string conversationId = "conv-crash-" + Guid.NewGuid().ToString("N")[..8];
        await using (var first = HostProcess.Start(folder, settings))
        {
            await first.WaitUntilReadyAsync(EscalationHarness.ApiKey, TimeSpan.FromSeconds(90));
            var replies = await SayAsync(first, conversationId, connector.BaseUrl, EscalationHarness.Disclosure);
            var safety = Assert.Single(replies);
            Assert.Contains("111", safety.Text);
            caseId = EscalationFlowTests.CaseIdOf(safety);

            var inFlight = await webhook.WaitForAsync(r => r.Header("Idempotency-Key") == caseId, TimeSpan.FromSeconds(30), "the first delivery");
            Assert.True(WebhookCall.From(inFlight).SignatureValid);
            await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.DatabaseFile};Pooling=False"))
            {
                await db.OpenAsync();
                await using var check = db.CreateCommand();
                check.CommandText = "SELECT COUNT(*) FROM escalation_outbox WHERE case_id = $c AND delivered_at IS NULL AND locked_by IS NOT NULL";
                check.Parameters.AddWithValue("$c", caseId);
                Assert.Equal(1L, (long)(await check.ExecuteScalarAsync())!);
            }

            await first.KillAsync();
            Assert.True(first.HasExited);
            Assert.DoesNotContain(first.Output, l => l.Contains("sờ vào người em") || l.Contains("so vao nguoi em"));
        }

        // The hotline's system answers again; a new host starts on the same database.
        webhook.Responder = _ => Task.FromResult((200, "{}"));
        hang.TrySetResult((200, "{}"));
        await using var second = HostProcess.Start(folder, settings);
        await second.WaitUntilReadyAsync(EscalationHarness.ApiKey, TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(async () => await StatusAsync(second, caseId) == "notified", TimeSpan.FromSeconds(60),
            "the case notified by the restarted host");

        var deliveries = webhook.Requests.Where(r => r.Header("Idempotency-Key") == caseId).ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.True(WebhookCall.From(d).SignatureValid));
        Assert.Equal(deliveries[0].BodyText, deliveries[1].BodyText);
        Assert.Contains(second.Output, l => l.Contains($"Delivered CaseOpened of case {caseId} to webhook"));

        // The conversation is still routed to the case by the new host (relayed, said so first, then answered).
        var later = await SayAsync(second, conversationId, connector.BaseUrl, "em vẫn ở đây");
        Assert.Contains("cũng đã chuyển", later[0].Text);
        Assert.All(later, r => Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(r)));
    }

    internal static async Task<IReadOnlyList<Activity>> SayAsync(HostProcess host, string conversationId, string serviceUrl, string text)
    {
        var activity = new JObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "webchat",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JObject { ["id"] = "user-crash", ["name"] = "User" },
            ["recipient"] = new JObject { ["id"] = "bot" },
            ["conversation"] = new JObject { ["id"] = conversationId },
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "vi-VN",
            ["text"] = text,
        };
        using var content = new StringContent(activity.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/api/messages", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/messages: {(int)response.StatusCode} {body}\n{string.Join('\n', host.Output.TakeLast(30))}");
        return JsonConvert.DeserializeObject<ExpectedReplies>(body)!.Activities.Where(a => a.Type == ActivityTypes.Message).ToList();
    }

    internal static async Task<string?> StatusAsync(HostProcess host, string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EscalationHarness.ApiKey);
        using var response = await host.Client.SendAsync(request);
        if (!response.IsSuccessStatusCode) return null;
        return JObject.Parse(await response.Content.ReadAsStringAsync())["case"]?["status"]?.ToString();
    }
}
