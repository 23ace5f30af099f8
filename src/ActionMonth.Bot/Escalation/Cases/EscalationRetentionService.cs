using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>Hourly (and once at start), deletes what a case keeps of people's words past
/// Escalation:ExcerptRetentionDays: excerpts, message texts, the conversation references of closed cases, and
/// delivered outbox rows. Case ids, levels, categories, statuses and the audit stay.</summary>
public sealed class EscalationRetentionService(
    ICaseStore store,
    IOptionsMonitor<EscalationOptions> options,
    TimeProvider time,
    ILogger<EscalationRetentionService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError("Escalation retention purge failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var days = Math.Max(1, options.CurrentValue.ExcerptRetentionDays);
        var purged = await store.PurgeAsync(time.GetUtcNow() - TimeSpan.FromDays(days), cancellationToken).ConfigureAwait(false);
        if (purged > 0) logger.LogInformation("Escalation retention: {Count} texts, references or delivered notifications older than {Days} days removed", purged, days);
        return purged;
    }
}
