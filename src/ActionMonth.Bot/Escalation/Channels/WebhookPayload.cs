using System.Text.Json;
using System.Text.Json.Serialization;
using ActionMonth.Bot.Safety;

namespace ActionMonth.Bot.Escalation.Channels;

/// <summary>
/// The webhook's JSON body (interfaces.md): <c>{caseId, level, category, channel, createdAt, status}</c>, plus
/// <c>event</c> (caseOpened, userMessage, claimTimedOut, statusChanged, caseEscalated, userDeclined),
/// <c>notificationId</c> (the same value as the Idempotency-Key header) so a receiver can tell notifications apart,
/// <c>categories</c> (every category the case was told, the first one, <c>category</c>, first; <c>level</c> is the
/// gravest), <c>occurredAt</c> (when the event happened; for several messages relayed together, the last one's time),
/// <c>messageCount</c> on userMessage events (how many user messages the event stands for: more than 1 when a flood was
/// relayed together), <c>lastActivityAt</c> (the case's last activity: an unclaimed case expires counted from it), and
/// <c>text</c> only when Escalation:IncludeTextInWebhook is true (several messages: one per line).
/// </summary>
public sealed record WebhookPayload(
    string CaseId,
    string Level,
    string Category,
    string Channel,
    DateTimeOffset CreatedAt,
    string Status,
    string Event,
    string NotificationId,
    IReadOnlyList<string> Categories,
    DateTimeOffset OccurredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MessageCount = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastActivityAt = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebhookPayload From(EscalationNotification notification, bool includeText) => new(
        notification.CaseId,
        EscalationEntity.LevelName(notification.Level),
        EscalationEntity.CategoryName(notification.Category),
        notification.Channel,
        notification.CaseCreatedAt.ToUniversalTime(),
        notification.Status.ToString().ToLowerInvariant(),
        char.ToLowerInvariant(notification.Kind.ToString()[0]) + notification.Kind.ToString()[1..],
        notification.NotificationId,
        notification.AllCategories.Select(EscalationEntity.CategoryName).ToList(),
        (notification.OccurredAt ?? notification.CaseCreatedAt).ToUniversalTime(),
        includeText ? notification.Text : null,
        notification.Kind == NotificationKind.UserMessage ? notification.MessageCount : null,
        notification.Now?.LastActivityAt.ToUniversalTime());

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
