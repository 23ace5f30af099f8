namespace ActionMonth.Bot.Observability;

/// <summary>The Observability section: the Prometheus endpoint and its key, OTLP export, readiness thresholds.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Bearer key of the Prometheus endpoint (<c>Authorization: Bearer …</c>). Empty: the endpoint does not
    /// exist (404). Metrics hold no text, but they do show traffic and disclosure counts, so they are not public.</summary>
    public string MetricsApiKey { get; set; } = string.Empty;

    /// <summary>Where the Prometheus text is served.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    public OtlpOptions Otlp { get; set; } = new();

    public ReadinessOptions Readiness { get; set; } = new();

    public bool MetricsEnabled => !string.IsNullOrEmpty(MetricsApiKey);
}

/// <summary>Observability:Otlp: traces and metrics pushed to an OpenTelemetry collector. Off when the endpoint is empty.</summary>
public sealed class OtlpOptions
{
    /// <summary>e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> with Protocol HttpProtobuf.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary><c>Grpc</c> or <c>HttpProtobuf</c>.</summary>
    public string Protocol { get; set; } = "Grpc";

    /// <summary>Optional headers for the collector (<c>key=value,key2=value2</c>), e.g. its API key.</summary>
    public string Headers { get; set; } = string.Empty;

    /// <summary>Share of turns traced (0–1). Each trace holds ids, levels and timings only.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}

/// <summary>
/// Observability:Readiness: when /readyz reports the outbox as degraded or unhealthy. A backlog means the hotline's
/// side (webhook, operators' chat) is not taking notifications; the bot itself still answers and still gives 111.
/// Taking every instance out of the load balancer would then silence the safety replies too, so by default a backlog
/// only degrades readiness (200, "Degraded") for monitoring to alert on; set the Unhealthy thresholds to make it 503.
/// </summary>
public sealed class ReadinessOptions
{
    /// <summary>Degraded from this many undelivered notifications (0: never on count).</summary>
    public int OutboxDegradedPending { get; set; } = 20;

    /// <summary>Unhealthy (503) from this many undelivered notifications (0: never on count).</summary>
    public int OutboxUnhealthyPending { get; set; }

    /// <summary>Degraded when the oldest undelivered notification is older than this (0: never on age).</summary>
    public double OutboxDegradedAgeMinutes { get; set; } = 5;

    /// <summary>Unhealthy (503) when the oldest undelivered notification is older than this (0: never on age).</summary>
    public double OutboxUnhealthyAgeMinutes { get; set; }

    /// <summary>How often the backlog is read for the gauges when nobody asks /readyz.</summary>
    public double OutboxSampleSeconds { get; set; } = 15;

    /// <summary>The longest a readiness check waits for the database.</summary>
    public double CheckTimeoutSeconds { get; set; } = 3;
}
