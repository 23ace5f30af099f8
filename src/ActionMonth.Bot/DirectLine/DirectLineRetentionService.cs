using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.DirectLine;

/// <summary>Deletes Direct Line transcripts idle for longer than DirectLine:TranscriptRetentionHours, hourly. The page
/// tells users how long the server keeps them, from the same setting.</summary>
public sealed class DirectLineRetentionService(
    IDirectLineStore store,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = TimeSpan.FromHours(Math.Max(1, options.Value.TranscriptRetentionHours));
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var purged = await store.PurgeIdleAsync(time.GetUtcNow() - retention, stoppingToken).ConfigureAwait(false);
                if (purged > 0) logger.LogInformation("Purged {Count} idle Direct Line conversations", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Direct Line transcript purge failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
