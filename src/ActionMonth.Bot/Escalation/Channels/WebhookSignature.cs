using System.Security.Cryptography;
using System.Text;

namespace ActionMonth.Bot.Escalation.Channels;

/// <summary>The <c>X-ActionMonth-Signature</c> header: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw
/// request body, keyed with Escalation:WebhookSecret (UTF-8). Receivers recompute it over the bytes they got.</summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-ActionMonth-Signature";
    public const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time check of a received header against the body.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header) =>
        header is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(header));
}
