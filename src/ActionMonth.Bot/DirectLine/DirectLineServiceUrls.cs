using System.Buffers.Text;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// The serviceUrl our Direct Line puts on the activities it hands the bot, and therefore on every conversation
/// reference the bot stores (for proactive messages too). It names a host under the reserved <c>.invalid</c> domain
/// (RFC 2606), which never resolves: the bot's connector calls to it are answered in process by
/// <see cref="DirectLineConnector"/>, never over the network, so there is no public connector route to attack. The
/// path carries an HMAC of the conversation id: an activity forged onto /api/messages (open when no MicrosoftAppId
/// is set) with a made-up serviceUrl cannot get the bot's replies into someone's conversation without the key.
/// </summary>
public sealed class DirectLineServiceUrls(DirectLineSigningKey key)
{
    public const string Host = "directline.actionmonth.invalid";
    private const string Purpose = "service-url";

    public static bool IsInternal(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && string.Equals(uri.Host, Host, StringComparison.OrdinalIgnoreCase);

    public async Task<string> ForAsync(string conversationId, CancellationToken cancellationToken)
    {
        var signature = await key.SignAsync(Purpose, conversationId, cancellationToken).ConfigureAwait(false);
        return $"https://{Host}/c/{Base64Url.EncodeToString(signature)}/";
    }

    /// <summary>True when <paramref name="signature"/> (the path segment after <c>/c/</c>) was made for this conversation.</summary>
    public async Task<bool> VerifyAsync(string signature, string conversationId, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        return await key.VerifyAsync(Purpose, conversationId, bytes, cancellationToken).ConfigureAwait(false);
    }
}
