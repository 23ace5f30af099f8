using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActionMonth.Bot.DirectLine;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>
/// Exchanges the configured Direct Line secret for a conversation token on Azure's service, server-side
/// (POST {endpoint}/tokens/generate), with a user id we choose in the reserved <c>dl_</c> form so the token is bound
/// to it. The secret stays on the server; the page only ever sees the token.
/// </summary>
public sealed class AzureConnectionSource(IHttpClientFactory clients, IOptions<WebChatOptions> options,
    ILogger<AzureConnectionSource> logger) : IWebChatConnectionSource
{
    public const string ClientName = "AzureDirectLine";

    public async Task<WebChatConnection> CreateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = settings.DirectLineEndpoint.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint + "/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = DirectLineIds.NewUserId() } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.DirectLineSecret.Trim());

        using var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogError("Azure Direct Line token request failed: {ExceptionType}", ex.GetType().FullName);
            throw new DirectLineUnavailableException("Azure Direct Line is unreachable.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("Azure Direct Line refused the token request with {Status}", (int)response.StatusCode);
                throw new DirectLineUnavailableException("Azure Direct Line refused the token request.");
            }
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            var token = root.TryGetProperty("token", out var t) ? t.GetString() : null;
            var conversationId = root.TryGetProperty("conversationId", out var c) ? c.GetString() : null;
            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 1800;
            if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(conversationId))
                throw new DirectLineUnavailableException("Azure Direct Line answered without a token.");
            return new WebChatConnection(endpoint, conversationId, token, expiresIn, settings.PollingIntervalMs, Started: false);
        }
    }
}
