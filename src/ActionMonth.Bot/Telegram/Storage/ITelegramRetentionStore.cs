namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>Deletes what the Telegram tables keep past its time: expired buttons, old update ids, and operators' chat
/// bookkeeping of cases untouched since a cutoff. Returns how many rows went.</summary>
public interface ITelegramRetentionStore
{
    Task<int> PurgeAsync(DateTimeOffset now, DateTimeOffset updatesBefore, DateTimeOffset casesBefore, CancellationToken cancellationToken);
}
