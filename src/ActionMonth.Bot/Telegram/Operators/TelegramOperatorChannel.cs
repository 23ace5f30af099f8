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
/// claim-timeout reminders, are replies under it; status changes made elsewhere (the operator
/// API) update the card. Idempotent on the notification id, as the outbox requires; throws when Telegram cannot
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

        var current = await cases.GetCaseAsync(notification.CaseId, cancellationToken).ConfigureAwait(false);
        if (current is null || current.ChatId != chatId)
        {
            // The card comes first, whatever the notification: a user message for a case the chat has not seen yet
            // (Telegram was configured after the case opened) still needs the card to be claimed from.
            current = await card.PostAsync(Draft(notification, chatId), cancellationToken).ConfigureAwait(false);
        }

        switch (notification.Kind)
        {
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
            case NotificationKind.ClaimTimedOut:
                await card.ReplyAsync(current, OperatorCaseFormatter.ClaimTimedOut(notification.CaseId), cancellationToken)
                    .ConfigureAwait(false);
                break;
            case NotificationKind.StatusChanged:
                var status = notification.Status.ToString();
                if (!string.Equals(current.Status, status, StringComparison.OrdinalIgnoreCase))
                    await card.RefreshAsync(current with { Status = status }, actorHtml: null, cancellationToken).ConfigureAwait(false);
                break;
        }

        await cases.MarkDeliveredAsync(notification.NotificationId, notification.CaseId, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Operators' chat notified: {Kind} for case {CaseId} ({Level} {Category})", notification.Kind,
            notification.CaseId, notification.Level, notification.Category);
    }

    private static OperatorCaseMessage Draft(EscalationNotification n, long chatId) => new(
        n.CaseId, chatId, RootMessageId: 0, EscalationEntity.LevelName(n.Level), EscalationEntity.CategoryName(n.Category),
        n.Channel, n.CaseCreatedAt,
        n.Status is CaseStatus.Claimed or CaseStatus.Closed ? n.Status.ToString() : nameof(CaseStatus.New), ClaimedBy: null);
}
