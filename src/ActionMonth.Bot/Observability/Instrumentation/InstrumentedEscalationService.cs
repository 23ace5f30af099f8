using System.Diagnostics;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>Counts cases opened by level, category and outcome (stored; delayed: the database was slow and the case
/// waits in memory; failed), and messages routed to an open case, with a span for each.</summary>
public sealed class InstrumentedEscalationService(IEscalationService inner, BotMetrics metrics) : IEscalationService
{
    public async Task<EscalationCase> OpenCaseAsync(ITurnContext turnContext, DisclosureAssessment assessment, CancellationToken cancellationToken)
    {
        var channel = TelemetryLabels.Channel(turnContext.Activity?.ChannelId);
        using var span = BotTelemetry.Source.StartActivity(BotTelemetry.Spans.EscalationOpen);
        span?.SetTag(BotTelemetry.Tags.Level, TelemetryLabels.Level(assessment.Level));
        span?.SetTag(BotTelemetry.Tags.Category, TelemetryLabels.Category(assessment.Category));
        try
        {
            var opened = await inner.OpenCaseAsync(turnContext, assessment, cancellationToken).ConfigureAwait(false);
            metrics.Escalation(assessment, "stored", channel);
            span?.SetTag(BotTelemetry.Tags.Outcome, "stored");
            return opened;
        }
        catch (CaseStorageDelayedException)
        {
            metrics.Escalation(assessment, "delayed", channel);
            span?.SetTag(BotTelemetry.Tags.Outcome, "delayed");
            throw;
        }
        catch (Exception ex)
        {
            metrics.Escalation(assessment, "failed", channel);
            span?.SetTag(BotTelemetry.Tags.Outcome, "failed");
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    public async Task<bool> TryRouteToOpenCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        using var span = BotTelemetry.Source.StartActivity(BotTelemetry.Spans.EscalationRoute);
        var routed = await inner.TryRouteToOpenCaseAsync(turnContext, cancellationToken).ConfigureAwait(false);
        // A message relayed to a case still waiting for an operator is answered by the bot as well (routed is false).
        var relayed = routed || turnContext.TurnState.Get<object>(EscalationService.RelayedKey) is true;
        span?.SetTag(BotTelemetry.Tags.Outcome, routed ? "routed" : relayed ? "relayed_and_answered" : "no_open_case");
        if (relayed) metrics.RoutedToCase(TelemetryLabels.Channel(turnContext.Activity?.ChannelId));
        return routed;
    }
}
