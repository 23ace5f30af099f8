using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.DirectLine;

/// <summary>What a valid token grants: one conversation, as one user, until it expires.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

public enum TokenStatus { Valid, Missing, Invalid, Expired }

/// <summary>
/// Issues and checks Direct Line tokens: compact JWTs signed with HMAC-SHA256 (the key from
/// <see cref="DirectLineSigningKey"/>), carrying the conversation (<c>conv</c>), the user (<c>user</c>, which Web
/// Chat reads to set its user id, so the client never chooses it) and an expiry. Nothing is stored per token: any
/// instance with the key can check one. Only HS256 is accepted, whatever the header says.
/// </summary>
public sealed class DirectLineTokens(DirectLineSigningKey key, IOptions<DirectLineOptions> options, TimeProvider time)
{
    private const string Purpose = "token";
    private const string Issuer = "actionmonth/directline";
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Clamp(options.Value.TokenLifetimeMinutes, 1, 24 * 60));

    public Task<string> IssueAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        IssueAsync(conversationId, userId, time.GetUtcNow(), cancellationToken);

    /// <summary>Issues a token as if at <paramref name="issuedAt"/> (tests use a past time for an expired token).</summary>
    internal async Task<string> IssueAsync(string conversationId, string userId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["conv"] = conversationId,
            ["user"] = userId,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + Lifetime).ToUnixTimeSeconds(),
            // A random id makes every token distinct, even two issued in the same second (a refresh right after
            // the first issue must still hand out a new token).
            ["jti"] = Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)),
        });
        var unsigned = Header + "." + Base64Url.EncodeToString(payload);
        var signature = await key.SignAsync(Purpose, unsigned, cancellationToken).ConfigureAwait(false);
        return unsigned + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Reads an <c>Authorization</c> header value (<c>Bearer …</c>).</summary>
    public async Task<(TokenStatus Status, DirectLineGrant? Grant)> CheckAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return (TokenStatus.Missing, null);
        var token = authorization[scheme.Length..].Trim();
        if (token.Length is 0 or > 2048) return (TokenStatus.Invalid, null);

        var parts = token.Split('.');
        if (parts.Length != 3 || !string.Equals(parts[0], Header, StringComparison.Ordinal)) return (TokenStatus.Invalid, null);
        var signature = TryDecode(parts[2]);
        if (signature is null
            || !await key.VerifyAsync(Purpose, parts[0] + "." + parts[1], signature, cancellationToken).ConfigureAwait(false))
            return (TokenStatus.Invalid, null);

        var payload = TryDecode(parts[1]);
        if (payload is null) return (TokenStatus.Invalid, null);
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (!root.TryGetProperty("iss", out var iss) || iss.GetString() != Issuer
                || !root.TryGetProperty("conv", out var conv) || conv.GetString() is not { Length: > 0 } conversationId
                || !root.TryGetProperty("user", out var user) || user.GetString() is not { Length: > 0 } userId
                || !root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires))
                return (TokenStatus.Invalid, null);
            var grant = new DirectLineGrant(conversationId, userId, DateTimeOffset.FromUnixTimeSeconds(expires));
            return grant.ExpiresAt <= time.GetUtcNow() ? (TokenStatus.Expired, grant) : (TokenStatus.Valid, grant);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (TokenStatus.Invalid, null);
        }
    }

    private static byte[]? TryDecode(string text)
    {
        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
