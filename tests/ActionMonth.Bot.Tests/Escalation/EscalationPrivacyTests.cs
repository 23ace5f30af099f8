using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActionMonth.Bot.Tests.Escalation;

public sealed class EscalationPrivacyTests
{
    [Fact]
    public async Task A_whole_escalated_conversation_leaves_no_message_text_in_the_logs_even_with_text_sent_to_the_webhook()
    {
        await using var harness = await EscalationHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Escalation:IncludeTextInWebhook"] = "true",
        });
        var child = harness.User();
        string[] userMessages =
        [
            EscalationHarness.Disclosure,
            "chú ấy tên là Hùng ở nhà số bảy",
            "số điện thoại của mẹ em là 0912 345 678",
        ];
        const string operatorMessage = "Cô nghe em rồi, em có an toàn không";

        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(userMessages[0])));
        await harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" });
        await harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/messages", new { operatorId = "op-lan", text = operatorMessage });
        await child.SayAsync(userMessages[1]);
        await child.SayAsync(userMessages[2]);
        await harness.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}?includeText=true&operatorId=op-lan");
        await harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/close", new { operatorId = "op-lan" });
        await harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("đã kết thúc"), "the closing message");
        var userMessageCalls = await Eventually.ValueAsync(() =>
        {
            var calls = harness.WebhookCalls.Where(c => c.Event == "userMessage").ToList();
            return calls.Count == 2 ? calls : null;
        }, TimeSpan.FromSeconds(15), "both user messages on the webhook");

        // With IncludeTextInWebhook the hotline's system gets the excerpt and the messages, each under its own key.
        Assert.Equal(userMessages[0], harness.WebhookCalls.Single(c => c.Event == "caseOpened").Text);
        Assert.Equal(userMessages[1..], userMessageCalls.Select(c => c.Text));
        Assert.All(userMessageCalls, c => Assert.StartsWith($"{caseId}:userMessage:", c.IdempotencyKey));
        Assert.Equal(2, userMessageCalls.Select(c => c.IdempotencyKey).Distinct().Count());

        var logs = harness.Host.Logs.Lines;
        Assert.Contains(logs, l => l.Contains($"Escalation case {caseId} Created"));
        Assert.Contains(logs, l => l.Contains("Operator op-lan claim on case"));
        foreach (var text in userMessages.Append(operatorMessage))
        {
            foreach (var fragment in Fragments(text))
                Assert.DoesNotContain(logs, l => l.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        }
        Assert.DoesNotContain(logs, l => l.Contains("0912"));
        Assert.DoesNotContain(logs, l => l.Contains("Hùng"));
    }

    [Fact]
    public async Task Two_dispatchers_never_take_the_same_outbox_row_and_a_dead_dispatchers_rows_are_taken_over_after_its_lease()
    {
        using var folder = new TestFolder();
        var database = new SqliteDatabase($"Data Source={folder.DatabaseFile}", folder.Path,
            StateSchemaAndEscalation(), NullLogger<SqliteDatabase>.Instance);
        var routing = new NotificationRouting([new RecordingOperatorChannel()]);
        var cases = new SqliteCaseStore(database, routing);
        var outbox = new SqliteOutboxStore(database);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 40; i++)
        {
            await cases.OpenCaseAsync(new CaseDraft($"case-{i}", $"webchat|conv-{i}|a", "a", "webchat", $"conv-{i}", "{}",
                ActionMonth.Knowledge.Safety.DisclosureLevel.Urgent, ActionMonth.Knowledge.Safety.DisclosureCategory.SexualAbuse,
                ActionMonth.Knowledge.Safety.Reporter.Child, ["cue"], "vi", now, "x", "x"), CancellationToken.None);
        }

        var takers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
            (Owner: $"owner-{n}", Items: await outbox.LeaseAsync($"owner-{n}", now, now.AddMinutes(1), 15, CancellationToken.None)))).ToArray();
        var leases = await Task.WhenAll(takers);
        var taken = leases.SelectMany(l => l.Items).ToList();
        Assert.Equal(40, taken.Count);
        Assert.Equal(40, taken.Select(t => t.Id).Distinct().Count());
        Assert.Empty(await outbox.LeaseAsync("late", now, now.AddMinutes(1), 50, CancellationToken.None));

        // The owners die; after their lease another dispatcher takes the rows, and a dead owner's late outcome is refused.
        var later = now.AddMinutes(2);
        var retaken = await outbox.LeaseAsync("survivor", later, later.AddMinutes(1), 100, CancellationToken.None);
        Assert.Equal(40, retaken.Count);
        var (deadOwner, deadItems) = leases.First(l => l.Items.Count > 0);
        Assert.False(await outbox.CompleteAsync(deadItems[0], deadOwner, later, null, CancellationToken.None));
        Assert.False(await outbox.FailAsync(deadItems[0], deadOwner, later, "late", CancellationToken.None));
        Assert.True(await outbox.CompleteAsync(retaken.Single(r => r.Id == deadItems[0].Id), "survivor", later, null, CancellationToken.None));
        Assert.Equal(39, (await outbox.BacklogAsync(CancellationToken.None)).Pending);
        Assert.Equal("notified", (await cases.GetAsync(deadItems[0].Case.CaseId, false, CancellationToken.None))!.Status.ToString().ToLowerInvariant());
    }

    private static IEnumerable<SchemaMigration> StateSchemaAndEscalation() => StateSchema.Migrations.Concat(EscalationSchema.Migrations);

    private static IEnumerable<string> Fragments(string message)
    {
        var words = message.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 3 <= words.Length; i++)
        {
            var fragment = string.Join(' ', words[i..(i + 3)]);
            yield return fragment;
            yield return ActionMonth.Knowledge.Text.VietnameseText.Fold(fragment);
        }
    }
}
