using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// The one secret of the self-hosted Direct Line: it signs tokens and the per-conversation internal serviceUrl.
/// From DirectLine:TokenSigningKey when set; otherwise generated once and stored in the database, so that every
/// instance sharing the database accepts the others' tokens. Each use derives its own key (HMAC of a purpose name),
/// so a token signature can never pass for a serviceUrl signature.
/// </summary>
public sealed class DirectLineSigningKey(IDirectLineStore store, IOptions<DirectLineOptions> options)
{
    private const int MinimumKeyBytes = 32;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async ValueTask<byte[]> SignAsync(string purpose, string data, CancellationToken cancellationToken)
    {
        var key = await PurposeKeyAsync(purpose, cancellationToken).ConfigureAwait(false);
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
    }

    public async ValueTask<bool> VerifyAsync(string purpose, string data, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken)
    {
        var expected = await SignAsync(purpose, data, cancellationToken).ConfigureAwait(false);
        return CryptographicOperations.FixedTimeEquals(expected, signature.Span);
    }

    private async ValueTask<byte[]> PurposeKeyAsync(string purpose, CancellationToken cancellationToken)
    {
        var master = _key ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
        return HMACSHA256.HashData(master, Encoding.UTF8.GetBytes("actionmonth/directline/" + purpose));
    }

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is not null) return _key;
            var configured = options.Value.TokenSigningKey;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(configured.Trim());
                }
                catch (FormatException)
                {
                    throw new InvalidOperationException("DirectLine:TokenSigningKey must be base64.");
                }
                if (bytes.Length < MinimumKeyBytes)
                    throw new InvalidOperationException($"DirectLine:TokenSigningKey must hold at least {MinimumKeyBytes} bytes.");
                return _key = bytes;
            }
            return _key = await store.GetOrCreateSecretAsync("directline-signing-key",
                () => RandomNumberGenerator.GetBytes(MinimumKeyBytes), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
