using System.Net;
using ActionMonth.Bot.Safety;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>What happens when the webhook target or the database fails.</summary>
public sealed class EscalationFaultTests
{
    [Fact]
    public async Task The_webhook_target_down_for_a_while_gets_the_case_once_it_is_back()
    {
        await using var harness = await EscalationHarness.StartAsync(startWebhook: false);
        var child = harness.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));

        // Down: connection refused, retried with backoff; the case stays "new" until the hotline's system has it…
        await Eventually.TrueAsync(async () => await harness.CountAsync(
                "SELECT COUNT(*) FROM escalation_outbox WHERE case_id = $c AND destination = 'webhook' AND attempts >= 3 AND delivered_at IS NULL",
                ("$c", caseId)) == 1, TimeSpan.FromSeconds(20), "three failed attempts");
        Assert.Contains(harness.Host.Logs.Lines, l => l.StartsWith("Error") && l.Contains("Notification not delivered") && l.Contains(caseId)
                                                       && l.Contains("to webhook") && l.Contains("attempt 3"));

        // …then up but failing with 503 twice, then answering.
        var answers = 0;
        harness.Webhook.Responder = _ => Task.FromResult(Interlocked.Increment(ref answers) <= 2 ? (503, "{}") : (200, "{}"));
        await harness.Webhook.StartAsync();
        await Eventually.TrueAsync(async () => await harness.CountAsync(
                "SELECT COUNT(*) FROM escalation_outbox WHERE case_id = $c AND destination = 'webhook' AND delivered_at IS NOT NULL",
                ("$c", caseId)) == 1, TimeSpan.FromSeconds(20), "delivery after the outage");

        var calls = harness.WebhookCalls;
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal((caseId, "caseOpened", caseId, true), (c.CaseId, c.Event, c.IdempotencyKey!, c.SignatureValid)));
        Assert.Contains(harness.Host.Logs.Lines, l => l.Contains("Notification not delivered") && l.Contains("status 503"));
        Assert.Contains(harness.Host.Logs.Lines, l => l.Contains($"Delivered CaseOpened of case {caseId} to webhook"));
        // The operators' chat was not held back by the webhook's outage, and the case became "notified" with it.
        Assert.Single(harness.Operators.Received);
        Assert.Equal("notified", await harness.CaseStatusAsync(caseId));
        await Task.Delay(500);
        Assert.Equal(3, harness.Webhook.Requests.Count);
    }

    [Fact]
    public async Task With_the_database_locked_the_safety_reply_with_111_still_goes_out_and_the_case_is_stored_once_it_is_free()
    {
        await using var harness = await EscalationHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Escalation:CaseStoreBudgetMilliseconds"] = "1500",
        });
        var child = harness.User();
        await child.SayAsync("xin chào"); // the database exists and is migrated

        await using var holder = new SqliteConnection($"Data Source={harness.DatabaseFile};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var started = DateTime.UtcNow;
        var turn = child.PostWithoutExpectRepliesAsync(EscalationHarness.Disclosure);
        var safety = await harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("111"), "the safety reply",
            TimeSpan.FromSeconds(15));
        var took = DateTime.UtcNow - started;
        Assert.True(took < TimeSpan.FromSeconds(10), $"the safety reply took {took.TotalSeconds:F1} s");
        Assert.NotEmpty(safety.Attachments);
        // Nobody has been told yet, and the reply does not pretend otherwise.
        Assert.Contains("không tự gọi ai được", safety.Text);
        Assert.DoesNotContain(safety.Entities ?? [], e => e.Type == EscalationEntity.EntityType);
        var error = Assert.Single(harness.Host.Logs.Lines, l => l.Contains("ESCALATION CASE NOT STORED YET"));
        Assert.StartsWith("Error", error);
        Assert.Contains(child.ConversationId, error);

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        var (status, _) = await turn;
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"status {status}");

        var caseId = await Eventually.ValueAsync(() => harness.WebhookCalls.FirstOrDefault(c => c.Event == "caseOpened")?.CaseId,
            TimeSpan.FromSeconds(30), "the case on the webhook after the lock");
        Assert.Contains(caseId, error);
        Assert.Equal(1, await harness.CountAsync("SELECT COUNT(*) FROM escalation_case WHERE conversation_id = $v", ("$v", child.ConversationId)));
        Assert.DoesNotContain(harness.Host.Logs.Lines, l => l.Contains("sờ vào người em") || l.Contains("so vao nguoi em"));
    }

    [Fact]
    public async Task When_writing_the_case_fails_the_reply_still_goes_out_in_the_same_turn_and_the_case_is_retried_until_it_is_stored()
    {
        await using var harness = await EscalationHarness.StartAsync();
        var child = harness.User();
        await child.SayAsync("xin chào");
        // Every insert of a case fails, as it would with a full disk.
        await harness.CountAsync("""
            CREATE TRIGGER test_full BEFORE INSERT ON escalation_case BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
            SELECT 0;
            """);

        var disclosure = child.Message(EscalationHarness.Disclosure);
        var safety = Assert.Single(await child.SendAsync(disclosure));
        Assert.Contains("111", safety.Text);
        Assert.Contains("không tự gọi ai được", safety.Text);
        Assert.Contains(harness.Host.Logs.Lines, l => l.StartsWith("Error") && l.Contains("ESCALATION CASE NOT STORED YET") && l.Contains("SqliteException"));
        await Eventually.TrueAsync(() => Task.FromResult(harness.Host.Logs.Lines.Any(l => l.Contains("still not stored, attempt 1"))),
            TimeSpan.FromSeconds(10), "a retry");

        // The same activity again while the case waits in memory: the safety reply again, but no second case.
        Assert.Contains("111", Assert.Single(await child.SendAsync((Newtonsoft.Json.Linq.JObject)disclosure.DeepClone())).Text);
        Assert.Contains(harness.Host.Logs.Lines, l => l.Contains("arrived again while its case"));
        await harness.CountAsync("DROP TRIGGER test_full; SELECT 0;");
        var caseId = await Eventually.ValueAsync(() => harness.WebhookCalls.FirstOrDefault(c => c.Event == "caseOpened")?.CaseId,
            TimeSpan.FromSeconds(30), "the case on the webhook once writes work again");
        Assert.Equal(1, await harness.CountAsync("SELECT COUNT(*) FROM escalation_case"));
        Assert.Contains(harness.Host.Logs.Lines, l => l.Contains($"Escalation case {caseId}") && l.Contains("stored late"));

        // Once stored, the conversation is routed to the operators like any other.
        var replies = await child.SayAsync("em vẫn ở đây");
        Assert.Contains("cũng đã chuyển", replies[0].Text);
        Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(replies[0]));
        Assert.Equal(1, await harness.CountAsync("SELECT COUNT(*) FROM escalation_message WHERE case_id = $c AND direction = 'user'", ("$c", caseId)));
    }
}
