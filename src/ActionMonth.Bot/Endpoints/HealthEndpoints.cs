namespace ActionMonth.Bot.Endpoints;

/// <summary>GET /healthz: 200 when every registered health check passes (the knowledge index, and the database
/// once its check is registered), 503 otherwise. The body is the overall status word.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }
}
