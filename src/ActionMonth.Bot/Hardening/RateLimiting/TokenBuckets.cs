using System.Threading.RateLimiting;

namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>Builds the token-bucket partitions. Requests never queue (a queued request is a delayed one); the partitioned
/// limiter refills the buckets and drops those idle and full, so memory follows current traffic, not history.</summary>
public static class TokenBuckets
{
    public static RateLimitPartition<string> Partition(string key, TokenBucketSettings settings) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => Options(settings));

    public static TokenBucketRateLimiterOptions Options(TokenBucketSettings settings)
    {
        // One token every 60/PerMinute seconds (at least 50 ms, then several tokens per period).
        var perSecond = settings.PerMinute / 60.0;
        var period = TimeSpan.FromSeconds(Math.Max(0.05, 1 / perSecond));
        var tokens = Math.Max(1, (int)Math.Round(perSecond * period.TotalSeconds));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
