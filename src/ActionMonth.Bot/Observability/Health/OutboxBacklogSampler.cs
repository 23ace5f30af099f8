using ActionMonth.Bot.Escalation.Outbox;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Observability.Health;

/// <summary>Reads the outbox backlog every Observability:Readiness:OutboxSampleSeconds for the pending and
/// oldest-age gauges, so a Prometheus scrape reads a number in memory and never waits on the database.</summary>
public sealed class OutboxBacklogSampler(IOutboxStore store, IOptionsMonitor<ObservabilityOptions> options, TimeProvider time,
    ILogger<OutboxBacklogSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await store.BacklogAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged once per outage, not every sample: the readiness check reports the database too.
                if (failures++ == 0) logger.LogWarning("Outbox backlog could not be sampled: {ExceptionType}", ex.GetType().FullName);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.Readiness.OutboxSampleSeconds)), time, stoppingToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
