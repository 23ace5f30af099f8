using System.Security.Cryptography;
using System.Text;
using ActionMonth.Bot.Escalation;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Endpoints;

/// <summary>
/// Guards the operator API: <c>Authorization: Bearer &lt;Escalation:OperatorApiKey&gt;</c>, compared in constant time
/// (over SHA-256 digests, so the key's length does not leak either). Missing or wrong → 401 with
/// <c>WWW-Authenticate: Bearer</c>. When the key is empty the API is off and every route answers 404, as if it
/// did not exist.
/// </summary>
public sealed class OperatorApiKeyFilter(IOptionsMonitor<EscalationOptions> options, ILogger<OperatorApiKeyFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = options.CurrentValue.OperatorApiKey;
        var http = context.HttpContext;
        if (string.IsNullOrEmpty(key)) return Results.NotFound();

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        if (presented is null || !Matches(presented, key))
        {
            logger.LogWarning("Operator API: {Outcome} for {Method} {Path} from {RemoteIp}",
                presented is null ? "no bearer key" : "wrong bearer key", http.Request.Method, http.Request.Path.Value, http.Connection.RemoteIpAddress);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Unauthorized();
        }
        return await next(context).ConfigureAwait(false);
    }

    private static bool Matches(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
