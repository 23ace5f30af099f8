using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Telegram.Storage;
using Newtonsoft.Json;
using Telegram.Bot.Types.ReplyMarkups;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>
/// Puts a case in the operators' chat and keeps its card current: the card with «Nhận ca» / «Đóng ca» while open
/// (only «Đóng ca» once claimed, none once closed), and the thread replies under it. Every message it posts is
/// mapped to the case, so an operator replying to any of them reaches the same user.
/// </summary>
public sealed class OperatorCaseCard(TelegramMessageSender sender, IButtonStore buttons, IOperatorCaseStore cases)
{
    public async Task<OperatorCaseMessage> PostAsync(OperatorCaseMessage draft, CancellationToken cancellationToken)
    {
        var keyboard = await KeyboardAsync(draft, cancellationToken).ConfigureAwait(false);
        var sent = await sender.SendHtmlAsync(draft.ChatId, OperatorCaseFormatter.Case(draft), keyboard, replyTo: null, priority: true,
            cancellationToken).ConfigureAwait(false);
        var posted = draft with { RootMessageId = sent.MessageId };
        await cases.SaveCaseAsync(posted, cancellationToken).ConfigureAwait(false);
        return posted;
    }

    public async Task RefreshAsync(OperatorCaseMessage current, string? actorHtml, CancellationToken cancellationToken)
    {
        await cases.UpdateStatusAsync(current.CaseId, current.Status, current.ClaimedBy, cancellationToken).ConfigureAwait(false);
        // Without a name from this update, a claimed card still links to whoever claimed it from Telegram.
        if (actorHtml is null && OperatorCaseFormatter.IsClaimed(current.Status)
            && current.ClaimedBy?.StartsWith("telegram:", StringComparison.Ordinal) == true
            && long.TryParse(current.ClaimedBy["telegram:".Length..], System.Globalization.CultureInfo.InvariantCulture, out var operatorId))
        {
            actorHtml = OperatorCaseFormatter.Operator(operatorId, firstName: null);
        }
        var keyboard = await KeyboardAsync(current, cancellationToken).ConfigureAwait(false);
        await sender.EditHtmlAsync(current.ChatId, current.RootMessageId, OperatorCaseFormatter.Case(current, actorHtml), keyboard,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task ReplyAsync(OperatorCaseMessage current, string html, CancellationToken cancellationToken, bool priority = false)
    {
        var sent = await sender.SendHtmlAsync(current.ChatId, html, keyboard: null, replyTo: current.RootMessageId, priority: priority,
            cancellationToken).ConfigureAwait(false);
        await cases.MapMessageAsync(current.ChatId, sent.MessageId, current.CaseId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InlineKeyboardMarkup?> KeyboardAsync(OperatorCaseMessage c, CancellationToken cancellationToken)
    {
        if (OperatorCaseFormatter.IsClosed(c.Status)) return new InlineKeyboardMarkup(Array.Empty<InlineKeyboardButton[]>());
        var actions = OperatorCaseFormatter.IsClaimed(c.Status)
            ? new[] { (TelegramTexts.CloseButton, OperatorAction.Close) }
            : [(TelegramTexts.ClaimButton, OperatorAction.Claim), (TelegramTexts.CloseButton, OperatorAction.Close)];
        var ids = await buttons.SaveAsync(c.ChatId, ButtonKind.OperatorAction,
            actions.Select(a => JsonConvert.SerializeObject(new OperatorAction(a.Item2, c.CaseId))).ToList(), cancellationToken)
            .ConfigureAwait(false);
        return new InlineKeyboardMarkup(actions.Zip(ids, (a, id) => InlineKeyboardButton.WithCallbackData(a.Item1, CallbackData.For(id))).ToArray());
    }
}
