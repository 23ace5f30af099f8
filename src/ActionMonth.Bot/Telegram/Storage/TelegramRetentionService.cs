using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>Hourly purge of what the Telegram module keeps: expired buttons, update ids older than a week (Telegram
/// never redelivers that late), and operators' chat bookkeeping untouched for Storage:StateRetentionDays.</summary>
public sealed class TelegramRetentionService(
    ITelegramRetentionStore store,
    TimeProvider clock,
    IOptions<StorageOptions> storage,
    ILogger<TelegramRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromHours(1);
    private static readonly TimeSpan UpdateRetention = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var removed = await PurgeAsync(stoppingToken).ConfigureAwait(false);
                    if (removed > 0) logger.LogInformation("Telegram retention removed {Rows} rows", removed);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Telegram retention failed: {ExceptionType}", ex.GetType().FullName);
                }
                await Task.Delay(Period, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.PurgeAsync(now, now - UpdateRetention, now.AddDays(-Math.Max(1, storage.Value.StateRetentionDays)), cancellationToken);
    }
}
