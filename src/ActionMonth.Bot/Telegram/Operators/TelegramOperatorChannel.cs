using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Storage;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>
/// The "telegram-operators" destination of the escalation outbox: the on-duty operators' Telegram chat
/// (Escalation:Telegram:OperatorChatId). A new case becomes a card with «Nhận ca» / «Đóng ca»; what the user writes
/// during the case, a graver disclosure (new level, every category), the user declining a counsellor, and
/// claim-timeout reminders, are replies under it (several held messages of a flood as one reply, "+K tin nhắn"
/// when they do not all fit). The card itself is redrawn from the case as it is at delivery (level, every
/// category, status: waiting, past the claim timeout, declined, claimed by whom, expired, closed), so it always
/// shows the truth, whichever way the change came (the user, the operator API, the claim timeout). Idempotent on the notification id, as the outbox requires; throws when Telegram cannot
/// be reached, so the outbox retries.
/// </summary>
public sealed class TelegramOperatorChannel(
    IOptions<TelegramOptions> telegram,
    IOptions<EscalationOptions> operators,
    IOperatorCaseStore cases,
    OperatorCaseCard card,
    ILogger<TelegramOperatorChannel> logger) : IEscalationNotificationChannel
{
    public const string ChannelName = "telegram-operators";

    public string Name => ChannelName;

    public bool IsConfigured => telegram.Value.Enabled && OperatorChat.IdOf(operators.Value) is not null;

    public bool Accepts(NotificationKind kind) => true;

    public async Task DeliverAsync(EscalationNotification notification, CancellationToken cancellationToken)
    {
        if (OperatorChat.IdOf(operators.Value) is not { } chatId || !telegram.Value.Enabled)
            throw new InvalidOperationException("The operators' Telegram chat is not configured.");
        if (await cases.IsDeliveredAsync(notification.NotificationId, cancellationToken).ConfigureAwait(false)) return;

        var state = notification.Now;
        var current = await cases.GetCaseAsync(notification.CaseId, cancellationToken).ConfigureAwait(false);
        if (current is null || current.ChatId != chatId)
        {
            // The card comes first, whatever the notification: a user message for a case the chat has not seen yet
            // (Telegram was configured after the case opened) still needs the card to be claimed from.
            current = await card.PostAsync(Draft(notification, chatId), state, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The card is the truth: redrawn before anything goes under it, so a failure here (retried by the outbox)
            // has posted nothing twice.
            current = await RedrawAsync(current, notification, cancellationToken).ConfigureAwait(false);
        }

        switch (notification.Kind)
        {
            case NotificationKind.UserMessage when notification.MessageCount > 1 && notification.MessageTexts is { Count: > 0 } texts:
                await card.ReplyAsync(current, OperatorCaseFormatter.UserMessages(notification.CaseId, texts, notification.MessageCount),
                    cancellationToken).ConfigureAwait(false);
                break;
            case NotificationKind.CaseOpened or NotificationKind.UserMessage when !string.IsNullOrWhiteSpace(notification.Text):
                await card.ReplyAsync(current, OperatorCaseFormatter.UserMessage(notification.CaseId, notification.Text!), cancellationToken)
                    .ConfigureAwait(false);
                break;
            case NotificationKind.CaseEscalated:
                // Its own alert in the thread, sent first in the chat's queue: the level or the kind of danger changed.
                await card.ReplyAsync(current, OperatorCaseFormatter.Escalated(notification.CaseId, EscalationEntity.LevelName(notification.Level),
                    notification.AllCategories.Select(EscalationEntity.CategoryName).ToList(), notification.Text), cancellationToken,
                    priority: true).ConfigureAwait(false);
                break;
            case NotificationKind.UserDeclined:
                await card.ReplyAsync(current, OperatorCaseFormatter.Declined(notification.CaseId, notification.Text), cancellationToken)
                    .ConfigureAwait(false);
                break;
            case NotificationKind.UserWaiting:
                await card.ReplyAsync(current, OperatorCaseFormatter.UserWaiting(notification.CaseId, current.ClaimedBy), cancellationToken,
                    priority: true).ConfigureAwait(false);
                break;
            case NotificationKind.UserUnreachable:
                await card.ReplyAsync(current, OperatorCaseFormatter.UserUnreachable(notification.CaseId), cancellationToken, priority: true)
                    .ConfigureAwait(false);
                break;
            case NotificationKind.ClaimTimedOut:
                await card.ReplyAsync(current, OperatorCaseFormatter.ClaimTimedOut(notification.CaseId), cancellationToken)
                    .ConfigureAwait(false);
                break;
        }

        await cases.MarkDeliveredAsync(notification.NotificationId, notification.CaseId, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Operators' chat notified: {Kind} for case {CaseId} ({Level} {Category})", notification.Kind,
            notification.CaseId, notification.Level, notification.Category);
    }

    /// <summary>Redraws the card when what it shows may have changed: on every notification but a plain user message,
    /// which redraws only when the card's status is not the case's (a decline lifted by asking for a counsellor
    /// again). Without the case's state (an older sender) only a status change redraws. A card Telegram will not
    /// edit (deleted from the chat) is posted again, so operators always have one to act on.</summary>
    private async Task<OperatorCaseMessage> RedrawAsync(OperatorCaseMessage current, EscalationNotification notification,
        CancellationToken cancellationToken)
    {
        var state = notification.Now;
        var shown = state is not null ? OperatorCaseFormatter.CardStatus(state)
            : notification.Kind == NotificationKind.StatusChanged ? notification.Status.ToString() : current.Status;
        var stale = !string.Equals(current.Status, shown, StringComparison.OrdinalIgnoreCase);
        if (!stale && (state is null || notification.Kind == NotificationKind.UserMessage)) return current;

        var next = current with { Status = shown, ClaimedBy = state?.ClaimedBy ?? current.ClaimedBy };
        try
        {
            await card.RefreshAsync(next, state, actorHtml: null, cancellationToken).ConfigureAwait(false);
            return next;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !Client.TelegramFailures.IsTransient(ex))
        {
            logger.LogWarning("Case card {CaseId} could not be edited ({Failure}); posting it again", notification.CaseId,
                Client.TelegramFailures.Describe(ex));
            return await card.PostAsync(next, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private static OperatorCaseMessage Draft(EscalationNotification n, long chatId) => new(
        n.CaseId, chatId, RootMessageId: 0, EscalationEntity.LevelName(n.Level), EscalationEntity.CategoryName(n.Category),
        n.Channel, n.CaseCreatedAt,
        n.Now is { } now ? OperatorCaseFormatter.CardStatus(now)
        : n.Status is CaseStatus.Claimed or CaseStatus.Closed ? n.Status.ToString() : nameof(CaseStatus.New),
        ClaimedBy: n.Now?.ClaimedBy);
}
