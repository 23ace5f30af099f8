namespace ActionMonth.Bot.Bots;

/// <summary>The Bot section of the configuration: input limits and the per-user rate limit.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Longer messages get a note and only their first part is answered (the safety check reads all).</summary>
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>POST /api/messages bodies above this are refused with 413 before the adapter reads them.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>How many recent search results to keep (0: no cache). Emptied on every index reload.</summary>
    public int SearchCacheSize { get; set; } = 4096;

    /// <summary>How many recent texts' disclosure decisions to remember (0: the detector reads every message afresh).
    /// Only the very same text reuses a decision.</summary>
    public int DetectorCacheSize { get; set; } = 8192;
}

/// <summary>A token bucket per user: <see cref="Burst"/> messages at once, refilled at <see cref="PerMinute"/>.</summary>
public sealed class RateLimitOptions
{
    public int Burst { get; set; } = 10;
    public int PerMinute { get; set; } = 30;
}
