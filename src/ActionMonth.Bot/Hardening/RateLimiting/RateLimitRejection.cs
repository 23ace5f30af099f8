using System.Globalization;
using System.Threading.RateLimiting;
using ActionMonth.Bot.Observability;

namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>The 429 answer: <c>Retry-After</c> in whole seconds (from the bucket's refill, at least 1) and a short JSON
/// body; counted by policy and logged with the policy and route only (no address, no query string).</summary>
public static class RateLimitRejection
{
    public static async Task WriteAsync(HttpContext context, RateLimitLease lease, string policy, BotMetrics metrics, ILogger logger,
        CancellationToken cancellationToken)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        metrics.RateLimited(policy);
        logger.LogInformation("Rate limit {Policy} reached on {Method} {Route}; answered 429, retry after {Seconds} s",
            policy, context.Request.Method, RouteOf(context), seconds);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        await response.WriteAsJsonAsync(new
        {
            error = "rate_limited",
            message = $"Too many requests; try again in {seconds} s. If a child is in danger, call 111 (free, 24/7).",
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The matched route template when routing has run, else the path (never the query string).</summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "/";
}
