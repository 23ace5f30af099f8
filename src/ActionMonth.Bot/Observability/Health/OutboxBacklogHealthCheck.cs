using ActionMonth.Bot.Escalation.Outbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Observability.Health;

/// <summary>
/// Readiness of the notification outbox: how many notifications wait and how old the oldest is, against
/// Observability:Readiness thresholds (degraded, unhealthy). The database not answering is unhealthy. Its data holds
/// counts and ages only.
/// </summary>
public sealed class OutboxBacklogHealthCheck(IOutboxStore store, IOptionsMonitor<ObservabilityOptions> options,
    TimeProvider time, ILogger<OutboxBacklogHealthCheck> logger) : IHealthCheck
{
    public const string Name = "outbox";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue.Readiness;
        OutboxBacklog backlog;
        try
        {
            // The instrumented store records the reading for the gauges as well.
            backlog = await store.BacklogAsync(cancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(Math.Max(0.1, settings.CheckTimeoutSeconds)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Outbox readiness check failed: {ExceptionType}", ex.GetType().FullName);
            return HealthCheckResult.Unhealthy("The outbox cannot be read.");
        }

        var age = backlog.OldestCreatedAt is { } oldest ? time.GetUtcNow() - oldest : TimeSpan.Zero;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["pending"] = backlog.Pending,
            ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds),
            ["maxAttempts"] = backlog.MaxAttempts,
        };
        if (Over(backlog.Pending, settings.OutboxUnhealthyPending) || Over(age, settings.OutboxUnhealthyAgeMinutes))
            return HealthCheckResult.Unhealthy("Notifications are not being delivered.", data: data);
        if (Over(backlog.Pending, settings.OutboxDegradedPending) || Over(age, settings.OutboxDegradedAgeMinutes))
            return HealthCheckResult.Degraded("Notifications are waiting in the outbox.", data: data);
        return HealthCheckResult.Healthy("The outbox is keeping up.", data);
    }

    private static bool Over(int pending, int threshold) => threshold > 0 && pending >= threshold;

    private static bool Over(TimeSpan age, double thresholdMinutes) => thresholdMinutes > 0 && age >= TimeSpan.FromMinutes(thresholdMinutes);
}
