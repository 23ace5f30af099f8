using System.Diagnostics;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>What the turn's code reports about the turn, found in the turn state (absent when the bot runs without
/// the host's instrumentation, e.g. in unit tests: callers use <c>TurnTelemetry.Of(turnContext)?.…</c>).</summary>
public sealed class TurnTelemetry(BotMetrics metrics, string channel)
{
    private static readonly HashSet<string> Confidences = new(StringComparer.Ordinal) { "high", "medium", "low", "none" };

    // Short on purpose: Bot.Builder's turn state hashes keys with a culture-aware comparer (ICU), which costs by length,
    // and the default key would be this type's 58-character full name.
    private const string Key = "am.telemetry";

    public static TurnTelemetry? Of(ITurnContext turnContext) => turnContext.TurnState.Get<TurnTelemetry>(Key);

    public void AddTo(ITurnContext turnContext) => turnContext.TurnState.Add(Key, this);

    /// <summary>A question was answered with this confidence (the answer record's word: high, medium, low, none).</summary>
    public void Answered(string? confidence)
    {
        if (confidence is null) return;
        var label = Confidences.Contains(confidence) ? confidence : TelemetryLabels.Other;
        metrics.Answer(channel, label);
        Activity.Current?.SetTag(BotTelemetry.Tags.Confidence, label);
    }
}
