using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Bot.WebChat;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.WebChat;

/// <summary>With WebChat:DirectLineSecret set the page uses Azure's Direct Line: the server exchanges the secret for
/// a token (here against a recording stand-in for Azure, no network), the secret never reaches the browser, and our
/// own /v3/directline routes are off.</summary>
public sealed class AzureDirectLineTests
{
    private const string Secret = "azure-secret-for-tests-0123456789";
    private const string Endpoint = "https://directline.example.test/v3/directline";

    [Fact]
    public async Task The_page_gets_an_Azure_token_from_a_server_side_exchange_and_never_the_secret()
    {
        var azure = new RecordingAzure(HttpStatusCode.OK, """{"conversationId":"azure-conv-1","token":"azure-token-1","expires_in":1800}""");
        await using var host = Start(azure);

        using var response = await host.Client.PostAsync("/api/webchat/token", new StringContent("{}"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(Endpoint, (string)json["domain"]!);
        Assert.Equal("azure-token-1", (string)json["token"]!);
        Assert.Equal("azure-conv-1", (string)json["conversationId"]!);
        Assert.False((bool)json["started"]!);
        Assert.DoesNotContain(Secret, body);

        var request = Assert.Single(azure.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Endpoint + "/tokens/generate", request.Uri);
        Assert.Equal("Bearer " + Secret, request.Authorization);
        Assert.StartsWith("dl_", (string)JsonNode.Parse(request.Body)!["user"]!["id"]!);

        // The page allows connections to Azure's Direct Line and shows no secret; our own Direct Line is off.
        using var page = await host.Client.GetAsync("/");
        Assert.DoesNotContain(Secret, await page.Content.ReadAsStringAsync());
        Assert.Contains("connect-src 'self' https://directline.example.test", page.Headers.GetValues("Content-Security-Policy").Single());
        using var selfHosted = await host.Client.PostAsync("/v3/directline/tokens/generate", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, selfHosted.StatusCode);
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_Azure_refuses_the_page_gets_a_502_it_can_explain_and_the_logs_keep_the_secret_out()
    {
        var azure = new RecordingAzure(HttpStatusCode.Forbidden, """{"error":{"code":"BadArgument","message":"bad secret"}}""");
        await using var host = Start(azure);

        using var response = await host.Client.PostAsync("/api/webchat/token", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("DirectLineUnavailable", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Azure Direct Line refused the token request with 403", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    private static BotTestHost Start(RecordingAzure azure) => BotTestHost.Start(
        settings: new Dictionary<string, string?>
        {
            ["WebChat:DirectLineSecret"] = Secret,
            ["WebChat:DirectLineEndpoint"] = Endpoint,
        },
        services: services => services.AddHttpClient(AzureConnectionSource.ClientName).ConfigurePrimaryHttpMessageHandler(() => azure));

    private sealed record RecordedRequest(HttpMethod Method, string Uri, string? Authorization, string Body);

    private sealed class RecordingAzure(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<RecordedRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString(),
                request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }
}
