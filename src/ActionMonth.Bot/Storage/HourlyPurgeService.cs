namespace ActionMonth.Bot.Storage;

/// <summary>
/// Runs a purge at start and then hourly until the host stops. A failed purge is logged (type only, no data) and tried
/// again at the next tick: retention must not stop because the database was busy once.
/// </summary>
public abstract class HourlyPurgeService(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected DateTimeOffset Now => time.GetUtcNow();

    /// <summary>What is purged, for the log ("idle state items").</summary>
    protected abstract string What { get; }

    /// <summary>Deletes what is past its retention at <paramref name="now"/>; returns how many rows went.</summary>
    protected abstract Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    var purged = await PurgeAsync(Now, stoppingToken).ConfigureAwait(false);
                    if (purged > 0) logger.LogInformation("Purged {Count} {What}", purged, What);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError("Purge of {What} failed: {ExceptionType}", What, ex.GetType().FullName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
