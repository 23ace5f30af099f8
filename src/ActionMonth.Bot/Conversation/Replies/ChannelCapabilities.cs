namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>What a channel can show. Call (<c>tel:</c>) card actions work in Web Chat, Direct Line, the Emulator
/// and Teams; Telegram rejects tel: URLs in buttons (notes-protocols.md §4.9), so there the numbers are text only.</summary>
public static class ChannelCapabilities
{
    private static readonly HashSet<string> CallActionChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "webchat", "directline", "emulator", "msteams", "test",
    };

    public static bool SupportsCallActions(string? channelId) => channelId is not null && CallActionChannels.Contains(channelId);

    /// <summary>The command line (`ask`) is a one-shot conversation: no welcome before the answer.</summary>
    public static bool Welcomes(string? channelId) => !string.Equals(channelId, "cli", StringComparison.OrdinalIgnoreCase);
}
