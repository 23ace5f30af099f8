using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Telegram.Storage;
using Newtonsoft.Json;
using Telegram.Bot.Extensions;
using Telegram.Bot.Types.ReplyMarkups;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>
/// Puts a case in the operators' chat and keeps its card current: the card with «Nhận ca» / «Đóng ca» while open
/// (only «Đóng ca» once claimed, none once closed), and the thread replies under it. Every message it posts is
/// mapped to the case, so an operator replying to any of them reaches the same user.
/// </summary>
public sealed class OperatorCaseCard(TelegramMessageSender sender, IButtonStore buttons, IOperatorCaseStore cases)
{
    /// <summary>Posts the card (with <paramref name="state"/>, the case as it is now, when known) and records it.</summary>
    public async Task<OperatorCaseMessage> PostAsync(OperatorCaseMessage draft, CaseState? state, CancellationToken cancellationToken)
    {
        var keyboard = await KeyboardAsync(draft, cancellationToken).ConfigureAwait(false);
        var sent = await sender.SendHtmlAsync(draft.ChatId, OperatorCaseFormatter.Case(draft, state, ActorOf(draft, null)), keyboard,
            replyTo: null, priority: true, cancellationToken).ConfigureAwait(false);
        var posted = draft with { RootMessageId = sent.MessageId };
        await cases.SaveCaseAsync(posted, cancellationToken).ConfigureAwait(false);
        return posted;
    }

    /// <summary>Redraws the card as <paramref name="current"/> (its Status the card status) and <paramref name="state"/>
    /// (the case now; null: level and category as first posted) say, and records the status shown. The edit comes
    /// first: if Telegram refuses it, the stored status stays as it was and the next notification tries again.</summary>
    public async Task RefreshAsync(OperatorCaseMessage current, CaseState? state, string? actorHtml, CancellationToken cancellationToken)
    {
        var keyboard = await KeyboardAsync(current, cancellationToken).ConfigureAwait(false);
        await sender.EditHtmlAsync(current.ChatId, current.RootMessageId, OperatorCaseFormatter.Case(current, state, ActorOf(current, actorHtml)),
            keyboard, cancellationToken).ConfigureAwait(false);
        await cases.UpdateStatusAsync(current.CaseId, current.Status, current.ClaimedBy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who claimed or closed the case, for the card: the name from this update, else a link to a Telegram
    /// operator (by id, no name stored), else the operator id another channel gave (the operator API's "api:lan").</summary>
    private static string? ActorOf(OperatorCaseMessage c, string? actorHtml)
    {
        if (actorHtml is not null || !OperatorCaseFormatter.IsClaimed(c.Status) || c.ClaimedBy is not { } by) return actorHtml;
        return by.StartsWith("telegram:", StringComparison.Ordinal)
               && long.TryParse(by["telegram:".Length..], System.Globalization.CultureInfo.InvariantCulture, out var operatorId)
            ? OperatorCaseFormatter.Operator(operatorId, firstName: null)
            : HtmlText.Escape(by);
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
