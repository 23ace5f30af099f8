using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Observability;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hardening;

/// <summary>
/// Says at start what is exposed and warns about weak keys. Every secret comes from configuration or the environment
/// (e.g. <c>Escalation__OperatorApiKey</c>); none has a default, and an empty key turns its API off. Never logs a value.
/// </summary>
public sealed class SecretsReport(
    IOptions<EscalationOptions> escalation,
    IOptions<ObservabilityOptions> observability,
    IOptions<HardeningOptions> hardening,
    ILogger<SecretsReport> logger) : IHostedService
{
    /// <summary>Shorter bearer keys are reported: a key is the only thing between the internet and case data.</summary>
    public const int MinimumKeyLength = 24;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var operatorKey = escalation.Value.OperatorApiKey;
        var metricsKey = observability.Value.MetricsApiKey;
        Check("Escalation:OperatorApiKey", operatorKey);
        Check("Observability:MetricsApiKey", metricsKey);
        if (!string.IsNullOrEmpty(operatorKey) && operatorKey == metricsKey)
            logger.LogError("Observability:MetricsApiKey equals Escalation:OperatorApiKey: whoever scrapes metrics could read cases; use two keys");
        logger.LogInformation("Exposed: operator API {OperatorApi}, metrics {Metrics}; forwarded client addresses {Forwarded}",
            string.IsNullOrEmpty(operatorKey) ? "off" : "on (bearer key)",
            string.IsNullOrEmpty(metricsKey) ? "off" : $"on {observability.Value.MetricsPath} (bearer key)",
            hardening.Value.ForwardedHeaders.Enabled ? "trusted from the configured proxies" : "not trusted (direct connections)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Check(string key, string value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length < MinimumKeyLength)
            logger.LogWarning("{Key} is shorter than {Length} characters; use a long random value (e.g. openssl rand -base64 32)", key, MinimumKeyLength);
    }
}
