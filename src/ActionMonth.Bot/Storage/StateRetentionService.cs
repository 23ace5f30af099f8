using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// Migrates the database when the host starts (so a broken database shows at start, not at the first message)
/// and then deletes conversation and user state idle for longer than Storage:StateRetentionDays, hourly: the
/// welcome message promises that retention to every user.
/// </summary>
public sealed class StateRetentionService(
    IBotStateStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<StateRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.PingAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = TimeSpan.FromDays(Math.Max(1, options.Value.StateRetentionDays));
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var purged = await store.PurgeIdleAsync(time.GetUtcNow() - retention, stoppingToken).ConfigureAwait(false);
                if (purged > 0) logger.LogInformation("Purged {Count} idle state items", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("State purge failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
