namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>Exponential backoff with "equal jitter": after the n-th failure wait between half and all of
/// min(max, base·2^(n−1)), so retries of many rows after one outage spread out instead of arriving together.</summary>
public static class OutboxBackoff
{
    public static TimeSpan Delay(int failedAttempts, OutboxOptions options, Random random)
    {
        var baseSeconds = Math.Max(0.01, options.BaseDelaySeconds);
        var maxSeconds = Math.Max(baseSeconds, options.MaxDelaySeconds);
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ceiling = Math.Min(maxSeconds, baseSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
