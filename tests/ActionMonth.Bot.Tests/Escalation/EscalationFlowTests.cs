using System.Net;
using ActionMonth.Bot.Safety;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>The escalation flow end to end over POST /api/messages, the operator API, a real webhook listener and
/// a real connector listener (where proactive messages to the user arrive).</summary>
public sealed class EscalationFlowTests : IAsyncLifetime
{
    private EscalationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EscalationHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_disclosure_gets_the_safety_card_with_the_case_entity_and_the_case_reaches_the_webhook_signed()
    {
        var child = _harness.User();
        var reply = Assert.Single(await child.SayAsync(EscalationHarness.Disclosure));
        Assert.Contains("111", reply.Text);
        Assert.Contains("Mình đã báo cho tư vấn viên", reply.Text);
        Assert.NotEmpty(reply.Attachments);
        var entity = EscalationEntityOf(reply);
        var caseId = (string)entity.Properties["caseId"]!;
        Assert.Equal("urgent", (string)entity.Properties["level"]!);
        Assert.Equal("sexualAbuse", (string)entity.Properties["category"]!);

        // Stored with what a proactive message needs, and without the user's name.
        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_case WHERE case_id = $c AND channel_id = 'webchat' "
                                                  + "AND conversation_id = $v AND cues = 'test-touch' AND reporter = 'Child'",
            ("$c", caseId), ("$v", child.ConversationId)));
        var reference = await _harness.ScalarAsync("SELECT conversation_reference FROM escalation_case WHERE case_id = $c", ("$c", caseId));
        Assert.Contains(_harness.Connector.BaseUrl, reference);
        Assert.DoesNotContain("\"name\":\"User\"", reference);

        var call = await _harness.WaitForWebhookAsync(caseId, "caseOpened");
        Assert.True(call.SignatureValid);
        Assert.Equal(caseId, call.IdempotencyKey);
        Assert.Equal(("new", "urgent", "sexualAbuse", "webchat"), (call.Status, call.Level, call.Category, call.Channel));
        Assert.Null(call.Text);
        Assert.True(call.Json.TryGetProperty("createdAt", out _));
        Assert.Equal("/hotline/cases", _harness.Webhook.Requests[0].Path);

        await Eventually.TrueAsync(async () => await _harness.CaseStatusAsync(caseId) == "notified", TimeSpan.FromSeconds(10), "status notified");
        var opened = await _harness.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == ActionMonth.Bot.Escalation.NotificationKind.CaseOpened,
            "the operators' notification");
        Assert.Equal(EscalationHarness.Disclosure, opened.Text);
    }

    [Fact]
    public async Task The_case_is_stored_before_the_safety_reply_leaves()
    {
        var caseRowWhenReplyArrived = -1L;
        _harness.Connector.Responder = async request =>
        {
            if (request.BodyText.Contains(EscalationEntity.EntityType))
            {
                var caseId = Newtonsoft.Json.JsonConvert.DeserializeObject<Activity>(request.BodyText)!
                    .Entities.Single(e => e.Type == EscalationEntity.EntityType).Properties["caseId"]!.ToString();
                caseRowWhenReplyArrived = await _harness.CountAsync("SELECT COUNT(*) FROM escalation_case WHERE case_id = $c", ("$c", caseId));
            }
            return (200, "{\"id\":\"1\"}");
        };
        var child = _harness.User();
        var (status, _) = await child.PostWithoutExpectRepliesAsync(EscalationHarness.Disclosure);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"status {status}");
        Assert.Contains("111", (await _harness.WaitForConnectorMessageAsync(child.ConversationId, _ => true, "the safety reply")).Text);
        Assert.Equal(1, caseRowWhenReplyArrived);
    }

    [Fact]
    public async Task Operator_claims_writes_to_the_user_reads_the_reply_and_closes_with_every_action_audited()
    {
        var child = _harness.User();
        var caseId = CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await _harness.WaitForWebhookAsync(caseId, "caseOpened");

        // Claim: one operator only.
        var (claimStatus, claim) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.OK, claimStatus);
        Assert.Equal(("done", "claimed"), (claim.GetProperty("result").GetString(), claim.GetProperty("status").GetString()));
        var (otherStatus, other) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-minh" });
        Assert.Equal(HttpStatusCode.Conflict, otherStatus);
        Assert.Equal("alreadyClaimedByAnother", other.GetProperty("result").GetString());
        var claimedNotice = await _harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("đã nhận"), "the claimed notice");
        Assert.Equal(caseId, CaseIdOf(claimedNotice));

        // The operator's words reach the user by proactive message, with the case entity.
        var (sendStatus, _) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/messages",
            new { operatorId = "op-lan", text = "Chào em, cô là tư vấn viên. Em đang ở đâu?" });
        Assert.Equal(HttpStatusCode.Accepted, sendStatus);
        var fromOperator = await _harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("cô là tư vấn viên"),
            "the operator's message");
        Assert.StartsWith("Tư vấn viên: ", fromOperator.Text);
        Assert.Equal(caseId, CaseIdOf(fromOperator));
        Assert.Equal("bot", fromOperator.From.Id);
        Assert.Equal(child.Conversation.UserId, fromOperator.Recipient.Id);
        var (wrongSender, _) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/messages", new { operatorId = "op-minh", text = "x" });
        Assert.Equal(HttpStatusCode.Conflict, wrongSender);

        // The user's answer goes to the operators, not to the Q&A; the user is told it was passed on, with 111.
        var ack = Assert.Single(await child.SayAsync("em đang ở nhà bạn, giáo viên phải báo cho ai?"));
        Assert.Contains("tư vấn viên", ack.Text);
        Assert.Contains("111", ack.Text);
        Assert.DoesNotContain(ack.Entities ?? [], e => e.Type == "actionmonth/citation");
        Assert.Equal(caseId, CaseIdOf(ack));
        var relayed = await _harness.Operators.WaitForAsync(n => n.Kind == ActionMonth.Bot.Escalation.NotificationKind.UserMessage, "the user's message");
        Assert.Equal("em đang ở nhà bạn, giáo viên phải báo cho ai?", relayed.Text);
        Assert.Equal(ActionMonth.Bot.Escalation.CaseStatus.Claimed, relayed.Status);
        // The webhook carries no text by default: it hears that the user wrote (ids and times), not what.
        var userMessageCall = await _harness.WaitForWebhookAsync(caseId, "userMessage");
        Assert.Null(userMessageCall.Text);
        Assert.StartsWith($"{caseId}:userMessage:", userMessageCall.IdempotencyKey);
        Assert.True(userMessageCall.Json.TryGetProperty("occurredAt", out _));

        // Close: the user is told and given 111 again; afterwards the Q&A answers again.
        var (closeStatus, closed) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/close", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.OK, closeStatus);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var goodbye = await _harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("đã kết thúc"), "the closing message");
        Assert.Contains("111", goodbye.Text);
        var (again, _) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/close", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        var answer = await child.SayAsync("giáo viên phải báo cho ai?");
        Assert.Contains(answer, a => a.Entities?.Any(e => e.Type == "actionmonth/citation") == true);
        Assert.DoesNotContain(answer, a => a.Entities?.Any(e => e.Type == EscalationEntity.EntityType) == true);

        // The proactive messages arrived in the order they were written.
        var texts = _harness.ConnectorMessages(child.ConversationId).Select(a => a.Text).ToList();
        Assert.True(texts.FindIndex(t => t.Contains("đã nhận")) < texts.FindIndex(t => t.Contains("cô là tư vấn viên")));
        Assert.True(texts.FindIndex(t => t.Contains("cô là tư vấn viên")) < texts.FindIndex(t => t.Contains("đã kết thúc")));

        // The hotline's system saw claimed and closed, each under its own idempotency key.
        var claimedCall = await _harness.WaitForWebhookAsync(caseId, "statusChanged");
        var closedCall = await Eventually.ValueAsync(() => _harness.WebhookCalls.FirstOrDefault(c => c.Event == "statusChanged" && c.Status == "closed"),
            TimeSpan.FromSeconds(10), "closed status on the webhook");
        Assert.Equal("claimed", claimedCall.Status);
        Assert.Equal($"{caseId}:status:claimed", claimedCall.IdempotencyKey);
        Assert.Equal($"{caseId}:status:closed", closedCall.IdempotencyKey);
        Assert.All(_harness.WebhookCalls, c => Assert.True(c.SignatureValid));

        // Audit: who did what, when; no text.
        var audit = await _harness.QueryAsync("SELECT operator_id, action, result FROM escalation_audit WHERE case_id = $c ORDER BY id",
            r => { var rows = new List<string>(); while (r.Read()) rows.Add($"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)}"); return rows; },
            ("$c", caseId));
        Assert.Equal(["op-lan claim done", "op-minh claim alreadyClaimedByAnother", "op-lan message done",
            "op-minh message alreadyClaimedByAnother", "op-lan close done", "op-lan close alreadyClosed"], audit);
        Assert.Equal(0, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_audit WHERE at <= 0"));
    }

    [Fact]
    public async Task The_same_inbound_activity_twice_gives_one_case_and_one_notification()
    {
        var child = _harness.User();
        var activity = child.Message(EscalationHarness.Disclosure);
        var first = child.SendAsync(activity);
        var second = child.SendAsync((Newtonsoft.Json.Linq.JObject)activity.DeepClone());
        var replies = await Task.WhenAll(first, second);
        var third = await child.SendAsync((Newtonsoft.Json.Linq.JObject)activity.DeepClone());

        var ids = replies.Append(third).Select(r => CaseIdOf(Assert.Single(r))).Distinct().ToList();
        var caseId = Assert.Single(ids);
        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_case"));
        Assert.Equal(0, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_message"));
        await _harness.WaitForWebhookAsync(caseId, "caseOpened");
        await Task.Delay(500);
        Assert.Single(_harness.WebhookCalls);
        Assert.Single(_harness.Operators.Received);
    }

    [Fact]
    public async Task A_new_disclosure_while_a_case_is_open_joins_it_raises_its_level_keeps_both_categories_and_still_gets_the_safety_reply()
    {
        var child = _harness.User();
        var caseId = CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));

        var replies = await child.SayAsync(EscalationHarness.Emergency);
        var safety = Assert.Single(replies);
        Assert.Contains("115", safety.Text);
        Assert.NotEmpty(safety.Attachments);
        var entity = EscalationEntityOf(safety);
        Assert.Equal(caseId, (string)entity.Properties["caseId"]!);
        Assert.Equal("emergency", (string)entity.Properties["level"]!);
        // The case's category is the first one told; the self-harm is added beside it, not in its place.
        Assert.Equal("sexualAbuse", (string)entity.Properties["category"]!);

        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_case"));
        Assert.Equal("SexualAbuse,SelfHarm", await _harness.ScalarAsync("SELECT categories FROM escalation_case WHERE case_id = $c", ("$c", caseId)));
        var relayed = await _harness.Operators.WaitForAsync(n => n.Kind == ActionMonth.Bot.Escalation.NotificationKind.CaseEscalated, "the new disclosure");
        Assert.Equal(EscalationHarness.Emergency, relayed.Text);
        Assert.Equal(ActionMonth.Knowledge.Safety.DisclosureLevel.Emergency, relayed.Level);
    }

    [Fact]
    public async Task Nobody_claims_in_time_the_user_is_given_111_and_113_115_again_and_operators_are_reminded_once()
    {
        var child = _harness.User();
        var caseId = CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Emergency)));
        var claimed = _harness.User();
        var claimedId = CaseIdOf(Assert.Single(await claimed.SayAsync(EscalationHarness.Disclosure)));
        await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{claimedId}/claim", new { operatorId = "op-lan" });

        _harness.Clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(600);
        Assert.DoesNotContain(_harness.ConnectorMessages(child.ConversationId), a => a.Text.Contains("chưa có tư vấn viên"));

        _harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var reminder = await _harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("chưa có tư vấn viên"), "the reminder");
        Assert.Contains("111", reminder.Text);
        Assert.Contains("113", reminder.Text);
        Assert.Contains("115", reminder.Text);
        Assert.Equal(caseId, CaseIdOf(reminder));
        await _harness.Operators.WaitForAsync(n => n.CaseId == caseId && n.Kind == ActionMonth.Bot.Escalation.NotificationKind.ClaimTimedOut, "the reminder to operators");
        await _harness.WaitForWebhookAsync(caseId, "claimTimedOut");

        _harness.Clock.Advance(TimeSpan.FromMinutes(30));
        await Task.Delay(800);
        Assert.Single(_harness.ConnectorMessages(child.ConversationId), a => a.Text.Contains("chưa có tư vấn viên"));
        Assert.Single(_harness.Operators.Received, n => n.CaseId == caseId && n.Kind == ActionMonth.Bot.Escalation.NotificationKind.ClaimTimedOut);
        // The claimed case never timed out.
        Assert.DoesNotContain(_harness.ConnectorMessages(claimed.ConversationId), a => a.Text.Contains("chưa có tư vấn viên"));
        Assert.NotNull(await _harness.ScalarAsync("SELECT claim_timed_out_at FROM escalation_case WHERE case_id = $c", ("$c", caseId)));
        Assert.Null(await _harness.ScalarAsync("SELECT claim_timed_out_at FROM escalation_case WHERE case_id = $c", ("$c", claimedId)));
    }

    [Fact]
    public async Task Excerpts_and_messages_are_kept_for_the_retention_period_then_purged()
    {
        var child = _harness.User();
        var caseId = CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await child.SayAsync("em đang ở trường");
        var (_, before) = await _harness.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}?includeText=true&operatorId=op-lan");
        Assert.Equal(EscalationHarness.Disclosure, before.GetProperty("excerpt").GetString());
        Assert.Equal("em đang ở trường", before.GetProperty("messages")[0].GetProperty("text").GetString());

        _harness.Clock.Advance(TimeSpan.FromDays(31));
        var retention = (ActionMonth.Bot.Escalation.Cases.EscalationRetentionService)_harness.Host.Services
            .GetService(typeof(ActionMonth.Bot.Escalation.Cases.EscalationRetentionService))!;
        Assert.True(await retention.PurgeAsync(CancellationToken.None) > 0);

        var (_, after) = await _harness.CallApiAsync(HttpMethod.Get, $"/api/cases/{caseId}?includeText=true&operatorId=op-lan");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("excerpt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, after.GetProperty("messages")[0].GetProperty("text").ValueKind);
        Assert.Equal("urgent", after.GetProperty("case").GetProperty("level").GetString());
        Assert.Equal(2, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_audit WHERE case_id = $c AND action = 'read-text'", ("$c", caseId)));
    }

    internal static Entity EscalationEntityOf(Activity activity) =>
        Assert.Single(activity.Entities ?? [], e => e.Type == EscalationEntity.EntityType);

    internal static string CaseIdOf(Activity activity) => (string)EscalationEntityOf(activity).Properties["caseId"]!;
}
