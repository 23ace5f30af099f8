using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>Counts every assessment by level and category and gives the safety check and the safety reply their spans.
/// The text is read by the inner gate only; nothing of it reaches a tag.</summary>
public sealed class InstrumentedSafetyGate(ISafetyGate inner, BotMetrics metrics) : ISafetyGate
{
    public DisclosureAssessment Assess(IMessageActivity activity)
    {
        using var span = BotTelemetry.Source.StartActivity(BotTelemetry.Spans.SafetyAssess);
        var assessment = inner.Assess(activity);
        metrics.Assessment(assessment);
        span?.SetTag(BotTelemetry.Tags.Level, TelemetryLabels.Level(assessment.Level));
        span?.SetTag(BotTelemetry.Tags.Category, TelemetryLabels.Category(assessment.Category));
        return assessment;
    }

    public async Task<SafetyOutcome> RespondAsync(ITurnContext turnContext, DisclosureAssessment assessment, TurnSession session,
        CancellationToken cancellationToken)
    {
        using var span = BotTelemetry.Source.StartActivity(BotTelemetry.Spans.SafetyRespond);
        span?.SetTag(BotTelemetry.Tags.Level, TelemetryLabels.Level(assessment.Level));
        var outcome = await inner.RespondAsync(turnContext, assessment, session, cancellationToken).ConfigureAwait(false);
        span?.SetTag(BotTelemetry.Tags.Outcome, outcome == SafetyOutcome.Continue ? "continue" : "safety_reply");
        return outcome;
    }
}
