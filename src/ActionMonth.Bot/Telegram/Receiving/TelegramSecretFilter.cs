using System.Security.Cryptography;
using System.Text;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Telegram.Receiving;

/// <summary>
/// The one check in front of POST /api/telegram: the X-Telegram-Bot-Api-Secret-Token header must equal
/// Telegram:WebhookSecret, compared in constant time (both sides hashed first, so not even the length leaks).
/// Anything else is 401 and the body is not read.
/// </summary>
public sealed class TelegramSecretFilter(IOptions<TelegramOptions> options, ILogger<TelegramSecretFilter> logger) : IEndpointFilter
{
    public const string Header = "X-Telegram-Bot-Api-Secret-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[Header].ToString();
        if (!Matches(presented, options.Value.WebhookSecret))
        {
            logger.LogWarning("Telegram webhook call refused: {Reason}", presented.Length == 0 ? "no secret header" : "wrong secret");
            return Results.Unauthorized();
        }
        return await next(context).ConfigureAwait(false);
    }

    public static bool Matches(string presented, string expected)
    {
        if (string.IsNullOrEmpty(expected)) return false;
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
