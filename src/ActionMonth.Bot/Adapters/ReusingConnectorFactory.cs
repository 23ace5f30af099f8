using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;

namespace ActionMonth.Bot.Adapters;

/// <summary>The key of a reusable connector client: whose credentials it carries (the app id the SDK's factory takes
/// from the turn's identity; null when anonymous), where it sends, and for which audience it asks tokens.</summary>
public readonly record struct ConnectorClientKey(string? AppId, string ServiceUrl, string? Audience);

/// <summary>
/// The SDK's ConnectorFactory for one app identity, made to hand out one shared client per (serviceUrl, audience)
/// instead of building a ConnectorClient on every turn (Microsoft.Rest's constructor builds regexes, handlers and
/// serializer settings each time). The client it shares was made by the SDK's own factory for exactly that key, so it
/// carries the same credentials; nothing of a conversation is kept in it. When the cache is full the turn gets a fresh
/// client of its own, which the adapter disposes as before.
/// </summary>
public sealed class ReusingConnectorFactory(ConnectorFactory inner, string? appId, BotClientCache<ConnectorClientKey, SharedConnectorClient> cache)
    : ConnectorFactory
{
    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
        serviceUrl is null
            ? inner.CreateAsync(serviceUrl!, audience, cancellationToken)
            : cache.GetOrCreateAsync(new ConnectorClientKey(appId, serviceUrl, audience),
                () => inner.CreateAsync(serviceUrl, audience, cancellationToken), created => new SharedConnectorClient(created));
}
