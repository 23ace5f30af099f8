namespace ActionMonth.Bot.Telegram;

/// <summary>What the adapter knows about the Telegram side of the current turn, kept in the turn state: the chat, the
/// user's message (replied to in groups, so it is clear whom the bot answers) and whether the turn carries a
/// disclosure (its replies skip the per-chat throttle).</summary>
public sealed class TelegramTurn(long chatId, int? messageId, bool isGroup, bool priority)
{
    public long ChatId { get; } = chatId;
    public int? MessageId { get; } = messageId;
    public bool IsGroup { get; } = isGroup;
    public bool Priority { get; } = priority;

    /// <summary>True once the first reply has gone: only that one quotes the user's message.</summary>
    public bool Replied { get; set; }
}
