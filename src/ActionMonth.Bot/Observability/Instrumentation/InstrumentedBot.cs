using System.Diagnostics;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>
/// Wraps the bot (every channel's turns go through IBot): counts activities by channel and type, times the turn, and
/// opens the turn's span, under which the safety check, search, storage and escalation spans hang. Puts a
/// <see cref="TurnTelemetry"/> in the turn state for code deeper in the turn to report what it did.
/// </summary>
public sealed class InstrumentedBot(IBot inner, BotMetrics metrics) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var channel = TelemetryLabels.Channel(activity?.ChannelId);
        var type = TelemetryLabels.ActivityType(activity?.Type);
        metrics.Activity(channel, type);
        new TurnTelemetry(metrics, channel).AddTo(turnContext);

        using var span = BotTelemetry.Source.StartActivity(BotTelemetry.Spans.Turn);
        span?.SetTag(BotTelemetry.Tags.Channel, channel);
        span?.SetTag(BotTelemetry.Tags.ActivityType, type);
        span?.SetTag(BotTelemetry.Tags.ActivityId, activity?.Id);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await inner.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The type only: an exception's message can quote what the user wrote.
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            span?.SetTag("error.type", ex.GetType().FullName);
            throw;
        }
        finally
        {
            metrics.Turn(channel, type, BotMetrics.Since(started));
        }
    }
}
