using ActionMonth.Bot.Telegram.Client;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Extensions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ActionMonth.Bot.Telegram.Outbound;

/// <summary>
/// The Bot API calls that put something in a chat: sendMessage (HTML), editMessageText, sendChatAction,
/// answerCallbackQuery. Messages wait for the chat's slot (ChatSendThrottle) unless they are a safety reply, and
/// 429s are waited out (RetryAfterPolicy). If Telegram ever refuses our HTML, the same text goes again as plain
/// text: a reply with 111 in it must not be lost to a formatting error.
/// </summary>
public sealed class TelegramMessageSender(
    ITelegramBotClient client,
    ChatSendThrottle throttle,
    RetryAfterPolicy retry,
    ILogger<TelegramMessageSender> logger)
{
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    public async Task<Message> SendHtmlAsync(long chatId, string html, InlineKeyboardMarkup? keyboard, int? replyTo, bool priority,
        CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(chatId, priority, cancellationToken).ConfigureAwait(false);
        var reply = replyTo is { } id ? new ReplyParameters { MessageId = id, AllowSendingWithoutReply = true } : null;
        try
        {
            return await retry.RunAsync("sendMessage", ct => client.SendMessage(chatId, html, ParseMode.Html, replyParameters: reply,
                replyMarkup: keyboard, linkPreviewOptions: NoPreview, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (IsEntityError(ex))
        {
            logger.LogError("Telegram refused the HTML of a message to chat {ChatId} ({Failure}); sending it as plain text",
                chatId, TelegramFailures.Describe(ex));
            return await retry.RunAsync("sendMessage", ct => client.SendMessage(chatId, HtmlText.ToPlain(html), replyParameters: reply,
                replyMarkup: keyboard, linkPreviewOptions: NoPreview, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces a message's text and keyboard. "message is not modified" is success.</summary>
    public async Task EditHtmlAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync("editMessageText", ct => client.EditMessageText(chatId, messageId, html, ParseMode.Html,
                replyMarkup: keyboard, linkPreviewOptions: NoPreview, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase))
        {
            // Already shows this.
        }
    }

    public Task DeleteAsync(long chatId, int messageId, CancellationToken cancellationToken) =>
        retry.RunAsync("deleteMessage", ct => client.DeleteMessage(chatId, messageId, ct), cancellationToken);

    /// <summary>"typing…" for up to 5 s. Best effort: a failure is logged at debug level and forgotten.</summary>
    public async Task SendTypingAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            await client.SendChatAction(chatId, ChatAction.Typing, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogDebug("Typing action for chat {ChatId} failed: {Failure}", chatId, TelegramFailures.Describe(ex));
        }
    }

    /// <summary>Stops the button's progress spinner. Best effort: an old query (over ~15 min) cannot be answered any more.</summary>
    public async Task AnswerCallbackAsync(string callbackQueryId, string? text, bool alert, CancellationToken cancellationToken)
    {
        try
        {
            await retry.RunAsync("answerCallbackQuery", ct => client.AnswerCallbackQuery(callbackQueryId, text, alert, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("answerCallbackQuery failed: {Failure}", TelegramFailures.Describe(ex));
        }
    }

    private static bool IsEntityError(ApiRequestException ex) =>
        ex.ErrorCode == 400 && ex.Message.Contains("parse entities", StringComparison.OrdinalIgnoreCase);
}
