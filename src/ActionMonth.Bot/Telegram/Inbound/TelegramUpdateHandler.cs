using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Operators;
using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Telegram.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ActionMonth.Bot.Telegram.Inbound;

/// <summary>
/// Handles one update: the operators' chat goes to the operators' side and never to the bot; a message (or an
/// edited one: the user corrected it, so it is read again, safety gate included) that is for the bot becomes a
/// turn; a button press is answered at once (the spinner stops) and becomes the message the button stands for.
/// Everything else (channel posts, joins, inline queries) is ignored. Exceptions worth a retry propagate.
/// </summary>
public sealed class TelegramUpdateHandler(
    TelegramAdapter adapter,
    IBot bot,
    TelegramActivityFactory activities,
    TelegramBotIdentity identity,
    IButtonStore buttons,
    TelegramMessageSender messages,
    OperatorChatHandler operators,
    ILogger<TelegramUpdateHandler> logger)
{
    private static readonly TimeSpan TypingRepeat = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan FirstTypingBudget = TimeSpan.FromSeconds(2);

    public async Task HandleAsync(Update update, bool priority, CancellationToken cancellationToken)
    {
        switch (update)
        {
            case { Message: { } message }:
                await OnMessageAsync(update.Id, message, edited: false, priority, cancellationToken).ConfigureAwait(false);
                break;
            case { EditedMessage: { } message }:
                await OnMessageAsync(update.Id, message, edited: true, priority, cancellationToken).ConfigureAwait(false);
                break;
            case { CallbackQuery: { } query }:
                await OnButtonAsync(update.Id, query, cancellationToken).ConfigureAwait(false);
                break;
            default:
                logger.LogDebug("Telegram update {UpdateId} of type {UpdateType} ignored", update.Id, update.Type);
                break;
        }
    }

    private async Task OnMessageAsync(long updateId, Message message, bool edited, bool priority, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false }) return;
        if (operators.IsOperatorChat(message.Chat.Id))
        {
            await operators.HandleMessageAsync(message, edited, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (message.Chat.Type == ChatType.Channel) return;
        var username = await identity.GetUsernameAsync(cancellationToken).ConfigureAwait(false);
        if (!GroupAddressing.IsAddressed(message, identity.BotId, username))
        {
            logger.LogDebug("Telegram update {UpdateId}: group message not addressed to the bot", updateId);
            return;
        }
        var activity = activities.FromMessage(message, edited, identity.BotId, username);
        if (activity is null) return;
        logger.LogInformation("Telegram update {UpdateId} → activity {ActivityId} ({Kind}{Media})", updateId, activity.Id,
            edited ? "edited message" : "message", activity.Attachments is { Count: > 0 } a ? ", " + a[0].Name : string.Empty);
        var turn = new TelegramTurn(message.Chat.Id, message.MessageId, GroupAddressing.IsGroup(message.Chat), priority);
        await RunTurnAsync(activity, turn, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnButtonAsync(long updateId, CallbackQuery query, CancellationToken cancellationToken)
    {
        var id = CallbackData.ButtonId(query.Data);
        StoredButton? button;
        try
        {
            button = id is null ? null : await buttons.FindAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The spinner must still stop; the user can type instead.
            logger.LogError("Telegram update {UpdateId}: button lookup failed ({ExceptionType})", updateId, ex.GetType().FullName);
            button = null;
        }
        if (button is { Kind: ButtonKind.OperatorAction })
        {
            await operators.HandleCallbackAsync(query, button, cancellationToken).ConfigureAwait(false);
            return;
        }

        var chat = query.Message?.Chat;
        if (button is null || chat is null || button.ChatId != chat.Id || query.From.IsBot
            || JsonConvert.DeserializeObject<CardAction>(button.Payload) is not { } action)
        {
            logger.LogInformation("Telegram update {UpdateId}: unknown or expired button", updateId);
            await messages.AnswerCallbackAsync(query.Id, TelegramTexts.ButtonExpired, alert: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        await messages.AnswerCallbackAsync(query.Id, null, alert: false, cancellationToken).ConfigureAwait(false);
        var username = await identity.GetUsernameAsync(cancellationToken).ConfigureAwait(false);
        var activity = activities.FromButton(query, action, identity.BotId, username);
        logger.LogInformation("Telegram update {UpdateId} → activity {ActivityId} (button {ActionType})", updateId, activity.Id, action.Type);
        await RunTurnAsync(activity, new TelegramTurn(chat.Id, null, GroupAddressing.IsGroup(chat), priority: false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Runs the turn with "typing…" shown while the bot works (not before a safety reply, which goes at once).</summary>
    private async Task RunTurnAsync(Activity activity, TelegramTurn turn, CancellationToken cancellationToken)
    {
        if (turn.Priority)
        {
            await adapter.ProcessActivityAsync(activity, turn, bot, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var typing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using (var first = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // A slow Telegram must not hold the answer up for the sake of "typing…".
            first.CancelAfter(FirstTypingBudget);
            try
            {
                await messages.SendTypingAsync(turn.ChatId, first.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Typing action for chat {ChatId} timed out", turn.ChatId);
            }
        }
        var repeat = RepeatTypingAsync(turn.ChatId, typing.Token);
        try
        {
            await adapter.ProcessActivityAsync(activity, turn, bot, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await typing.CancelAsync().ConfigureAwait(false);
            await repeat.ConfigureAwait(false);
        }
    }

    private async Task RepeatTypingAsync(long chatId, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TypingRepeat, cancellationToken).ConfigureAwait(false);
                await messages.SendTypingAsync(chatId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The turn is over.
        }
    }
}
