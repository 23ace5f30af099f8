namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>A case as the operators' chat shows it: where its message is and what it says (no user text).</summary>
public sealed record OperatorCaseMessage(
    string CaseId,
    long ChatId,
    int RootMessageId,
    string Level,
    string Category,
    string Channel,
    DateTimeOffset CreatedAt,
    string Status,
    string? ClaimedBy);

/// <summary>Which message of the operators' chat belongs to which case, and which notifications were delivered.</summary>
public interface IOperatorCaseStore
{
    Task<bool> IsDeliveredAsync(string notificationId, CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string notificationId, string caseId, CancellationToken cancellationToken);

    Task<OperatorCaseMessage?> GetCaseAsync(string caseId, CancellationToken cancellationToken);

    /// <summary>Records the case's root message (the one with the buttons) and maps it to the case.</summary>
    Task SaveCaseAsync(OperatorCaseMessage message, CancellationToken cancellationToken);

    Task UpdateStatusAsync(string caseId, string status, string? claimedBy, CancellationToken cancellationToken);

    /// <summary>Maps another message of the chat (a forwarded user message, a reminder) to the case, so replying
    /// to it reaches the same user.</summary>
    Task MapMessageAsync(long chatId, int messageId, string caseId, CancellationToken cancellationToken);

    Task<string?> FindCaseIdAsync(long chatId, int messageId, CancellationToken cancellationToken);
}
