using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActionMonth.Bot.Tests.DirectLine;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.WebChat;

/// <summary>GET / and its files: what the page promises (quick exit, 111, urgent help, privacy) and the headers that
/// protect it.</summary>
public sealed partial class WebChatPageTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["WebChat:QuickExitUrl"] = "https://example.org/weather?q=a&b=c",
            ["DirectLine:TranscriptRetentionHours"] = "12",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task The_page_is_Vietnamese_with_the_quick_exit_the_111_call_link_the_urgent_help_button_and_an_honest_privacy_note()
    {
        using var response = await _host.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Thoát nhanh", html);
        Assert.Contains("href=\"tel:111\"", html);
        Assert.Contains("Gọi 111", html);
        Assert.Contains("Tôi cần giúp đỡ ngay", html);
        Assert.Contains("không xoá lịch sử duyệt web", html);
        Assert.Contains("tối đa 12 giờ", html);
        // Escalation is off in this host: the page does not pretend anyone is alerted.
        Assert.Contains("Trang này không tự báo cho ai", html);
        Assert.Contains("data-quick-exit-url=\"https://example.org/weather?q=a&amp;b=c\"", html);
        Assert.DoesNotContain("{{", html);
        // Web Chat's bundle from our own origin, no CDN, and no inline script at all.
        Assert.Contains("<script src=\"/lib/webchat.js\" defer></script>", html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_page_is_never_cached_cannot_be_framed_sends_no_referrer_and_runs_only_our_own_scripts()
    {
        using var first = await _host.Client.GetAsync("/");
        using var second = await _host.Client.GetAsync("/");
        var csp = first.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", first.Headers.GetValues("X-Frame-Options").Single());
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);

        // Web Chat's runtime styles carry a nonce that changes on every response.
        var nonce = Regex.Match(directives["style-src"], "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"data-style-nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync());
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Web_Chat_s_bundle_and_our_files_are_served_with_nosniff_and_revalidated()
    {
        foreach (var (path, type) in new[] { ("/lib/webchat.js", "javascript"), ("/js/app.js", "javascript"), ("/css/app.css", "text/css") })
        {
            using var response = await _host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Contains(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }
        using var bundle = await _host.Client.GetAsync("/lib/webchat.js");
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 3_000_000);
        // The template itself is only ever served rendered.
        Assert.DoesNotContain("{{", await _host.Client.GetStringAsync("/index.html"));
    }

    [Fact]
    public async Task The_page_token_is_for_a_started_conversation_on_our_Direct_Line_with_the_welcome_waiting()
    {
        using var response = await _host.Client.PostAsync("/api/webchat/token", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("/v3/directline", (string)json["domain"]!);
        Assert.True((bool)json["started"]!);
        Assert.Equal(1800, (int)json["expires_in"]!);

        var session = new DirectLineSession(new DirectLineTestClient(_host.Client), (string)json["conversationId"]!, (string)json["token"]!);
        var welcome = Assert.Single(await session.AllAsync());
        Assert.StartsWith("Xin chào!", (string)welcome["text"]!);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
