using System.Text.Json;
using ActionMonth.Bot.Bots;
using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Observability;
using ActionMonth.Bot.WebChat;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>
/// The per-address limit on the routes that carry users' messages: POST /api/messages and POST
/// /v3/directline/conversations/{id}/activities. A request within the limit goes straight on, unread. A request over
/// it is read (up to the route's own size limit) and given to the disclosure detector: when it carries a disclosure of
/// any level, or is the page's urgent-help button, it goes on as if there were no limit (counted as
/// <c>actionmonth_rate_limit_disclosures_passed_total</c>), so the safety reply with 111 is never dropped or delayed;
/// anything else gets 429 with Retry-After. The detector is the one the bot uses, and it runs only on refused requests.
/// With a MicrosoftAppId (behind Azure Bot Service) /api/messages is not limited per address.
/// </summary>
public sealed class DisclosureAwareRateLimitMiddleware(
    RequestDelegate next,
    ClientRateLimiters limiters,
    IDisclosureDetector detector,
    IOptionsMonitor<BotOptions> bot,
    IOptionsMonitor<DirectLineOptions> directLine,
    BotMetrics metrics,
    IConfiguration configuration,
    ILogger<DisclosureAwareRateLimitMiddleware> logger)
{
    // Behind Azure Bot Service (an app id, so every /api/messages call must carry the service's token) all users arrive
    // from the service's own addresses: one bucket per address would be one bucket for everyone. The bot's per-user limit
    // (Bot:RateLimit) still applies after the safety gate; a call without a valid token gets 401 from the adapter.
    private readonly bool _apiMessagesFromBotService = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);

    public async Task InvokeAsync(HttpContext context)
    {
        if (MessageRouteLimit(context.Request) is not { } sizeLimit)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        using var lease = limiters.Messages.AttemptAcquire(context);
        if (lease.IsAcquired || await CarriesDisclosureAsync(context.Request, sizeLimit, context.RequestAborted).ConfigureAwait(false))
        {
            if (!lease.IsAcquired)
            {
                metrics.DisclosurePastLimit(RateLimitPolicy.Messages);
                logger.LogWarning("Rate limit {Policy} reached on {Method} {Path}, but the message carries a disclosure: passed on",
                    RateLimitPolicy.Messages, context.Request.Method, RouteName(context.Request));
            }
            await next(context).ConfigureAwait(false);
            return;
        }
        await RateLimitRejection.WriteAsync(context, lease, RateLimitPolicy.Messages, metrics, logger, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The route's own body limit when the request is a user's message, else null.</summary>
    private long? MessageRouteLimit(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method)) return null;
        if (request.Path.Equals("/api/messages", StringComparison.OrdinalIgnoreCase))
            return _apiMessagesFromBotService ? null : bot.CurrentValue.MaxRequestBytes;
        if (request.Path.StartsWithSegments(DirectLineEndpoints.Prefix + "/conversations", StringComparison.OrdinalIgnoreCase, out var rest)
            && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, "activities"])
            return Math.Max(1024, directLine.CurrentValue.MaxActivityBytes);
        return null;
    }

    private static string RouteName(HttpRequest request) =>
        request.Path.Equals("/api/messages", StringComparison.OrdinalIgnoreCase) ? "/api/messages" : DirectLineEndpoints.Prefix + "/conversations/{id}/activities";

    /// <summary>Reads the body (rewound afterwards for the endpoint) and asks the detector about its text; true also for
    /// the urgent-help button. A body too large for the route or not JSON carries nothing the bot would read.</summary>
    private async Task<bool> CarriesDisclosureAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return false;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
        var body = new MemoryStream();
        try
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit) return false;
                body.Write(chunk, 0, read);
            }
        }
        catch (IOException)
        {
            // Over the buffer limit, or the client went away.
            return false;
        }
        finally
        {
            request.Body.Position = 0;
        }

        try
        {
            using var json = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String
                && action.GetString() == UrgentHelpSafetyGate.Action)
                return true;
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String) return false;
            return detector.Assess(text.GetString() ?? string.Empty).Level != DisclosureLevel.None;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (Exception ex)
        {
            // The safety gate treats a detector failure as a concern; so does the limit: let it through.
            logger.LogError("Disclosure detector failed on a rate-limited message: {ExceptionType}; passed on", ex.GetType().FullName);
            return true;
        }
    }
}
