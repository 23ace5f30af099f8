using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Observability;
using ActionMonth.Bot.Observability.Health;
using ActionMonth.Bot.Observability.Instrumentation;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Registers observability (issue 8): the bot's metrics and spans around the bot, the safety gate, search, state
/// storage, escalation and the outbox (decorators, so those parts do not know about it); OpenTelemetry with the
/// Prometheus exporter when Observability:MetricsApiKey is set and OTLP export when Observability:Otlp:Endpoint is;
/// the outbox readiness check. Call after every other Add… (it wraps what they registered).
/// </summary>
public static class ObservabilityHostingExtensions
{
    public const string ServiceName = "actionmonth-bot";

    /// <summary>Health-check tag of checks that belong to /readyz only (/healthz keeps its contract: index and database).</summary>
    public const string ReadinessOnlyTag = "readiness";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection(ObservabilityOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<OutboxBacklogSnapshot>();
        services.AddSingleton<BotMetrics>();

        services.Decorate<IBot>((sp, inner) => new InstrumentedBot(inner, sp.GetRequiredService<BotMetrics>()));
        services.Decorate<ISafetyGate>((sp, inner) => new InstrumentedSafetyGate(inner, sp.GetRequiredService<BotMetrics>()));
        services.Decorate<IKnowledgeSearch>((sp, inner) => new InstrumentedKnowledgeSearch(inner, sp.GetRequiredService<BotMetrics>()));
        services.Decorate<IStorage>((sp, inner) => new InstrumentedStorage(inner, sp.GetRequiredService<BotMetrics>()));
        services.Decorate<IOutboxStore>((sp, inner) => new InstrumentedOutboxStore(inner, sp.GetRequiredService<BotMetrics>(),
            sp.GetRequiredService<OutboxBacklogSnapshot>()));
        // Registered only when escalation is on.
        services.TryDecorate<IEscalationService>((sp, inner) => new InstrumentedEscalationService(inner, sp.GetRequiredService<BotMetrics>()));

        services.AddHostedService<OutboxBacklogSampler>();
        services.AddHealthChecks().AddCheck<OutboxBacklogHealthCheck>(OutboxBacklogHealthCheck.Name, tags: [ReadinessOnlyTag]);

        var settings = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        if (!settings.MetricsEnabled && !settings.Otlp.Enabled) return services;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(BotTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (settings.MetricsEnabled)
                metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (settings.Otlp.Enabled) metrics.AddOtlpExporter(o => Configure(o, settings.Otlp));
        });
        if (settings.Otlp.Enabled)
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(settings.Otlp.TraceSampleRatio, 0, 1))))
                .AddSource(BotTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // /api/search?q= carries the question: no query string on any span.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(o =>
                {
                    // Telegram's Bot API URLs hold the bot token in their path, and a hotline webhook URL may hold a key:
                    // outgoing spans keep the scheme, host and port only.
                    o.EnrichWithHttpRequestMessage = (activity, request) =>
                        activity.SetTag("url.full", request.RequestUri is { } uri ? uri.GetLeftPart(UriPartial.Authority) + "/" : null);
                })
                .AddOtlpExporter(o => Configure(o, settings.Otlp)));
        }
        return services;
    }

    /// <summary>Maps the Prometheus endpoint (Observability:MetricsPath, behind the bearer key) when a key is set.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (!options.MetricsEnabled) return app;
        var path = new PathString(options.MetricsPath);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == path,
            path: null,
            configureBranchedPipeline: branch => branch.UseMiddleware<MetricsKeyMiddleware>(),
            optionsName: null);
        return app;
    }

    private static void Configure(OtlpExporterOptions exporter, OtlpOptions settings)
    {
        exporter.Endpoint = new Uri(settings.Endpoint);
        exporter.Protocol = settings.Protocol.Equals("HttpProtobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        if (!string.IsNullOrWhiteSpace(settings.Headers)) exporter.Headers = settings.Headers;
    }
}
