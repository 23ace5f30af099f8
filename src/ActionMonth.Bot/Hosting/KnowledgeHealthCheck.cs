using ActionMonth.Knowledge.Indexing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActionMonth.Bot.Hosting;

/// <summary>Healthy once the knowledge index has been loaded; unhealthy (so /healthz answers 503) before.</summary>
public sealed class KnowledgeHealthCheck(KnowledgeIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.IsLoaded) return Task.FromResult(HealthCheckResult.Unhealthy("the knowledge index is loading"));
        var report = index.LastReport;
        var data = new Dictionary<string, object>
        {
            ["documents"] = report?.Documents ?? 0,
            ["passages"] = report?.Passages ?? 0,
            ["loadErrors"] = report?.Errors.Count ?? 0,
        };
        return Task.FromResult(HealthCheckResult.Healthy("the knowledge index is loaded", data));
    }
}
