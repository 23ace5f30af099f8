using System.Security.Cryptography;
using System.Text;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The credential on turns our Direct Line runs in process: random per process, never sent anywhere, so no
/// request from outside can present it.</summary>
public sealed class DirectLineInProcessCredential
{
    private readonly byte[] _authorization = Encoding.UTF8.GetBytes("Bearer " + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The Authorization header value to send.</summary>
    public string Authorization => Encoding.UTF8.GetString(_authorization);

    public bool Matches(string? authorization) =>
        authorization is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization), _authorization);
}
