using ActionMonth.Bot.Bots;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Conversation.Flow;

public enum RateDecision { Allowed, LimitedNotify, LimitedQuiet }

/// <summary>
/// A token bucket per user (channel + user id), in memory. The bot asks it only after the safety gate, so a
/// disclosure is never held back by it. The first refused message of a burst gets a polite note; the rest of
/// the burst are dropped quietly, so a flood does not turn into a flood of notes. A bucket that has refilled is the
/// same as no bucket, so it is forgotten: memory follows the users of the last minute or two, not every user seen.
/// </summary>
public sealed class UserRateLimiter(IOptions<BotOptions> options, TimeProvider time)
{
    /// <summary>Calls between two sweeps of refilled buckets: often enough to bound the map by recent users, rarely
    /// enough that the sweep's walk over the map costs nothing per call.</summary>
    public const int SweepEvery = 1024;

    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _calls;

    public RateDecision Check(string userKey)
    {
        var limits = options.Value.RateLimit;
        var burst = Math.Max(1, limits.Burst);
        var perSecond = Math.Max(1, limits.PerMinute) / 60.0;
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (++_calls % SweepEvery == 0) Sweep(now, burst, perSecond);
            if (!_buckets.TryGetValue(userKey, out var bucket))
            {
                bucket = new Bucket { Tokens = burst, Updated = now };
                _buckets[userKey] = bucket;
            }
            var elapsed = time.GetElapsedTime(bucket.Updated, now).TotalSeconds;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + elapsed * perSecond);
            bucket.Updated = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                bucket.Notified = false;
                return RateDecision.Allowed;
            }
            if (bucket.Notified) return RateDecision.LimitedQuiet;
            bucket.Notified = true;
            return RateDecision.LimitedNotify;
        }
    }

    /// <summary>The number of users with a bucket that has not refilled yet (for tests and diagnostics).</summary>
    public int TrackedUsers
    {
        get { lock (_gate) return _buckets.Count; }
    }

    private void Sweep(long now, int burst, double perSecond)
    {
        // Removing while enumerating is allowed for Dictionary since .NET Core 3.0.
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Tokens + time.GetElapsedTime(bucket.Updated, now).TotalSeconds * perSecond >= burst) _buckets.Remove(key);
        }
    }

    private sealed class Bucket
    {
        public double Tokens;
        public long Updated;
        public bool Notified;
    }
}
