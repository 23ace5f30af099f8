using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Observability;

/// <summary>
/// Guards the Prometheus endpoint: <c>Authorization: Bearer &lt;Observability:MetricsApiKey&gt;</c>, compared in
/// constant time over SHA-256 digests. Missing or wrong → 401 with <c>WWW-Authenticate: Bearer</c>. (With no key
/// configured the endpoint is not mapped at all.)
/// </summary>
public sealed class MetricsKeyMiddleware(RequestDelegate next, IOptionsMonitor<ObservabilityOptions> options, ILogger<MetricsKeyMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var key = options.CurrentValue.MetricsApiKey;
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        if (string.IsNullOrEmpty(key) || presented is null || !Matches(presented, key))
        {
            logger.LogWarning("Metrics endpoint: {Outcome}", presented is null ? "no bearer key" : "wrong bearer key");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }
        return next(context);
    }

    private static bool Matches(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
