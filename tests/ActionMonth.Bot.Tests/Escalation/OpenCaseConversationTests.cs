using System.Net;
using System.Text.Json;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Tests.Postgres;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>
/// What happens in a conversation after its case is open, through the real host (QA round 2, H3, H4, M1): a graver
/// disclosure or a new category is told to the hotline and the operators (caseEscalated, categories added); while
/// nobody has claimed the case the user's messages are relayed AND answered; a claimed case talks to its operator only;
/// after the claim timeout nobody is said to have the message; "không cần tư vấn viên" is honoured; an unclaimed case
/// expires. Every test observes the webhook, the operators' channel, the replies and the operator API only, so it
/// runs the same on SQLite and on PostgreSQL (the two subclasses).
/// </summary>
public abstract class OpenCaseConversationTests
{
    private protected abstract Task<(EscalationHarness Harness, IAsyncDisposable? Database)> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null);

    [SkippableFact]
    public async Task A_graver_disclosure_in_an_open_case_reaches_the_webhook_and_the_operators_as_caseEscalated_with_both_categories()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await h.WaitForWebhookAsync(caseId, "caseOpened");

        var safety = Assert.Single(await child.SayAsync(EscalationHarness.Bleeding));
        Assert.Contains("113", safety.Text);
        Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(safety));
        Assert.Equal("emergency", (string)EscalationFlowTests.EscalationEntityOf(safety).Properties["level"]!);

        var call = await h.WaitForWebhookAsync(caseId, "caseEscalated");
        Assert.True(call.SignatureValid);
        Assert.Equal(("emergency", "sexualAbuse"), (call.Level, call.Category));
        Assert.Equal(["sexualAbuse", "otherDanger"], Categories(call.Json));
        Assert.StartsWith($"{caseId}:caseEscalated:", call.IdempotencyKey);
        Assert.Null(call.Text);
        var alert = await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.CaseEscalated, "the operators' alert");
        Assert.Equal(EscalationHarness.Bleeding, alert.Text);
        Assert.Equal(DisclosureLevel.Emergency, alert.Level);
        Assert.Equal([DisclosureCategory.SexualAbuse, DisclosureCategory.OtherDanger], alert.AllCategories);

        var (_, detail) = await h.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}");
        var stored = detail.GetProperty("case");
        Assert.Equal(("emergency", "sexualAbuse"), (stored.GetProperty("level").GetString(), stored.GetProperty("category").GetString()));
        Assert.Equal(["sexualAbuse", "otherDanger"], Categories(stored));
        // The disclosure is told once, as the escalation, not also as a plain user message.
        await Task.Delay(500);
        Assert.DoesNotContain(h.WebhookCalls, c => c.Event == "userMessage");
    }

    [SkippableFact]
    public async Task Self_harm_joining_a_case_at_the_same_level_is_an_escalation_told_once_however_often_the_activity_arrives()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));

        var suicidal = child.Message(EscalationHarness.Suicidal);
        await Task.WhenAll(child.SendAsync(suicidal), child.SendAsync((Newtonsoft.Json.Linq.JObject)suicidal.DeepClone()));
        await child.SendAsync((Newtonsoft.Json.Linq.JObject)suicidal.DeepClone());
        var call = await h.WaitForWebhookAsync(caseId, "caseEscalated");
        Assert.Equal(("urgent", "sexualAbuse"), (call.Level, call.Category));
        Assert.Equal(["sexualAbuse", "selfHarm"], Categories(call.Json));

        // The same words in a new message add nothing new: a plain (text-less) user message, no second escalation.
        await child.SayAsync(EscalationHarness.Suicidal);
        await h.WaitForWebhookAsync(caseId, "userMessage");
        await Task.Delay(500);
        Assert.Single(h.WebhookCalls, c => c.Event == "caseEscalated");
        Assert.Single(h.Operators.Received, n => n.Kind == NotificationKind.CaseEscalated);
        Assert.Equal(2, (await MessagesAsync(h, caseId)).Count);
    }

    [SkippableFact]
    public async Task While_nobody_has_claimed_the_case_a_message_is_relayed_and_the_bot_answers_it_too_including_the_safety_buttons()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));

        const string question = "giáo viên phải báo cho ai?";
        var replies = await child.SayAsync(question);
        Assert.True(replies.Count >= 2, $"the line and an answer, got {replies.Count}");
        Assert.Contains("cũng đã chuyển tin nhắn này cho tư vấn viên", replies[0].Text);
        Assert.Contains("111", replies[0].Text);
        Assert.All(replies, r => Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(r)));
        Assert.DoesNotContain("cũng đã chuyển", replies[^1].Text);

        var relayed = await h.Operators.WaitForAsync(n => n.Kind == NotificationKind.UserMessage, "the relayed question");
        Assert.Equal(question, relayed.Text);
        Assert.Null((await h.WaitForWebhookAsync(caseId, "userMessage")).Text);

        // The safety reply's own buttons work as without escalation.
        var safe = await child.SayAsync("Em đang an toàn");
        Assert.Contains(safe, r => r.Text?.Contains("Mình mừng vì em đang an toàn") == true);
        var more = await child.SayAsync("Em muốn hỏi thêm");
        Assert.Contains(more, r => r.Text?.Contains("cứ hỏi") == true);
        Assert.Equal([question, "Em đang an toàn", "Em muốn hỏi thêm"], (await MessagesAsync(h, caseId)).Select(m => m.Text));
    }

    [SkippableFact]
    public async Task Once_claimed_a_message_goes_to_the_operator_only()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        Assert.Equal(HttpStatusCode.OK, (await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" })).Status);

        var ack = Assert.Single(await child.SayAsync("giáo viên phải báo cho ai?"));
        Assert.Contains("tư vấn viên đang nói chuyện với em", ack.Text);
        Assert.DoesNotContain(ack.Entities ?? [], e => e.Type == "actionmonth/citation");
        // Declining goes to the person too, who reads it and closes the case themselves.
        Assert.Contains("tư vấn viên đang nói chuyện với em", Assert.Single(await child.SayAsync("thôi, không cần tư vấn viên")).Text);
        Assert.Equal(2, (await MessagesAsync(h, caseId)).Count);
        Assert.DoesNotContain(h.WebhookCalls, c => c.Event == "userDeclined");
    }

    [SkippableFact]
    public async Task After_the_claim_timeout_nobody_is_said_to_have_the_message_and_the_question_is_answered()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        h.Clock.Advance(TimeSpan.FromMinutes(6));
        await h.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("chưa có tư vấn viên"), "the claim timeout notice");

        var replies = await child.SayAsync("giáo viên phải báo cho ai?");
        Assert.True(replies.Count >= 2, $"the line and an answer, got {replies.Count}");
        Assert.Contains("chưa có tư vấn viên nào ở đây", replies[0].Text);
        Assert.Contains("gọi ngay 111", replies[0].Text);
        Assert.All(replies, r => Assert.DoesNotContain("đã chuyển", r.Text ?? string.Empty));
        // Still kept for an operator who claims late.
        Assert.Single(await MessagesAsync(h, caseId));
        Assert.Contains("gọi ngay 111", Assert.Single(await child.SayAsync("Kết nối với tư vấn viên")).Text);
    }

    [SkippableFact]
    public async Task Declining_a_counsellor_is_honoured_the_operators_are_told_and_asking_for_one_again_resumes()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));

        var declined = Assert.Single(await child.SayAsync("thôi, không cần tư vấn viên"));
        Assert.Contains("sẽ không chuyển tin nhắn của em cho tư vấn viên nữa", declined.Text);
        Assert.Contains("111", declined.Text);
        var note = await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.UserDeclined, "the decline for operators");
        Assert.Equal("thôi, không cần tư vấn viên", note.Text);
        Assert.Null((await h.WaitForWebhookAsync(caseId, "userDeclined")).Text);
        var (_, detail) = await h.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.Equal(JsonValueKind.String, detail.GetProperty("case").GetProperty("declinedAt").ValueKind);
        Assert.Contains(detail.GetProperty("case").GetProperty("status").GetString(), new[] { "new", "notified" });

        // Answered as usual: no line, no case marker, nothing relayed.
        var answer = await child.SayAsync("giáo viên phải báo cho ai?");
        Assert.NotEmpty(answer);
        Assert.All(answer, r => Assert.DoesNotContain("chuyển tin nhắn", r.Text ?? string.Empty));
        Assert.All(answer, r => Assert.DoesNotContain(r.Entities ?? [], e => e.Type == EscalationEntity.EntityType));
        Assert.Single(await MessagesAsync(h, caseId));

        // Asking for a counsellor again ends the decline.
        var asked = Assert.Single(await child.SayAsync("Kết nối với tư vấn viên"));
        Assert.Contains("em muốn nói chuyện", asked.Text);
        Assert.Contains("cũng đã chuyển", (await child.SayAsync("em vẫn ở đây"))[0].Text);
        Assert.Equal(3, (await MessagesAsync(h, caseId)).Count);
        (_, detail) = await h.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("case").GetProperty("declinedAt").ValueKind);
    }

    [SkippableFact]
    public async Task A_disclosure_after_a_decline_is_told_to_the_operators_and_the_relay_resumes()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        Assert.Contains("sẽ không chuyển", Assert.Single(await child.SayAsync("không cần tư vấn viên nữa")).Text);

        var safety = Assert.Single(await child.SayAsync(EscalationHarness.Suicidal));
        Assert.Contains("111", safety.Text);
        Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(safety));
        Assert.Equal(["sexualAbuse", "selfHarm"], Categories((await h.WaitForWebhookAsync(caseId, "caseEscalated")).Json));
        Assert.Contains("cũng đã chuyển", (await child.SayAsync("em vẫn ở đây"))[0].Text);
        Assert.Equal(["không cần tư vấn viên nữa", EscalationHarness.Suicidal, "em vẫn ở đây"],
            (await MessagesAsync(h, caseId)).Select(m => m.Text));
    }

    [SkippableFact]
    public async Task An_unclaimed_case_expires_after_the_configured_hours_stays_for_operators_and_the_conversation_is_answered_as_usual()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await h.WaitForWebhookAsync(caseId, "caseOpened");

        h.Clock.Advance(TimeSpan.FromHours(71));
        await Task.Delay(600);
        Assert.DoesNotContain(h.WebhookCalls, c => c.Event == "statusChanged");

        h.Clock.Advance(TimeSpan.FromHours(2));
        var expired = await Eventually.ValueAsync(() => h.WebhookCalls.FirstOrDefault(c => c.Event == "statusChanged" && c.Status == "expired"),
            TimeSpan.FromSeconds(20), "the expiry on the webhook");
        Assert.Equal($"{caseId}:status:expired", expired.IdempotencyKey);
        await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.StatusChanged && n.Status == CaseStatus.Expired,
            "the expiry for operators");

        var answer = await child.SayAsync("giáo viên phải báo cho ai?");
        Assert.All(answer, r => Assert.DoesNotContain(r.Entities ?? [], e => e.Type == EscalationEntity.EntityType));
        Assert.Empty(await MessagesAsync(h, caseId));
        var (_, list) = await h.CallApiAsync(HttpMethod.Get, "/api/cases?status=open");
        Assert.Contains(list.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetString() == caseId
                                                                         && c.GetProperty("status").GetString() == "expired");

        // A new disclosure opens a new case; the expired one can still be claimed by an operator arriving late.
        var newCase = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        Assert.NotEqual(caseId, newCase);
        var (claim, claimed) = await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.OK, claim);
        Assert.Equal("claimed", claimed.GetProperty("status").GetString());
    }

    [SkippableFact]
    public async Task An_unclaimed_case_the_user_keeps_writing_to_does_not_expire_expiry_counts_from_the_last_activity()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await h.WaitForWebhookAsync(caseId, "caseOpened");

        // 71 h after the disclosure the child writes again: the conversation is live, the case keeps taking it.
        h.Clock.Advance(TimeSpan.FromHours(71));
        var late = await child.SayAsync("em vẫn ở đây, không ai trả lời em");
        Assert.All(late, r => Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(r)));
        var (_, detail) = await h.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}");
        var lastActivity = detail.GetProperty("case").GetProperty("lastActivityAt").GetDateTimeOffset();
        Assert.True(lastActivity - detail.GetProperty("case").GetProperty("createdAt").GetDateTimeOffset() >= TimeSpan.FromHours(71),
            $"last activity {lastActivity:O} is the late message");
        Assert.NotNull((await h.WaitForWebhookAsync(caseId, "userMessage")).Json.GetProperty("lastActivityAt").GetString());

        // 73 h after opening, 2 h after the last message: still open and still relayed.
        h.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(600);
        Assert.DoesNotContain(h.WebhookCalls, c => c.Event == "statusChanged");
        Assert.All(await child.SayAsync("giáo viên phải báo cho ai?"), r => Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(r)));
        Assert.Equal(2, (await MessagesAsync(h, caseId)).Count);

        // 72 h of silence after that message: expired.
        h.Clock.Advance(TimeSpan.FromHours(73));
        await Eventually.ValueAsync(() => h.WebhookCalls.FirstOrDefault(c => c.Event == "statusChanged" && c.Status == "expired"),
            TimeSpan.FromSeconds(20), "the expiry after 72 h of silence");
        var answer = await child.SayAsync("giáo viên phải báo cho ai?");
        Assert.All(answer, r => Assert.DoesNotContain(r.Entities ?? [], e => e.Type == EscalationEntity.EntityType));
    }

    [SkippableFact]
    public async Task A_flood_is_relayed_at_most_N_times_a_minute_and_the_rest_together_with_every_message_stored_at_once()
    {
        await using var run = await RunAsync(new Dictionary<string, string?> { ["Escalation:RelayMaxPerMinute"] = "3" });
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.CaseOpened, "the case");

        var flood = Enumerable.Range(1, 10).Select(i => $"cứu em với {i}").ToList();
        foreach (var text in flood) Assert.NotEmpty(await child.SayAsync(text));

        // Every message is in the case at once, for the operator API.
        Assert.Equal(flood, (await MessagesAsync(h, caseId)).Select(m => m.Text));
        await Eventually.TrueAsync(() => Task.FromResult(h.Operators.Received.Count(n => n.Kind == NotificationKind.UserMessage) >= 3), TimeSpan.FromSeconds(20),
            "the first three relays");
        await Task.Delay(800);
        var relays = h.Operators.Received.Where(n => n.Kind == NotificationKind.UserMessage).ToList();
        Assert.Equal(flood.Take(3), relays.Select(n => n.Text));
        Assert.All(relays, n => Assert.Equal(1, n.MessageCount));
        Assert.Equal(3, h.WebhookCalls.Count(c => c.Event == "userMessage"));

        // The next minute opens: the seven held messages go out as one notification, in order, on both channels.
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        var together = await h.Operators.WaitForAsync(n => n.Kind == NotificationKind.UserMessage && n.MessageCount > 1, "the held messages");
        Assert.Equal(7, together.MessageCount);
        Assert.Equal(flood.Skip(3), together.MessageTexts);
        var call = await Eventually.ValueAsync(() => h.WebhookCalls.FirstOrDefault(c => c.Event == "userMessage" && c.Json.GetProperty("messageCount").GetInt32() > 1),
            TimeSpan.FromSeconds(20), "the held messages on the webhook");
        Assert.Equal(7, call.Json.GetProperty("messageCount").GetInt32());
        Assert.Null(call.Text);
        Assert.Matches($"^{caseId}:userMessage:[0-9a-f]+\\+6$", call.IdempotencyKey);
        await Task.Delay(500);
        Assert.Equal(4, h.Operators.Received.Count(n => n.Kind == NotificationKind.UserMessage));
        Assert.Equal(4, h.WebhookCalls.Count(c => c.Event == "userMessage"));
    }

    [SkippableFact]
    public async Task Once_a_counsellor_has_claimed_the_case_no_message_is_held_back_by_the_flood_cap()
    {
        await using var run = await RunAsync(new Dictionary<string, string?> { ["Escalation:RelayMaxPerMinute"] = "2" });
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        Assert.Equal(HttpStatusCode.OK, (await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" })).Status);

        var live = new[] { "chị ơi", "em đang ở nhà", "bố em vừa đi ra ngoài", "em sợ lắm", "em phải làm gì" };
        foreach (var text in live) await child.SayAsync(text);

        // No clock moves: a live chat gets every message at once, one notification each, in order.
        await Eventually.TrueAsync(() => Task.FromResult(h.Operators.Received.Count(n => n.CaseId == caseId && n.Kind == NotificationKind.UserMessage) >= live.Length),
            TimeSpan.FromSeconds(20), "every message of the live chat");
        var relays = h.Operators.Received.Where(n => n.CaseId == caseId && n.Kind == NotificationKind.UserMessage).ToList();
        Assert.Equal(live, relays.Select(n => n.Text));
        Assert.All(relays, n => Assert.Equal(1, n.MessageCount));
    }

    [SkippableFact]
    public async Task A_disclosure_during_a_flood_goes_out_at_once_and_takes_the_held_messages_with_it_in_order()
    {
        await using var run = await RunAsync(new Dictionary<string, string?> { ["Escalation:RelayMaxPerMinute"] = "2" });
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        foreach (var text in new[] { "một", "hai", "ba", "bốn" }) await child.SayAsync(text);
        await Eventually.TrueAsync(() => Task.FromResult(h.Operators.Received.Count(n => n.Kind == NotificationKind.UserMessage) >= 2), TimeSpan.FromSeconds(20),
            "the first two relays");
        await Task.Delay(600);
        Assert.Equal(2, h.Operators.Received.Count(n => n.Kind == NotificationKind.UserMessage));

        // No clock moves: the disclosure is not held, and the two held messages go out before it.
        Assert.Contains("111", Assert.Single(await child.SayAsync(EscalationHarness.Suicidal)).Text);
        var escalated = await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.CaseEscalated, "the escalation");
        Assert.Equal(EscalationHarness.Suicidal, escalated.Text);
        await h.WaitForWebhookAsync(caseId, "caseEscalated");
        var received = h.Operators.Received.Where(n => n.CaseId == caseId).ToList();
        var held = Assert.Single(received, n => n.Kind == NotificationKind.UserMessage && n.MessageCount == 2);
        Assert.Equal(["ba", "bốn"], held.MessageTexts);
        Assert.True(received.IndexOf(held) < received.IndexOf(escalated), "the held messages come before the escalation");
    }

    [SkippableFact]
    public async Task When_the_user_cannot_be_reached_the_operators_are_told_once_and_the_counsellors_words_still_arrive_later()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        var refusing = 1;
        h.Connector.Responder = _ => Task.FromResult(Volatile.Read(ref refusing) == 1
            ? (403, """{"error":{"code":"Forbidden","message":"bot blocked"}}""")
            : (200, """{"id":"1"}"""));
        Assert.Equal(HttpStatusCode.OK, (await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/messages",
            new { operatorId = "op-lan", text = "Chị đây, em ở đâu?" })).Status);

        var notice = await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.UserUnreachable, "the unreachable notice");
        Assert.Matches($"^{caseId}:userUnreachable:\\d+$", notice.NotificationId);
        var call = await h.WaitForWebhookAsync(caseId, "userUnreachable");
        Assert.Null(call.Text);
        await Task.Delay(1500);
        Assert.Single(h.Operators.Received, n => n.Kind == NotificationKind.UserUnreachable);

        // Reachable again: the claim notice and the counsellor's words arrive, in order.
        Interlocked.Exchange(ref refusing, 0);
        await h.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("Chị đây, em ở đâu?"), "the counsellor's words");
        Assert.Single(h.Operators.Received, n => n.Kind == NotificationKind.UserUnreachable);
    }

    [SkippableFact]
    public async Task A_user_waiting_for_the_counsellor_who_claimed_the_case_reminds_the_operators_once_per_unanswered_stretch()
    {
        await using var run = await RunAsync();
        var h = run.Harness;
        var child = h.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        Assert.Equal(HttpStatusCode.OK, (await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" })).Status);
        int Reminders() => h.Operators.Received.Count(n => n.CaseId == caseId && n.Kind == NotificationKind.UserWaiting);

        // Answered in time: no reminder.
        await child.SayAsync("chị ơi");
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.Accepted, (await h.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/messages",
            new { operatorId = "op-lan", text = "Chị đây" })).Status);
        h.Clock.Advance(TimeSpan.FromMinutes(20));
        await Task.Delay(600);
        Assert.Equal(0, Reminders());

        // Unanswered for over 10 minutes: one reminder, however long the wait and however many messages.
        await child.SayAsync("chị còn đó không?");
        h.Clock.Advance(TimeSpan.FromMinutes(11));
        await h.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == NotificationKind.UserWaiting, "the reminder");
        Assert.Equal(CaseStatus.Claimed, h.Operators.Received.Last(n => n.Kind == NotificationKind.UserWaiting).Status);
        await h.WaitForWebhookAsync(caseId, "userWaiting");
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(600);
        Assert.Equal(1, Reminders());

        // A new message after the reminder, unanswered again: a second one.
        await child.SayAsync("em sợ lắm");
        h.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.TrueAsync(() => Task.FromResult(Reminders() == 2), TimeSpan.FromSeconds(20), "the second reminder");
        Assert.Contains((await h.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}")).Body.GetProperty("audit").EnumerateArray(),
            a => a.GetProperty("action").GetString() == "unanswered-reminder");
    }

    private static List<string?> Categories(JsonElement json) =>
        json.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList();

    private static async Task<List<(string? Direction, string? Text)>> MessagesAsync(EscalationHarness harness, string caseId)
    {
        var (_, detail) = await harness.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}?includeText=true&operatorId=op-test");
        return detail.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("direction").GetString(), m.GetProperty("text").GetString())).ToList();
    }

    private async Task<Run> RunAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (harness, database) = await StartAsync(settings);
        return new Run(harness, database);
    }

    private protected sealed record Run(EscalationHarness Harness, IAsyncDisposable? Database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Harness.DisposeAsync();
            if (Database is not null) await Database.DisposeAsync();
        }
    }
}

public sealed class OpenCaseConversationSqliteTests : OpenCaseConversationTests
{
    private protected override async Task<(EscalationHarness Harness, IAsyncDisposable? Database)> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null) =>
        (await EscalationHarness.StartAsync(settings), null);
}

public sealed class OpenCaseConversationPostgresTests : OpenCaseConversationTests
{
    private protected override async Task<(EscalationHarness Harness, IAsyncDisposable? Database)> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        try
        {
            var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = database.ConnectionString,
            };
            return (await EscalationHarness.StartAsync(all), database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}
