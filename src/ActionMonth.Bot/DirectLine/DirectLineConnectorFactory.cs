using ActionMonth.Bot.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;

namespace ActionMonth.Bot.DirectLine;

/// <summary>Gives the bot a ConnectorClient answered in process by <see cref="DirectLineConnector"/> when the
/// serviceUrl is our Direct Line's, with no credentials (nothing leaves the process); any other serviceUrl goes to
/// the SDK's own factory as before. A conversation's serviceUrl is its own (signed for it), so the client kept for reuse
/// in <paramref name="clients"/> serves only the turns of that conversation, exactly as a new one would; the connector
/// checks the signature on every call either way. A full cache means a new client for the turn, as before.</summary>
public sealed class DirectLineConnectorFactory(ConnectorFactory inner, DirectLineConnector connector,
    BotClientCache<string, SharedConnectorClient> clients) : ConnectorFactory
{
    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        if (!DirectLineServiceUrls.IsInternal(serviceUrl)) return inner.CreateAsync(serviceUrl, audience, cancellationToken);
        return clients.GetOrCreateAsync<IConnectorClient>(serviceUrl,
            () => Task.FromResult<IConnectorClient>(new ConnectorClient(new Uri(serviceUrl), MicrosoftAppCredentials.Empty,
                new HttpClient(connector, disposeHandler: false), disposeHttpClient: true)),
            created => new SharedConnectorClient(created));
    }
}
