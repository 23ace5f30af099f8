using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;

namespace ActionMonth.Bot.DirectLine;

/// <summary>Gives the bot a ConnectorClient answered in process by <see cref="DirectLineConnector"/> when the
/// serviceUrl is our Direct Line's, with no credentials (nothing leaves the process); any other serviceUrl goes to
/// the SDK's own factory as before.</summary>
public sealed class DirectLineConnectorFactory(ConnectorFactory inner, DirectLineConnector connector) : ConnectorFactory
{
    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
    {
        if (!DirectLineServiceUrls.IsInternal(serviceUrl)) return inner.CreateAsync(serviceUrl, audience, cancellationToken);
        var client = new ConnectorClient(new Uri(serviceUrl), MicrosoftAppCredentials.Empty,
            new HttpClient(connector, disposeHandler: false), disposeHttpClient: true);
        return Task.FromResult<IConnectorClient>(client);
    }
}
