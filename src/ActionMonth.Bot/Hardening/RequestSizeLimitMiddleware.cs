using ActionMonth.Bot.Bots;
using ActionMonth.Bot.DirectLine;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hardening;

/// <summary>
/// A body limit on every route: the bot's activity endpoint (Bot:MaxRequestBytes), Direct Line's posted activities
/// (DirectLine:MaxActivityBytes), the Telegram webhook and anything unknown (Hardening:MaxRequestBodyBytes), the operator
/// API (Hardening:OperatorApiMaxBodyBytes), and routes that take no real body (Hardening:SmallRequestBodyBytes). The
/// server enforces it while reading (chunked bodies too); a declared Content-Length over it is refused at once with 413,
/// except on the two message routes, which answer 413 in their own formats.
/// </summary>
public sealed class RequestSizeLimitMiddleware(
    RequestDelegate next,
    IOptionsMonitor<HardeningOptions> hardening,
    IOptionsMonitor<BotOptions> bot,
    IOptionsMonitor<DirectLineOptions> directLine)
{
    public Task InvokeAsync(HttpContext context)
    {
        var (limit, ownAnswer) = LimitOf(context.Request);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        if (!ownAnswer && context.Request.ContentLength > limit) return TooLargeAsync(context, limit);
        return next(context);
    }

    private (long Limit, bool OwnAnswer) LimitOf(HttpRequest request)
    {
        var settings = hardening.CurrentValue;
        var path = request.Path;
        if (path.Equals("/api/messages", StringComparison.OrdinalIgnoreCase)) return (bot.CurrentValue.MaxRequestBytes, true);
        if (path.StartsWithSegments(DirectLineEndpoints.Prefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return HttpMethods.IsPost(request.Method) && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["conversations", _, "activities"]
                ? (Math.Max(1024, directLine.CurrentValue.MaxActivityBytes), true)
                : (settings.SmallRequestBodyBytes, false);
        }
        if (path.StartsWithSegments("/api/cases", StringComparison.OrdinalIgnoreCase)) return (settings.OperatorApiMaxBodyBytes, false);
        if (path.StartsWithSegments("/api/telegram", StringComparison.OrdinalIgnoreCase)) return (settings.MaxRequestBodyBytes, false);
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !HttpMethods.IsGet(request.Method) && !IsKnownSmallPost(path))
            return (settings.MaxRequestBodyBytes, false);
        return (settings.SmallRequestBodyBytes, false);
    }

    private static bool IsKnownSmallPost(PathString path) => path.Equals("/api/webchat/token", StringComparison.OrdinalIgnoreCase);

    private static Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(new { error = "too_large", message = $"The request body is larger than {limit} bytes." },
            context.RequestAborted);
    }
}
