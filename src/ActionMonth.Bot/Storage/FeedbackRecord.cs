namespace ActionMonth.Bot.Storage;

/// <summary>A 👍 or 👎 on one answer, kept for review. Ids and the answer's source only: never message text.</summary>
public sealed record FeedbackRecord(
    string AnswerId,
    int Vote,
    string Source,
    string ChannelId,
    string? CardId,
    string? Doc,
    int? Article,
    int? Clause,
    string? Confidence,
    string? Role,
    string Language,
    DateTimeOffset CreatedAt);
