using ActionMonth.Bot.Hosting;
using ActionMonth.Bot.Observability.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ActionMonth.Bot.Endpoints;

/// <summary>
/// Health for load balancers and operators; none of it needs a key and none of it shows text or configuration.
/// <list type="bullet">
/// <item><c>GET /healthz</c> (interfaces.md): 200 once the knowledge index is loaded and the database answers, 503
/// before; the body is the status word.</item>
/// <item><c>GET /readyz</c>: every check, the outbox backlog included; 200 when healthy or degraded, 503 when
/// unhealthy; JSON with each check's status and counts.</item>
/// <item><c>GET /livez</c>: 200 while the process serves requests (no dependency is asked).</item>
/// </list>
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => !check.Tags.Contains(ObservabilityHostingExtensions.ReadinessOnlyTag),
        });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks("/livez", new HealthCheckOptions { Predicate = _ => false });
        return app;
    }
}
