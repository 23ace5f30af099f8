namespace ActionMonth.Bot.Telegram.Receiving;

/// <summary>Waits that double after each failure, from <c>initial</c> up to <c>max</c>, with ±20 % jitter so
/// several instances do not retry in step; <see cref="Reset"/> after a success starts again from <c>initial</c>.</summary>
public sealed class ExponentialBackoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    public int Failures => _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var delay = TimeSpan.FromTicks((long)Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, exponent)));
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.4;
        return TimeSpan.FromTicks(Math.Min(max.Ticks, (long)(delay.Ticks * jitter)));
    }

    public void Reset() => _failures = 0;
}
