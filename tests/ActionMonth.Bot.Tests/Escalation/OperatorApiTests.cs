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
}
