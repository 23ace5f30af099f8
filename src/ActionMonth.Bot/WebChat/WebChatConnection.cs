using System.Text.Json.Serialization;

namespace ActionMonth.Bot.WebChat;

/// <summary>What the page needs to open a conversation: the Direct Line base URL (relative for our own), a token
/// scoped to one conversation, its lifetime in seconds, and whether the conversation is already started (then Web
/// Chat reconnects to it instead of starting it).</summary>
public sealed record WebChatConnection(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("pollingInterval")] int PollingInterval,
    [property: JsonPropertyName("started")] bool Started);

/// <summary>Mints the page's Direct Line connection: ours, or Azure's when a secret is configured.</summary>
public interface IWebChatConnectionSource
{
    Task<WebChatConnection> CreateAsync(CancellationToken cancellationToken);
}

/// <summary>Azure's Direct Line did not give us a token.</summary>
public sealed class DirectLineUnavailableException(string message) : Exception(message);
