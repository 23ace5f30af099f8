using System.Net;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Hardening;

/// <summary>The headers every response carries: the chat page (with its own CSP), the APIs and the answers cut short.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task The_chat_page_carries_every_security_header_and_keeps_its_own_CSP()
    {
        using var page = await _host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Theory]
    [InlineData("/api/search?q=quyền trẻ em")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/no-such-route")]
    [InlineData("/metrics")]
    public async Task Every_other_answer_gets_them_with_a_CSP_that_lets_nothing_run(string path)
    {
        using var response = await _host.Client.GetAsync(path);
        AssertCommonHeaders(response);
        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        string Header(string name) => Assert.Single(response.Headers.GetValues(name));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
        Assert.Equal("same-origin", Header("Cross-Origin-Resource-Policy"));
        Assert.Equal("none", Header("X-Permitted-Cross-Domain-Policies"));
        Assert.Contains("camera=()", Header("Permissions-Policy"));
        Assert.Contains("geolocation=()", Header("Permissions-Policy"));
    }
}
