namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>The names of the rate-limit policies (metric label <c>policy</c>, log field) and the route each covers.</summary>
public static class RateLimitPolicy
{
    public const string Messages = "messages";
    public const string SessionStart = "session_start";
    public const string Polling = "polling";
    public const string Search = "search";
    public const string OperatorApi = "operator_api";
    public const string Metrics = "metrics";
    public const string TelegramUnauthenticated = "telegram_unauthenticated";

    /// <summary>HttpContext.Items key under which the policy that limited a request is kept for the 429 answer.</summary>
    public const string ItemKey = "ActionMonth.RateLimitPolicy";
}
