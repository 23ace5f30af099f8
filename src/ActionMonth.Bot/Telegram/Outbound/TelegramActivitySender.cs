using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Storage;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ActionMonth.Bot.Telegram.Outbound;

/// <summary>
/// Sends one bot message to a chat: renders it (TelegramReplyRenderer), stores the actions of its buttons so the
/// callback data stays short, and sends the pieces in order with the keyboard under the last one. If the buttons
/// cannot be stored the text still goes, without them.
/// </summary>
public sealed class TelegramActivitySender(
    TelegramReplyRenderer renderer,
    TelegramMessageSender sender,
    IButtonStore buttons,
    ILogger<TelegramActivitySender> logger)
{
    /// <summary>Returns the last message sent, or null when the activity had nothing Telegram can show.</summary>
    public async Task<Message?> SendAsync(long chatId, IMessageActivity activity, int? replyTo, bool priority,
        CancellationToken cancellationToken)
    {
        var rendered = renderer.Render(activity);
        if (rendered.IsEmpty) return null;
        var keyboard = await KeyboardAsync(chatId, rendered, cancellationToken).ConfigureAwait(false);
        Message? last = null;
        for (var i = 0; i < rendered.Pieces.Count; i++)
        {
            var isLast = i == rendered.Pieces.Count - 1;
            last = await sender.SendHtmlAsync(chatId, rendered.Pieces[i], isLast ? keyboard : null, i == 0 ? replyTo : null, priority,
                cancellationToken).ConfigureAwait(false);
        }
        return last;
    }

    /// <summary>Replaces a message the bot sent earlier (UpdateActivity): the first piece only, Telegram edits one message.</summary>
    public async Task UpdateAsync(long chatId, int messageId, IMessageActivity activity, CancellationToken cancellationToken)
    {
        var rendered = renderer.Render(activity);
        if (rendered.IsEmpty) return;
        var keyboard = await KeyboardAsync(chatId, rendered, cancellationToken).ConfigureAwait(false);
        await sender.EditHtmlAsync(chatId, messageId, rendered.Pieces[0], keyboard, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InlineKeyboardMarkup?> KeyboardAsync(long chatId, RenderedReply rendered, CancellationToken cancellationToken)
    {
        if (rendered.Keyboard.Count == 0) return null;
        var actions = rendered.Keyboard.SelectMany(row => row).Where(b => b.Action is not null).ToList();
        IReadOnlyList<string> ids;
        try
        {
            ids = await buttons.SaveAsync(chatId, ButtonKind.BotAction,
                actions.Select(b => JsonConvert.SerializeObject(b.Action)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Buttons for chat {ChatId} could not be stored ({ExceptionType}); the message goes without them",
                chatId, ex.GetType().FullName);
            return null;
        }

        var idOf = new Dictionary<ReplyButton, string>(ReferenceEqualityComparer.Instance);
        foreach (var (button, id) in actions.Zip(ids)) idOf[button] = id;
        var rows = rendered.Keyboard.Select(row => row.Select(b => b.Url is { } url
            ? InlineKeyboardButton.WithUrl(b.Text, url)
            : InlineKeyboardButton.WithCallbackData(b.Text, CallbackData.For(idOf[b]))).ToArray()).ToArray();
        return new InlineKeyboardMarkup(rows);
    }
}
