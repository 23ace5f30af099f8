using System.Net;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>A proactive message to the user that the channel refuses is not delivered: it stays in the outbox, with
/// the failure recorded, and is sent again until the channel takes it. (The adapter's turn-error handler used to
/// swallow the failure, so the outbox marked the message delivered.)</summary>
public sealed class ProactiveDeliveryTests : IAsyncLifetime
{
    private EscalationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EscalationHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_refused_proactive_message_stays_in_the_outbox_and_is_retried_until_the_channel_takes_it()
    {
        var child = _harness.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));

        // From now on the user's channel refuses every message (as a connector does when it is down or overloaded).
        var refusing = true;
        _harness.Connector.Responder = _ => Task.FromResult(Volatile.Read(ref refusing)
            ? (503, """{"error":{"code":"ServiceUnavailable","message":"down"}}""")
            : (200, """{"id":"1"}"""));
        var (claimStatus, _) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.OK, claimStatus);

        const string undelivered = "SELECT COUNT(*) FROM escalation_outbox WHERE case_id = $c AND destination = 'user' AND kind = 'Claimed' "
                                   + "AND delivered_at IS NULL AND attempts >= 2 AND last_error LIKE 'connector HTTP 503%'";
        await Eventually.TrueAsync(async () => await _harness.CountAsync(undelivered, ("$c", caseId)) == 1, TimeSpan.FromSeconds(20),
            "two refused attempts recorded on the undelivered row");
        Assert.True(ClaimedNotices(child.ConversationId).Count >= 2);

        Volatile.Write(ref refusing, false);
        await Eventually.TrueAsync(async () => await _harness.CountAsync(
                "SELECT COUNT(*) FROM escalation_outbox WHERE case_id = $c AND destination = 'user' AND kind = 'Claimed' AND delivered_at IS NOT NULL",
                ("$c", caseId)) == 1,
            TimeSpan.FromSeconds(20), "the claimed notice delivered once the channel takes it");
        var attempts = await _harness.ScalarAsync("SELECT attempts FROM escalation_outbox WHERE case_id = $c AND destination = 'user' AND kind = 'Claimed'",
            ("$c", caseId));
        Assert.Equal(ClaimedNotices(child.ConversationId).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), attempts);
    }

    private IReadOnlyList<RecordedRequest> ClaimedNotices(string conversationId) => _harness.Connector.Requests
        .Where(r => r.Method == "POST" && r.Path.Contains(Uri.EscapeDataString(conversationId)) && r.BodyText.Contains("đã nhận"))
        .ToList();

}
