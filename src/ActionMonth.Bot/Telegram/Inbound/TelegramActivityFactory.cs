using System.Globalization;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using BotAttachment = Microsoft.Bot.Schema.Attachment;

namespace ActionMonth.Bot.Telegram.Inbound;

/// <summary>
/// Makes Bot Framework activities from Telegram messages and button presses, so the bot never knows it is on
/// Telegram. Ids only: the conversation is the chat id, the user is the Telegram user id; names and usernames of
/// users are never copied. Activity ids are stable across redeliveries ("chat-message", "chat-message-e&lt;edit
/// time&gt;", "cbq-&lt;query id&gt;"), so escalation opens one case for one message however often it arrives.
/// Media the bot cannot read (photos, voice, stickers, video, files…) become an attachment marker with no file
/// reference, and the caption, if any, is the text (the safety gate reads it like any message).
/// </summary>
public sealed class TelegramActivityFactory
{
    /// <summary>Content type prefix of the markers for media the bot does not read.</summary>
    public const string MediaContentTypePrefix = "application/vnd.telegram.";

    /// <summary>The message as an activity, or null for service messages (members joining, pins…) that are not
    /// anything a user said.</summary>
    public Activity? FromMessage(Message message, bool edited, long botId, string? botUsername)
    {
        var media = MediaKind(message);
        if (media == "service") return null;
        var text = Normalise(message.Text ?? message.Caption, message.Entities ?? message.CaptionEntities, botId, botUsername);
        var chat = message.Chat;
        var id = edited && message.EditDate is { } editDate
            ? Invariant($"{chat.Id}-{message.MessageId}-e{new DateTimeOffset(DateTime.SpecifyKind(editDate, DateTimeKind.Utc)).ToUnixTimeSeconds()}")
            : Invariant($"{chat.Id}-{message.MessageId}");
        var activity = Base(id, chat, message.From!, botId, botUsername, edited ? message.EditDate ?? message.Date : message.Date);
        activity.Text = text;
        activity.TextFormat = TextFormatTypes.Plain;
        if (media is not null)
            activity.Attachments = [new BotAttachment { ContentType = MediaContentTypePrefix + media, Name = media }];
        activity.ChannelData = new JObject
        {
            ["update"] = edited ? "edited_message" : "message",
            ["messageId"] = message.MessageId,
            ["chatType"] = chat.Type.ToString().ToLowerInvariant(),
        };
        return activity;
    }

    /// <summary>A pressed inline button as the message the same button sends in Web Chat: imBack sends its value as
    /// text; messageBack its text and value; postBack its value.</summary>
    public Activity FromButton(CallbackQuery query, CardAction action, long botId, string? botUsername)
    {
        var chat = query.Message!.Chat;
        var activity = Base("cbq-" + query.Id, chat, query.From, botId, botUsername, DateTime.UtcNow);
        switch (action.Type)
        {
            case ActionTypes.ImBack:
                activity.Text = action.Value as string ?? action.Title;
                break;
            case ActionTypes.MessageBack:
                activity.Text = action.Text ?? action.DisplayText;
                activity.Value = action.Value;
                break;
            default:
                activity.Value = action.Value;
                break;
        }
        activity.TextFormat = TextFormatTypes.Plain;
        activity.ChannelData = new JObject { ["update"] = "callback_query", ["messageId"] = query.Message.MessageId };
        return activity;
    }

    private static Activity Base(string id, Chat chat, User from, long botId, string? botUsername, DateTime timestamp) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Timestamp = new DateTimeOffset(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc)),
        ChannelId = TelegramAdapter.Channel,
        ServiceUrl = TelegramAdapter.ServiceUrl,
        Conversation = new ConversationAccount(
            isGroup: GroupAddressing.IsGroup(chat),
            conversationType: GroupAddressing.IsGroup(chat) ? "group" : "personal",
            id: chat.Id.ToString(CultureInfo.InvariantCulture)),
        From = new ChannelAccount(id: from.Id.ToString(CultureInfo.InvariantCulture), role: RoleTypes.User),
        Recipient = new ChannelAccount(id: botId.ToString(CultureInfo.InvariantCulture), name: botUsername, role: RoleTypes.Bot),
        Locale = from.LanguageCode,
    };

    /// <summary>
    /// What the bot should read: the bot's own @mention removed ("@ActionMonthBot trẻ em có quyền gì?" → the
    /// question), a leading command without its "@botname" and, for /start, without its deep-link payload.
    /// </summary>
    public static string? Normalise(string? text, MessageEntity[]? entities, long botId, string? botUsername)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var remove = new List<(int Start, int Length)>();
        string? command = null;
        foreach (var entity in entities ?? [])
        {
            if (entity.Offset < 0 || entity.Offset + entity.Length > text.Length) continue;
            var value = text.Substring(entity.Offset, entity.Length);
            if (entity.Type == MessageEntityType.Mention && GroupAddressing.IsOurName(value.TrimStart('@'), botUsername)
                || entity.Type == MessageEntityType.TextMention && entity.User?.Id == botId)
            {
                remove.Add((entity.Offset, entity.Length));
            }
            else if (entity.Type == MessageEntityType.BotCommand && entity.Offset == 0)
            {
                var at = value.IndexOf('@');
                command = at > 0 ? value[..at] : value;
                remove.Add((0, entity.Length));
            }
        }
        if (remove.Count == 0) return text.Trim();

        var rest = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, length) in remove.OrderBy(r => r.Start))
        {
            if (start < position) continue;
            rest.Append(text, position, start - position);
            position = start + length;
        }
        rest.Append(text, position, text.Length - position);
        var remainder = string.Join(' ', rest.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (command is null) return remainder;
        // /start's payload is a deep-link parameter, not something the user typed.
        return command.Equals("/start", StringComparison.OrdinalIgnoreCase) || remainder.Length == 0
            ? command
            : command + " " + remainder;
    }

    /// <summary>Null for text; a short kind for media; "service" for service messages.</summary>
    private static string? MediaKind(Message message) => message.Type switch
    {
        MessageType.Text => null,
        MessageType.Photo => "photo",
        MessageType.Sticker => "sticker",
        MessageType.Voice => "voice",
        MessageType.Audio => "audio",
        MessageType.Video => "video",
        MessageType.VideoNote => "video_note",
        MessageType.Animation => "animation",
        MessageType.Document => "document",
        MessageType.Contact => "contact",
        MessageType.Location or MessageType.Venue => "location",
        _ when message.IsServiceMessage => "service",
        _ => "other",
    };

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
