using System.Threading.RateLimiting;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Receiving;
using ActionMonth.Bot.Observability;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>
/// Chooses the rate-limit bucket of a request for ASP.NET Core's rate limiter (the global limiter): which policy applies
/// to its route, and whose bucket it is (address, or conversation for polling). /api/messages and posted Direct Line
/// activities are left to <see cref="DisclosureAwareRateLimitMiddleware"/>, which must read the body first.
/// </summary>
public sealed class ClientRateLimitPartitioner(
    IOptionsMonitor<HardeningOptions> hardening,
    IOptionsMonitor<ObservabilityOptions> observability,
    IOptionsMonitor<TelegramOptions> telegram)
{
    private const string DirectLine = "/v3/directline";

    public RateLimitPartition<string> Partition(HttpContext context)
    {
        var (policy, settings, key) = Classify(context);
        if (policy is null || settings is null || !settings.Enabled) return RateLimitPartition.GetNoLimiter(string.Empty);
        context.Items[RateLimitPolicy.ItemKey] = policy;
        // The settings are part of the key, so a changed configuration starts fresh buckets.
        return TokenBuckets.Partition($"{policy}|{settings.Burst}/{settings.PerMinute}|{key}", settings);
    }

    private (string? Policy, TokenBucketSettings? Settings, string Key) Classify(HttpContext context)
    {
        var limits = hardening.CurrentValue.RateLimits;
        var request = context.Request;
        var path = request.Path;
        var post = HttpMethods.IsPost(request.Method);

        if (path.StartsWithSegments(DirectLine, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            var segments = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (post && segments is ["tokens", "generate" or "refresh"] or ["conversations"])
                return (RateLimitPolicy.SessionStart, limits.SessionStart, ClientAddress.KeyOf(context));
            if (HttpMethods.IsGet(request.Method) && segments is ["conversations", var conversation, ..])
                return (RateLimitPolicy.Polling, limits.Polling, "conversation:" + Bounded(conversation));
            return (null, null, string.Empty);
        }
        if (post && path.Equals("/api/webchat/token", StringComparison.OrdinalIgnoreCase))
            return (RateLimitPolicy.SessionStart, limits.SessionStart, ClientAddress.KeyOf(context));
        if (path.StartsWithSegments("/api/search", StringComparison.OrdinalIgnoreCase))
            return (RateLimitPolicy.Search, limits.Search, ClientAddress.KeyOf(context));
        if (path.StartsWithSegments("/api/cases", StringComparison.OrdinalIgnoreCase))
            return (RateLimitPolicy.OperatorApi, limits.OperatorApi, ClientAddress.KeyOf(context));
        if (path.StartsWithSegments(observability.CurrentValue.MetricsPath, StringComparison.OrdinalIgnoreCase))
            return (RateLimitPolicy.Metrics, limits.Metrics, ClientAddress.KeyOf(context));
        if (path.StartsWithSegments("/api/telegram", StringComparison.OrdinalIgnoreCase)
            && !TelegramSecretFilter.Matches(request.Headers[TelegramSecretFilter.Header].ToString(), telegram.CurrentValue.WebhookSecret))
            return (RateLimitPolicy.TelegramUnauthenticated, limits.TelegramUnauthenticated, ClientAddress.KeyOf(context));
        return (null, null, string.Empty);
    }

    /// <summary>A conversation id from the URL, cut to a sane length (it only names a bucket).</summary>
    private static string Bounded(string value) => value.Length <= 128 ? value : value[..128];
}
