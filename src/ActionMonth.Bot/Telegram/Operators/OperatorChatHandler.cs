using System.Globalization;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Telegram.Storage;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Telegram.Bot.Extensions;
using Telegram.Bot.Types;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>
/// What operators do in their chat, through IEscalationOperations (which audits every action with the operator
/// id "telegram:&lt;user id&gt;"): «Nhận ca» claims and «Đóng ca» closes (only from that chat, only by its current
/// members: getChatMember), and a reply to a case's message is relayed to the user on whatever channel the user is
/// on. Nothing said in this chat ever reaches the bot's Q&amp;A. An operator action is never retried automatically
/// (no double messages to a user): if it fails the operator is told and can try again.
/// </summary>
public sealed class OperatorChatHandler(
    IOptions<EscalationOptions> options,
    IServiceProvider services,
    IOperatorCaseStore cases,
    OperatorCaseCard card,
    OperatorMembership membership,
    TelegramMessageSender sender,
    ILogger<OperatorChatHandler> logger)
{
    public bool IsOperatorChat(long chatId) => OperatorChat.IdOf(options.Value) == chatId;

    public static string OperatorId(long telegramUserId) =>
        "telegram:" + telegramUserId.ToString(CultureInfo.InvariantCulture);

    public async Task HandleCallbackAsync(CallbackQuery query, StoredButton button, CancellationToken cancellationToken)
    {
        var chatId = query.Message?.Chat.Id;
        var action = JsonConvert.DeserializeObject<OperatorAction>(button.Payload);
        if (action is null || chatId is null || !IsOperatorChat(chatId.Value) || button.ChatId != chatId
            || !await membership.IsMemberAsync(chatId.Value, query.From.Id, cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("Operator action refused: user {UserId} is not acting from the operators' chat", query.From.Id);
            await sender.AnswerCallbackAsync(query.Id, TelegramTexts.OperatorsOnly, alert: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (services.GetService<IEscalationOperations>() is not { } operations)
        {
            await sender.AnswerCallbackAsync(query.Id, TelegramTexts.OperationsUnavailable, alert: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        var operatorId = OperatorId(query.From.Id);
        OperatorActionResult result;
        try
        {
            result = action.Action == OperatorAction.Claim
                ? await operations.ClaimAsync(action.CaseId, operatorId, cancellationToken).ConfigureAwait(false)
                : await operations.CloseAsync(action.CaseId, operatorId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Operator {Action} on case {CaseId} failed: {ExceptionType}", action.Action, action.CaseId, ex.GetType().FullName);
            await sender.AnswerCallbackAsync(query.Id, TelegramTexts.ActionFailed, alert: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        logger.LogInformation("Operator {OperatorId} {Action} case {CaseId}: {Result}", operatorId, action.Action, action.CaseId, result);

        var notice = result switch
        {
            OperatorActionResult.Done => action.Action == OperatorAction.Claim ? TelegramTexts.Claimed : TelegramTexts.ClosedDone,
            OperatorActionResult.AlreadyClaimedByAnother => TelegramTexts.CaseClaimedByAnother,
            OperatorActionResult.AlreadyClosed => TelegramTexts.CaseAlreadyClosed,
            OperatorActionResult.NotClaimed => TelegramTexts.CaseNotClaimed,
            _ => TelegramTexts.CaseNotFound,
        };
        await sender.AnswerCallbackAsync(query.Id, notice, alert: result != OperatorActionResult.Done, cancellationToken).ConfigureAwait(false);

        // The card is redrawn from the case as stored now (also when the press lost a race: it then shows who has the
        // case), with the name of the operator who just acted.
        if (result == OperatorActionResult.NotFound
            || await cases.GetCaseAsync(action.CaseId, cancellationToken).ConfigureAwait(false) is not { } current) return;
        var actor = result == OperatorActionResult.Done ? OperatorCaseFormatter.Operator(query.From.Id, query.From.FirstName) : null;
        try
        {
            var state = services.GetService<ICaseStore>() is { } store
                ? (await store.GetAsync(action.CaseId, includeText: false, cancellationToken).ConfigureAwait(false))?.State
                : null;
            var status = state is not null ? OperatorCaseFormatter.CardStatus(state)
                : result == OperatorActionResult.Done ? (action.Action == OperatorAction.Claim ? nameof(CaseStatus.Claimed) : nameof(CaseStatus.Closed))
                : result == OperatorActionResult.AlreadyClosed ? nameof(CaseStatus.Closed)
                : null;
            if (status is null) return;
            await card.RefreshAsync(current with
            {
                Status = status,
                ClaimedBy = state?.ClaimedBy ?? (status == nameof(CaseStatus.Claimed) ? operatorId : current.ClaimedBy),
            }, state, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The action itself is done; a stale card is shown until the next change.
            logger.LogWarning("Case card {CaseId} could not be updated: {Failure}", action.CaseId, Client.TelegramFailures.Describe(ex));
        }
    }

    public async Task HandleMessageAsync(Message message, bool edited, CancellationToken cancellationToken)
    {
        // An edit cannot be unsent from the user's chat; operators' own conversation is not ours to read.
        if (edited || message.From is not { IsBot: false } from || message.ReplyToMessage is not { } repliedTo) return;
        var caseId = await cases.FindCaseIdAsync(message.Chat.Id, repliedTo.MessageId, cancellationToken).ConfigureAwait(false);
        if (caseId is null) return;

        if (string.IsNullOrWhiteSpace(message.Text))
        {
            await NoticeAsync(message, TelegramTexts.RelayTextOnly, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (services.GetService<IEscalationOperations>() is not { } operations)
        {
            await NoticeAsync(message, TelegramTexts.OperationsUnavailable, cancellationToken).ConfigureAwait(false);
            return;
        }

        var operatorId = OperatorId(from.Id);
        OperatorActionResult result;
        try
        {
            // The Telegram message is its own idempotency key: an update delivered again (after a crash before its offset
            // was acknowledged) does not reach the user twice. An edit is a new text and is relayed as one.
            var key = edited ? null : $"telegram:{message.Chat.Id}:{message.MessageId}";
            result = await operations.SendToUserAsync(caseId, operatorId, message.Text, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Relay from operator {OperatorId} on case {CaseId} failed: {ExceptionType}", operatorId, caseId,
                ex.GetType().FullName);
            await NoticeAsync(message, TelegramTexts.ActionFailed, cancellationToken).ConfigureAwait(false);
            return;
        }
        logger.LogInformation("Operator {OperatorId} replied on case {CaseId}: {Result}", operatorId, caseId, result);
        await NoticeAsync(message, result switch
        {
            OperatorActionResult.Done or OperatorActionResult.Replayed => TelegramTexts.RelayDone,
            OperatorActionResult.NotClaimed => TelegramTexts.CaseNotClaimed,
            OperatorActionResult.AlreadyClaimedByAnother => TelegramTexts.CaseClaimedByAnother,
            OperatorActionResult.AlreadyClosed => TelegramTexts.CaseAlreadyClosed,
            _ => TelegramTexts.CaseNotFound,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task NoticeAsync(Message to, string text, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendHtmlAsync(to.Chat.Id, HtmlText.Escape(text), keyboard: null, replyTo: to.MessageId, priority: false,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Notice to the operators' chat failed: {Failure}", Client.TelegramFailures.Describe(ex));
        }
    }
}
