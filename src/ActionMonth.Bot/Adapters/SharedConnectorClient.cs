using Microsoft.Bot.Connector;
using Microsoft.Rest;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// A connector client that many turns share (<see cref="ReusingConnectorFactory"/>). CloudAdapterBase disposes the
/// client of a turn when the turn ends; this wrapper ignores that, so the shared client stays usable for the next turn.
/// Its serviceUrl is fixed: setting <see cref="BaseUri"/> would redirect every other turn's replies, so it is refused.
/// The wrapped ConnectorClient keeps nothing per call (each operation builds its own request), which is why the SDK's
/// older BotFrameworkAdapter shared its clients the same way.
/// </summary>
public sealed class SharedConnectorClient(IConnectorClient inner) : IConnectorClient
{
    internal IConnectorClient Inner => inner;

    public Uri BaseUri
    {
        get => inner.BaseUri;
        set => throw new InvalidOperationException("This connector client is shared by many turns; its serviceUrl cannot change.");
    }

    public JsonSerializerSettings SerializationSettings => inner.SerializationSettings;
    public JsonSerializerSettings DeserializationSettings => inner.DeserializationSettings;
    public ServiceClientCredentials Credentials => inner.Credentials;
    public IAttachments Attachments => inner.Attachments;
    public IConversations Conversations => inner.Conversations;

    /// <summary>Does nothing: the end of one turn must not close the client of the others (the cache owns it).</summary>
    public void Dispose()
    {
    }
}
