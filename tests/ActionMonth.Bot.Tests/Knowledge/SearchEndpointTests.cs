using System.Net;
using System.Text.Json;
using ActionMonth.Bot.Hosting;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Indexing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActionMonth.Bot.Tests.Knowledge;

/// <summary>The host over the made-up fixtures of the knowledge tests (no ../shared needed): GET /api/search as
/// interfaces.md describes it, and /healthz.</summary>
public sealed class SearchEndpointTests : IAsyncLifetime
{
    private static readonly string Fixtures = Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Fixtures");
    private readonly TestFolder _folder = new();
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseContentRoot(_folder.Path);
            b.UseSetting("Knowledge:Path", Path.Combine(Fixtures, "knowledge-mini"));
            b.UseSetting("Knowledge:ExtraSources:0", Path.Combine(Fixtures, "corpus-mini"));
            b.UseSetting("Knowledge:IndexPath", Path.Combine(_folder.Path, "data", "index"));
            b.UseSetting("Storage:Provider", "Sqlite");
            b.UseSetting("Storage:ConnectionString", $"Data Source={_folder.DatabaseFile}");
        });
        _client = _factory.CreateClient();
        await WaitUntilHealthyAsync();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            using var response = await _client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK) return;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(100);
        }
        Assert.Fail("/healthz did not turn 200 within 60 s");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Search_returns_the_contract_fields()
    {
        var (status, body) = await GetAsync("/api/search?q=" + Uri.EscapeDataString("điều 2 khoản 2 luật mẫu") + "&top=3");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("điều 2 khoản 2 luật mẫu", body.GetProperty("query").GetString());
        Assert.Equal("high", body.GetProperty("confidence").GetString());
        var hits = body.GetProperty("hits");
        Assert.InRange(hits.GetArrayLength(), 1, 3);
        var first = hits[0];
        Assert.Equal(["doc", "docTitle", "article", "articleTitle", "clause", "snippet", "score", "kind"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("01/2099/QH99", first.GetProperty("doc").GetString());
        Assert.Equal("Luật Mẫu Kiểm thử", first.GetProperty("docTitle").GetString());
        Assert.Equal(2, first.GetProperty("article").GetInt32());
        Assert.Equal("Quyền được vui chơi", first.GetProperty("articleTitle").GetString());
        Assert.Equal(2, first.GetProperty("clause").GetInt32());
        Assert.Equal("official", first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("score").GetSingle() > 0);
    }

    [Fact]
    public async Task Clause_is_null_and_kind_is_faq_for_a_card_hit_without_clause()
    {
        var (_, body) = await GetAsync("/api/search?q=" + Uri.EscapeDataString("cuối tuần cho con đi đọc sách ở đâu"));
        var first = body.GetProperty("hits")[0];
        Assert.Equal("faq", first.GetProperty("kind").GetString());
        Assert.Equal(2, first.GetProperty("article").GetInt32());
        var (_, other) = await GetAsync("/api/search?q=" + Uri.EscapeDataString("điều 1 luật mẫu"));
        Assert.Equal(JsonValueKind.Null, other.GetProperty("hits")[0].GetProperty("clause").ValueKind);
    }

    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%20%20")]
    [InlineData("/api/search?q=s%C3%A2n&top=0")]
    [InlineData("/api/search?q=s%C3%A2n&top=51")]
    public async Task Empty_question_or_bad_top_is_a_400_with_a_message(string url)
    {
        var (status, body) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Ten_thousand_character_question_is_a_400_with_a_message()
    {
        var (status, body) = await GetAsync("/api/search?q=" + new string('a', 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("1000", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("\"sân chơi\" (an toàn) * ? : AND ~")]
    [InlineData("title_f:san~2 && body:[a TO z] || ^3 \\ / { } ! + -")]
    [InlineData("***")]
    public async Task Lucene_syntax_in_the_question_is_a_normal_answer(string q)
    {
        var (status, body) = await GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(q, body.GetProperty("query").GetString());
        Assert.Contains(body.GetProperty("confidence").GetString(), new[] { "high", "medium", "low", "none" });
    }

    [Fact]
    public async Task Health_reports_the_knowledge_check()
    {
        using var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>The "knowledge" health check: unhealthy (so /healthz is 503) until the index is loaded.</summary>
public sealed class KnowledgeHealthCheckTests
{
    [Fact]
    public async Task Unhealthy_before_the_index_is_loaded_and_healthy_after()
    {
        using var folder = new TestFolder();
        var fixtures = Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Fixtures");
        using var index = new KnowledgeIndex(new KnowledgeSources(Path.Combine(fixtures, "knowledge-mini"),
            [Path.Combine(fixtures, "corpus-mini")], Path.Combine(folder.Path, "index")));
        var check = new KnowledgeHealthCheck(index);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        index.Load();
        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal(24, healthy.Data["passages"]);
    }
}
