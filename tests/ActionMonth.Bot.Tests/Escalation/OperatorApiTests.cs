using System.Net;
using System.Text.Json;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Escalation;

public sealed class OperatorApiTests : IAsyncLifetime
{
    private EscalationHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EscalationHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Every_route_needs_the_bearer_key_and_refuses_a_missing_or_wrong_one_with_401()
    {
        var child = _harness.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        (HttpMethod Method, string Path, object? Body)[] routes =
        [
            (HttpMethod.Get, "/api/cases", null),
            (HttpMethod.Get, $"/api/cases/{caseId}", null),
            (HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op" }),
            (HttpMethod.Post, $"/api/cases/{caseId}/messages", new { operatorId = "op", text = "x" }),
            (HttpMethod.Post, $"/api/cases/{caseId}/close", new { operatorId = "op" }),
        ];
        foreach (var (method, path, body) in routes)
        {
            foreach (var key in new string?[] { null, "wrong-key", EscalationHarness.ApiKey + "x", "" })
            {
                using var response = await _harness.Host.Client.SendAsync(_harness.Api(method, path, body, key));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with key '{key}': {(int)response.StatusCode}");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            }
        }
        using (var basic = _harness.Api(HttpMethod.Get, "/api/cases", key: null))
        {
            basic.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", EscalationHarness.ApiKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await _harness.Host.Client.SendAsync(basic)).StatusCode);
        }

        // Nothing was done by the refused calls.
        Assert.Contains(await _harness.CaseStatusAsync(caseId), new[] { "new", "notified" });
        Assert.Equal(0, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_message"));
        Assert.Equal(0, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_audit"));
        Assert.Contains(_harness.Host.Logs.Lines, l => l.Contains("Operator API: wrong bearer key"));
    }

    [Fact]
    public async Task Lists_open_cases_without_text_gets_one_and_checks_its_input()
    {
        var first = _harness.User();
        var firstId = EscalationFlowTests.CaseIdOf(Assert.Single(await first.SayAsync(EscalationHarness.Disclosure)));
        var second = _harness.User();
        var secondId = EscalationFlowTests.CaseIdOf(Assert.Single(await second.SayAsync(EscalationHarness.Emergency)));
        await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{firstId}/close", new { operatorId = "op-lan" });

        var (status, list) = await _harness.CallApiAsync(HttpMethod.Get, "/api/cases");
        Assert.Equal(HttpStatusCode.OK, status);
        var open = Assert.Single(list.GetProperty("cases").EnumerateArray());
        Assert.Equal(secondId, open.GetProperty("caseId").GetString());
        Assert.Equal(("emergency", "selfHarm", "webchat"), (open.GetProperty("level").GetString(), open.GetProperty("category").GetString(),
            open.GetProperty("channel").GetString()));
        Assert.DoesNotContain("vỉ thuốc", list.GetRawText());
        Assert.DoesNotContain("excerpt", list.GetRawText());

        var (_, all) = await _harness.CallApiAsync(HttpMethod.Get, "/api/cases?status=all");
        Assert.Equal(2, all.GetProperty("cases").GetArrayLength());

        var (oneStatus, one) = await _harness.CallApiAsync(HttpMethod.Get, $"/api/cases/{firstId}");
        Assert.Equal(HttpStatusCode.OK, oneStatus);
        Assert.Equal("closed", one.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("child", one.GetProperty("reporter").GetString());
        Assert.Equal(["test-touch"], one.GetProperty("cues").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(JsonValueKind.Null, one.GetProperty("excerpt").ValueKind);
        Assert.Equal("close", one.GetProperty("audit")[0].GetProperty("action").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await _harness.CallApiAsync(HttpMethod.Get, $"/api/cases/{firstId}?includeText=true")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _harness.CallApiAsync(HttpMethod.Get, "/api/cases?status=bogus")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _harness.CallApiAsync(HttpMethod.Get, "/api/cases/nope")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{secondId}/claim", new { })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{secondId}/claim", new { operatorId = " " })).Status);
        var (missing, notFound) = await _harness.CallApiAsync(HttpMethod.Post, "/api/cases/nope/claim", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("notFound", notFound.GetProperty("result").GetString());
        var (unclaimed, notClaimed) = await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{secondId}/messages",
            new { operatorId = "op-lan", text = "chào em" });
        Assert.Equal(HttpStatusCode.Conflict, unclaimed);
        Assert.Equal("notClaimed", notClaimed.GetProperty("result").GetString());
        await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{secondId}/claim", new { operatorId = "op-lan" });
        Assert.Equal(HttpStatusCode.BadRequest, (await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{secondId}/messages",
            new { operatorId = "op-lan", text = "  " })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{secondId}/messages",
            new { operatorId = "op-lan", text = new string('a', 4001) })).Status);

        // The audit names the refused attempt on a case that does not exist, too.
        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_audit WHERE case_id = 'nope' AND result = 'notFound'"));
    }

    [Fact]
    public async Task With_no_key_configured_the_api_is_off_and_answers_404()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder, new Dictionary<string, string?> { ["Escalation:OperatorApiKey"] = "" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/api/cases/x/claim", null)).StatusCode);
    }

    [Fact]
    public async Task A_retried_operator_message_with_its_idempotency_key_reaches_the_user_once()
    {
        var child = _harness.User();
        var caseId = EscalationFlowTests.CaseIdOf(Assert.Single(await child.SayAsync(EscalationHarness.Disclosure)));
        await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" });

        async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string text, string? idempotencyKey, string operatorId = "op-lan")
        {
            using var request = _harness.Api(HttpMethod.Post, $"/api/cases/{caseId}/messages", new { operatorId, text });
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await _harness.Host.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, string.IsNullOrWhiteSpace(body) ? default : JsonDocument.Parse(body).RootElement.Clone());
        }

        var (first, firstBody) = await SendAsync("Chào em, cô là tư vấn viên.", "op-lan-0001");
        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal("done", firstBody.GetProperty("result").GetString());
        // The answer was lost, the operator's tool sends the same request again: accepted, nothing new is sent.
        var (retry, retryBody) = await SendAsync("Chào em, cô là tư vấn viên.", "op-lan-0001");
        Assert.Equal(HttpStatusCode.Accepted, retry);
        Assert.Equal("replayed", retryBody.GetProperty("result").GetString());
        // The same key with other words is a client's mistake, not a retry: refused, nothing sent.
        var (reused, reusedBody) = await SendAsync("Một tin khác", "op-lan-0001");
        Assert.Equal(HttpStatusCode.Conflict, reused);
        Assert.Equal("idempotencyKeyReused", reusedBody.GetProperty("result").GetString());
        // Keys are per message: a new key is a new message, and without a key every call sends.
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("Em đang ở đâu?", "op-lan-0002")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("Em còn đó không?", null)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("Em còn đó không?", null)).Status);
        foreach (var bad in new[] { new string('k', 201), "khóa-có-dấu" })
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("x", bad)).Status);

        await _harness.WaitForConnectorMessageAsync(child.ConversationId, a => a.Text.Contains("Em đang ở đâu?"), "the second message");
        await Eventually.ValueAsync(() => _harness.ConnectorMessages(child.ConversationId).Count(a => a.Text.Contains("Em còn đó không?")) == 2
            ? (object)true : null, TimeSpan.FromSeconds(20), "both keyless messages");
        Assert.Single(_harness.ConnectorMessages(child.ConversationId), a => a.Text.Contains("cô là tư vấn viên"));
        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_message WHERE text = 'Chào em, cô là tư vấn viên.'"));
        Assert.Equal(4, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_message WHERE direction = 'operator'"));
        Assert.Equal(4, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_outbox WHERE kind = 'OperatorMessage'"));
        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_audit WHERE action = 'message' AND result = 'replayed'"));
        Assert.Equal(1, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_audit WHERE action = 'message' AND result = 'idempotencyKeyReused'"));

        // Even once the case is closed, the retry is recognised rather than refused as "already closed".
        await _harness.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/close", new { operatorId = "op-lan" });
        var (afterClose, afterCloseBody) = await SendAsync("Em đang ở đâu?", "op-lan-0002");
        Assert.Equal(HttpStatusCode.Accepted, afterClose);
        Assert.Equal("replayed", afterCloseBody.GetProperty("result").GetString());
        Assert.Equal(4, await _harness.CountAsync("SELECT COUNT(*) FROM escalation_message WHERE direction = 'operator'"));
    }
}
