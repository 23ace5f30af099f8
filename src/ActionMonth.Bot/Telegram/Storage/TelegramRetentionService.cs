using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>Hourly purge of what the Telegram module keeps: expired buttons, update ids older than a week (Telegram
/// never redelivers that late), and operators' chat bookkeeping untouched for Storage:StateRetentionDays.</summary>
public sealed class TelegramRetentionService(
    ITelegramRetentionStore store,
    TimeProvider clock,
    IOptions<StorageOptions> storage,
    ILogger<TelegramRetentionService> logger) : HourlyPurgeService(clock, logger)
{
    private static readonly TimeSpan UpdateRetention = TimeSpan.FromDays(7);

    protected override string What => "Telegram rows";

    public Task<int> PurgeAsync(CancellationToken cancellationToken) => PurgeAsync(Now, cancellationToken);

    protected override Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.PurgeAsync(now, now - UpdateRetention, now.AddDays(-Math.Max(1, storage.Value.StateRetentionDays)), cancellationToken);
}
