namespace ActionMonth.Bot.Hardening;

/// <summary>The Hardening section: request size limits, client addresses behind a proxy, HSTS and rate limits.</summary>
public sealed class HardeningOptions
{
    public const string Section = "Hardening";

    /// <summary>Kestrel's limit for any request body, and the limit of routes without one of their own.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Routes that take no real body (search, tokens, health, the page) refuse larger ones.</summary>
    public long SmallRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>The operator API's bodies (an operator's message to the user is at most a few thousand characters).</summary>
    public long OperatorApiMaxBodyBytes { get; set; } = 64 * 1024;

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public HstsSettings Hsts { get; set; } = new();

    public RateLimitSettings RateLimits { get; set; } = new();
}

/// <summary>
/// Hardening:ForwardedHeaders: behind a load balancer or reverse proxy, the client's address is in X-Forwarded-For. Trust
/// it only from the proxies listed here (addresses or CIDR networks); otherwise every user would share the proxy's address
/// and its rate limit, or a client could claim any address.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public bool Enabled { get; set; }
    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to unwrap.</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>Hardening:Hsts: Strict-Transport-Security on https responses (never on localhost).</summary>
public sealed class HstsSettings
{
    public int MaxAgeDays { get; set; } = 365;
    public bool IncludeSubDomains { get; set; }
}

/// <summary>
/// Hardening:RateLimits: token buckets per client address (IPv6 by /64) or, for polling, per conversation. A request
/// over its bucket gets 429 with Retry-After. On /api/messages and Direct Line's posted activities, a request over the
/// limit that carries a disclosure (or the urgent-help button) still goes through: the safety reply is never held back.
/// </summary>
public sealed class RateLimitSettings
{
    /// <summary>POST /api/messages and POST /v3/directline/conversations/{id}/activities, per address. Generous: a school
    /// or a family shares one address, and the bot limits each user after the safety gate as well.</summary>
    public TokenBucketSettings Messages { get; set; } = new() { Burst = 120, PerMinute = 300 };

    /// <summary>Starting a chat, per address: Direct Line tokens/generate and tokens/refresh, POST conversations (which
    /// runs a welcome turn and stores a conversation), and /api/webchat/token.</summary>
    public TokenBucketSettings SessionStart { get; set; } = new() { Burst = 60, PerMinute = 30 };

    /// <summary>Web Chat's polling (GET conversations/{id} and …/activities), per conversation: the page polls once a second.</summary>
    public TokenBucketSettings Polling { get; set; } = new() { Burst = 60, PerMinute = 180 };

    /// <summary>GET /api/search, per address.</summary>
    public TokenBucketSettings Search { get; set; } = new() { Burst = 30, PerMinute = 60 };

    /// <summary>/api/cases…, per address; also what makes guessing the operator key hopeless.</summary>
    public TokenBucketSettings OperatorApi { get; set; } = new() { Burst = 30, PerMinute = 60 };

    /// <summary>The Prometheus endpoint, per address (a scrape every 15 s is 4 a minute).</summary>
    public TokenBucketSettings Metrics { get; set; } = new() { Burst = 10, PerMinute = 30 };

    /// <summary>POST /api/telegram without the right secret header, per address. Calls with the right secret come from
    /// Telegram, carry every user's messages, and are never limited here (the bot limits each user).</summary>
    public TokenBucketSettings TelegramUnauthenticated { get; set; } = new() { Burst = 10, PerMinute = 10 };
}

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PerMinute"/>. PerMinute 0 turns the
/// limit off.</summary>
public sealed class TokenBucketSettings
{
    public int Burst { get; set; }
    public int PerMinute { get; set; }

    public bool Enabled => PerMinute > 0 && Burst > 0;
}
