using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ActionMonth.Bot.Tests.Browser;

namespace ActionMonth.Bot.Tests.Hardening;

/// <summary>What only a real server shows: a chunked body (no Content-Length) cut at the route's limit, real client
/// addresses in the rate limiter, and no Server header.</summary>
public sealed class KestrelHardeningTests : IAsyncLifetime
{
    private const string OperatorKey = "operator-key-for-the-kestrel-tests-0123456789";
    private KestrelBotHost _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = KestrelBotHost.Start(new Dictionary<string, string?>
        {
            ["Escalation:OperatorApiKey"] = OperatorKey,
            ["Hardening:OperatorApiMaxBodyBytes"] = "8192",
            ["Hardening:RateLimits:Search:Burst"] = "1",
            ["Hardening:RateLimits:Search:PerMinute"] = "1",
        });
        _client = new HttpClient { BaseAddress = _host.BaseAddress };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_chunked_body_over_the_route_limit_is_refused_with_413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases/no-such-case/claim")
        {
            Content = new ChunkedJson(64 * 1024),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        using var response = await _client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task The_loopback_address_gets_its_own_search_bucket_and_the_server_does_not_name_itself()
    {
        await _host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var first = await _client.GetAsync("/api/search?q=quyền trẻ em");
        using var second = await _client.GetAsync("/api/search?q=quyền trẻ em");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.False(first.Headers.Contains("Server"));
        Assert.Contains(_host.Logs.Lines, l => l.Contains("Rate limit search reached on GET /api/search"));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("Rate limit") && (l.Contains("127.0.0.1") || l.Contains("quy")));
    }

    /// <summary>A JSON body whose length is not known in advance, so it is sent chunked.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly int _bytes;

        public ChunkedJson(int bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var padding = Encoding.UTF8.GetBytes(new string('x', 1024));
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"operatorId\":\"op\",\"padding\":\""));
            for (var written = 0; written < _bytes; written += padding.Length) await stream.WriteAsync(padding);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("\"}"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
