namespace ActionMonth.Bot.Escalation.Channels;

/// <summary>A destination refused or did not take a notification. Carries what may be logged: the status code,
/// never a body (an answer can echo what we sent).</summary>
public sealed class NotificationDeliveryException(string reason, int? statusCode = null)
    : Exception($"Notification not delivered: {reason}")
{
    public int? StatusCode { get; } = statusCode;

    /// <summary>Short, text-free description for logs and the outbox's last_error column.</summary>
    public string Reason { get; } = reason;
}
