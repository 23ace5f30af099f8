using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// Wraps the SDK's BotFrameworkAuthentication so the adapter stops building a ConnectorClient and a UserTokenClient on
/// every turn: connector factories hand out clients shared per (app identity, serviceUrl, audience)
/// (<see cref="ReusingConnectorFactory"/>), and the user-token client is shared per app identity. Authentication itself is
/// the SDK's, untouched: JWT checks run exactly as before (on when MicrosoftAppId is set). Clients are keyed by the
/// app id the SDK's own factories read from the turn's identity, so tokens stay per app identity; an identity the SDK
/// would reject (two audience claims) is passed through uncached, to fail as it did.
/// </summary>
public sealed class ClientReusingBotFrameworkAuthentication(
    BotFrameworkAuthentication inner,
    BotClientCache<ConnectorClientKey, SharedConnectorClient> connectors,
    BotClientCache<string, SharedUserTokenClient> userTokenClients) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader,
        CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Reusing(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader,
        CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Reusing(result.ConnectorFactory, result.ClaimsIdentity);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        Reusing(inner.CreateConnectorFactory(claimsIdentity), claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        TryGetAppId(claimsIdentity, out var appId)
            ? userTokenClients.GetOrCreateAsync(UserTokenKey(appId),
                () => inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken), created => new SharedUserTokenClient(created))
            : inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    /// <summary>The app id the SDK's factories use for <paramref name="identity"/> (BuiltinBotFrameworkAuthentication.GetAppId:
    /// the single audience claim, else the single appid claim, else none). False when that lookup would throw.</summary>
    public static bool TryGetAppId(ClaimsIdentity? identity, out string? appId)
    {
        appId = null;
        if (identity is null) return false;
        if (Single(identity, AuthenticationConstants.AudienceClaim, out var audience) is var audiences && audiences > 1) return false;
        if (audiences == 1)
        {
            appId = audience;
            return true;
        }
        if (Single(identity, AuthenticationConstants.AppIdClaim, out var id) > 1) return false;
        appId = id;
        return true;
    }

    // An anonymous identity (no app id) and one whose app id is "" are different identities to the SDK: keep them apart.
    private static string UserTokenKey(string? appId) => appId is null ? "\0anonymous" : "id:" + appId;

    private ConnectorFactory Reusing(ConnectorFactory factory, ClaimsIdentity? identity) =>
        factory is null or ReusingConnectorFactory || !TryGetAppId(identity, out var appId)
            ? factory!
            : new ReusingConnectorFactory(factory, appId, connectors);

    private static int Single(ClaimsIdentity identity, string type, out string? value)
    {
        value = null;
        var count = 0;
        foreach (var claim in identity.Claims)
        {
            if (claim.Type != type) continue;
            value = claim.Value;
            count++;
        }
        return count;
    }
}
