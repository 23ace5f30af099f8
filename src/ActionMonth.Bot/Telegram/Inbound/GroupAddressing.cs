using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ActionMonth.Bot.Telegram.Inbound;

/// <summary>
/// Whether a message is for the bot. In a private chat, always. In a group, only when it mentions the bot
/// (@username or a text mention), replies to one of the bot's messages, or is a command addressed to it
/// (/help@username): a group is people talking to each other, and the bot speaks only when spoken to.
/// </summary>
public static class GroupAddressing
{
    public static bool IsGroup(Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;

    public static bool IsAddressed(Message message, long botId, string? username)
    {
        if (message.Chat.Type == ChatType.Private) return true;
        if (!IsGroup(message.Chat)) return false;
        if (message.ReplyToMessage?.From?.Id == botId) return true;
        var text = message.Text ?? message.Caption ?? string.Empty;
        foreach (var entity in message.Entities ?? message.CaptionEntities ?? [])
        {
            if (entity.Offset < 0 || entity.Offset + entity.Length > text.Length) continue;
            var value = text.Substring(entity.Offset, entity.Length);
            switch (entity.Type)
            {
                case MessageEntityType.Mention when IsOurName(value.TrimStart('@'), username):
                case MessageEntityType.TextMention when entity.User?.Id == botId:
                    return true;
                case MessageEntityType.BotCommand when value.IndexOf('@') is var at and > 0 && IsOurName(value[(at + 1)..], username):
                    return true;
            }
        }
        return false;
    }

    public static bool IsOurName(string name, string? username) =>
        !string.IsNullOrEmpty(username) && string.Equals(name, username, StringComparison.OrdinalIgnoreCase);
}
