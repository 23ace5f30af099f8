using ActionMonth.Bot.Tests.Escalation;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Postgres;

/// <summary>Two host processes on one PostgreSQL database; one is killed outright (SIGKILL) while it is delivering
/// case notifications: the other takes its outbox rows over when their leases run out, every case reaches the
/// hotline, and the killed host's conversations continue on the survivor.</summary>
public sealed class HostCrashTests
{
    [SkippableFact]
    public async Task Killing_one_of_two_hosts_mid_delivery_loses_no_case_and_no_notification()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var webhook = await LoopbackServer.StartNewAsync();
        var hang = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Until released, the hotline's system never answers: every delivery is in flight when the host dies.
        webhook.Responder = _ => hang.Task;
        await using var connector = await LoopbackServer.StartNewAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = database.ConnectionString,
            ["Escalation:WebhookUrl"] = webhook.BaseUrl + "/hotline/cases",
            ["Escalation:WebhookSecret"] = EscalationHarness.Secret,
            ["Escalation:OperatorApiKey"] = EscalationHarness.ApiKey,
            ["Escalation:WebhookTimeoutSeconds"] = "60",
            ["Escalation:Outbox:PollSeconds"] = "0.2",
            // Longer than the deliveries hang before the kill (a lease that ran out would be re-sent by design, under the
            // same key), short enough for a quick takeover.
            ["Escalation:Outbox:LeaseSeconds"] = "10",
        };
        using var folderA = new TestFolder();
        using var folderB = new TestFolder();
        await using var a = HostProcess.Start(folderA, settings);
        // B's dispatcher looks at the outbox only every 5 s, so the disclosures made on A are in A's hands at the kill.
        await using var b = HostProcess.Start(folderB, new Dictionary<string, string>(settings) { ["Escalation:Outbox:PollSeconds"] = "5" });
        await Task.WhenAll(a.WaitUntilReadyAsync(EscalationHarness.ApiKey, TimeSpan.FromSeconds(120)),
            b.WaitUntilReadyAsync(EscalationHarness.ApiKey, TimeSpan.FromSeconds(120)));

        var conversations = Enumerable.Range(0, 4).Select(i => $"conv-kill-{i}-{Guid.NewGuid():N}"[..24]).ToList();
        var caseIds = new List<string>();
        for (var i = 0; i < conversations.Count; i++)
        {
            var replies = await CrashRecoveryTests.SayAsync(a, conversations[i], connector.BaseUrl, EscalationHarness.Disclosure);
            caseIds.Add(EscalationFlowTests.CaseIdOf(Assert.Single(replies)));
        }
        // Host A holds the lease of at least one row, its delivery hanging.
        var heldByA = new List<string>();
        await Eventually.TrueAsync(async () =>
        {
            heldByA.Clear();
            foreach (var caseId in caseIds)
            {
                if (await database.ScalarAsync<long>(
                        "SELECT COUNT(*) FROM escalation_outbox WHERE case_id = @c AND delivered_at IS NULL AND locked_by LIKE @p",
                        ("c", caseId), ("p", $"%/{a.ProcessId}/%")) > 0)
                    heldByA.Add(caseId);
            }
            return heldByA.Count > 0 && webhook.Requests.Count > 0;
        }, TimeSpan.FromSeconds(30), "host A delivering when it is killed");

        await a.KillAsync();
        webhook.Responder = _ => Task.FromResult((200, "{}"));
        hang.TrySetResult((200, "{}"));

        await Eventually.TrueAsync(async () => await database.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_outbox WHERE delivered_at IS NULL") == 0,
            TimeSpan.FromSeconds(60), "every notification delivered after the kill");
        Assert.Equal(caseIds.Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_case WHERE status = 'notified'"));
        foreach (var caseId in caseIds)
        {
            var deliveries = webhook.Requests.Where(r => r.Header("Idempotency-Key") == caseId).ToList();
            // Once, or twice under the same key and body when the first attempt died with host A.
            Assert.InRange(deliveries.Count, 1, 2);
            Assert.All(deliveries, d => Assert.Equal(deliveries[0].BodyText, d.BodyText));
        }
        // What host A had in flight, host B delivered.
        foreach (var caseId in heldByA)
            Assert.Contains(b.Output, l => l.Contains($"Delivered CaseOpened of case {caseId} to webhook", StringComparison.Ordinal));

        // A child who disclosed on the killed host writes again: the survivor relays it to the same case (and answers).
        var later = await CrashRecoveryTests.SayAsync(b, conversations[0], connector.BaseUrl, "em vẫn ở đây");
        Assert.Contains("cũng đã chuyển", later[0].Text);
        Assert.Equal(caseIds[0], EscalationFlowTests.CaseIdOf(later[0]));
    }
}
