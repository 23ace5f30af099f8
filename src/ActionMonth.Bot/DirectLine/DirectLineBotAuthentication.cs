using System.Security.Claims;
using ActionMonth.Bot.Adapters;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// Wraps the host's BotFrameworkAuthentication so that (1) every ConnectorFactory it makes routes our Direct Line's
/// serviceUrl in process (<see cref="DirectLineConnectorFactory"/>), for turns and proactive messages alike, and
/// (2) turns that our Direct Line runs in process are authenticated by a per-process credential that never leaves
/// memory (<see cref="DirectLineInProcessCredential"/>), so the self-hosted chat works whether or not a MicrosoftAppId is
/// configured. Everything else is the SDK's: /api/messages is checked exactly as before.
/// </summary>
public sealed class DirectLineBotAuthentication(
    BotFrameworkAuthentication inner,
    DirectLineConnector connector,
    DirectLineInProcessCredential credential,
    IConfiguration configuration,
    BotClientCache<string, SharedConnectorClient> inProcessClients) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader,
        CancellationToken cancellationToken)
    {
        if (credential.Matches(authHeader) && DirectLineServiceUrls.IsInternal(activity.ServiceUrl))
        {
            var identity = BotIdentity();
            return new AuthenticateRequestResult { ClaimsIdentity = identity, ConnectorFactory = CreateConnectorFactory(identity) };
        }
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Wrap(result.ConnectorFactory);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader,
        CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken).ConfigureAwait(false);
        result.ConnectorFactory = Wrap(result.ConnectorFactory);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => Wrap(inner.CreateConnectorFactory(claimsIdentity));

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private ConnectorFactory Wrap(ConnectorFactory factory) =>
        factory is DirectLineConnectorFactory ? factory : new DirectLineConnectorFactory(factory, connector, inProcessClients);

    /// <summary>The identity a channel's token would give: the bot's app id as audience, or anonymous without one.</summary>
    private ClaimsIdentity BotIdentity()
    {
        var appId = configuration["MicrosoftAppId"];
        if (string.IsNullOrWhiteSpace(appId)) return new ClaimsIdentity(Array.Empty<Claim>(), AuthenticationConstants.AnonymousAuthType);
        return new ClaimsIdentity(
            [new Claim(AuthenticationConstants.AudienceClaim, appId), new Claim(AuthenticationConstants.AppIdClaim, appId)],
            "DirectLineInProcess");
    }
}
