using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActionMonth.Bot.Storage;

/// <summary>The "database" health check: healthy once the state database answers a query on its schema.</summary>
public sealed class DatabaseHealthCheck(IBotStateStore store, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string Name = "database";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The state database answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("Database health check failed: {ExceptionType}", ex.GetType().FullName);
            return HealthCheckResult.Unhealthy("The state database does not answer.", ex);
        }
    }
}
