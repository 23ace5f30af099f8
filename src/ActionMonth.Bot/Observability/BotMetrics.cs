using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Observability;

/// <summary>
/// The bot's own instruments, on a <see cref="Meter"/> from the host's <see cref="IMeterFactory"/> (so two hosts in
/// one process, as in tests, keep apart). Labels are bounded words from <see cref="TelemetryLabels"/>: never text,
/// names, phone numbers, tokens or ids. Exposed on the Prometheus endpoint as <c>actionmonth_*</c>.
/// </summary>
public sealed class BotMetrics
{
    /// <summary>Histogram buckets for in-process work measured in seconds (a turn, a search, a storage call).</summary>
    private static readonly double[] FastBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Buckets for how long a notification waited in the outbox (seconds to hours).</summary>
    private static readonly double[] LagBuckets = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

    private readonly Counter<long> _messages;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _answers;
    private readonly Counter<long> _assessments;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _routedToCase;
    private readonly Histogram<double> _searchDuration;
    private readonly Histogram<double> _storageDuration;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _lag;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _disclosuresPastLimit;

    public BotMetrics(IMeterFactory meters, OutboxBacklogSnapshot backlog)
    {
        Meter = meters.Create(BotTelemetry.MeterName);
        _messages = Meter.CreateCounter<long>("actionmonth.activities", "{activity}",
            "Activities received by the bot, by channel and activity type.");
        _turnDuration = Meter.CreateHistogram("actionmonth.turn.duration", "s", "Time the bot took for one turn.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FastBuckets });
        _answers = Meter.CreateCounter<long>("actionmonth.answers", "{answer}",
            "Answers to questions, by channel and the engine's confidence (high, medium, low, none).");
        _assessments = Meter.CreateCounter<long>("actionmonth.safety.assessments", "{assessment}",
            "Messages read by the disclosure detector, by level and category.");
        _escalations = Meter.CreateCounter<long>("actionmonth.escalations", "{case}",
            "Escalation cases opened for urgent or emergency disclosures, by level, category and outcome (stored, delayed, failed).");
        _routedToCase = Meter.CreateCounter<long>("actionmonth.escalations.routed_messages", "{message}",
            "User messages passed to the operators of an open case.");
        _searchDuration = Meter.CreateHistogram("actionmonth.search.duration", "s", "Knowledge search latency, by confidence.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FastBuckets });
        _storageDuration = Meter.CreateHistogram("actionmonth.storage.duration", "s", "Conversation and user state reads and writes.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FastBuckets });
        _deliveries = Meter.CreateCounter<long>("actionmonth.outbox.deliveries", "{notification}",
            "Notifications delivered from the outbox, by destination.");
        _failures = Meter.CreateCounter<long>("actionmonth.outbox.failures", "{attempt}",
            "Failed delivery attempts from the outbox (each is retried), by destination.");
        _lag = Meter.CreateHistogram("actionmonth.outbox.lag", "s", "Time from queueing a notification to its delivery, by destination.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        Meter.CreateObservableGauge("actionmonth.outbox.pending", () => Observe(backlog, b => (double)b.Pending), "{notification}",
            "Undelivered notifications in the outbox (sampled).");
        Meter.CreateObservableGauge("actionmonth.outbox.oldest_age", () => Observe(backlog, b => b.OldestAge.TotalSeconds), "s",
            "Age of the oldest undelivered notification (sampled; 0 when none).");
        _rateLimited = Meter.CreateCounter<long>("actionmonth.rate_limit.rejections", "{request}",
            "Requests refused with 429, by rate-limit policy.");
        _disclosuresPastLimit = Meter.CreateCounter<long>("actionmonth.rate_limit.disclosures_passed", "{request}",
            "Requests over their rate limit that were let through because they carry a disclosure.");
    }

    public Meter Meter { get; }

    public void Activity(string channel, string activityType) =>
        _messages.Add(1, new("channel", channel), new("type", activityType));

    public void Turn(string channel, string activityType, TimeSpan elapsed) =>
        _turnDuration.Record(elapsed.TotalSeconds, new("channel", channel), new("type", activityType));

    public void Answer(string channel, string confidence) =>
        _answers.Add(1, new("channel", channel), new("confidence", confidence));

    public void Assessment(DisclosureAssessment assessment) =>
        _assessments.Add(1, new("level", TelemetryLabels.Level(assessment.Level)), new("category", TelemetryLabels.Category(assessment.Category)));

    public void Escalation(DisclosureAssessment assessment, string outcome, string channel) =>
        _escalations.Add(1, new("level", TelemetryLabels.Level(assessment.Level)), new("category", TelemetryLabels.Category(assessment.Category)),
            new("outcome", outcome), new("channel", channel));

    public void RoutedToCase(string channel) => _routedToCase.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Search(string confidence, TimeSpan elapsed) =>
        _searchDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("confidence", confidence));

    public void Storage(string operation, string outcome, TimeSpan elapsed) =>
        _storageDuration.Record(elapsed.TotalSeconds, new("operation", operation), new("outcome", outcome));

    public void Delivered(string destination, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("destination", TelemetryLabels.Destination(destination));
        _deliveries.Add(1, tag);
        _lag.Record(Math.Max(0, lag.TotalSeconds), tag);
    }

    public void DeliveryFailed(string destination) =>
        _failures.Add(1, new KeyValuePair<string, object?>("destination", TelemetryLabels.Destination(destination)));

    public void RateLimited(string policy) => _rateLimited.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void DisclosurePastLimit(string policy) => _disclosuresPastLimit.Add(1, new KeyValuePair<string, object?>("policy", policy));

    private static IEnumerable<Measurement<double>> Observe(OutboxBacklogSnapshot backlog, Func<OutboxBacklogSnapshot.Sample, double> value) =>
        backlog.Latest is { } sample ? [new Measurement<double>(value(sample))] : [];

    /// <summary>Elapsed time since a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static TimeSpan Since(long started) => Stopwatch.GetElapsedTime(started);
}
