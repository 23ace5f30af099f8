using System.Diagnostics;

namespace ActionMonth.Bot.Observability;

/// <summary>
/// The names under which the bot publishes its own telemetry, and its one <see cref="ActivitySource"/>. Spans are
/// created only when something listens (an OTLP exporter when Observability:Otlp:Endpoint is set, or a test), so
/// without one a turn costs nothing extra. No span, tag or metric label ever carries message text, names, phone
/// numbers, tokens or conversation keys: only ids of activities and bounded words (channel, level, category…).
/// </summary>
public static class BotTelemetry
{
    public const string SourceName = "ActionMonth.Bot";
    public const string MeterName = "ActionMonth.Bot";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Span names: one turn, and its steps.</summary>
    public static class Spans
    {
        public const string Turn = "bot.turn";
        public const string SafetyAssess = "safety.assess";
        public const string SafetyRespond = "safety.respond";
        public const string Search = "knowledge.search";
        public const string StorageRead = "storage.read";
        public const string StorageWrite = "storage.write";
        public const string StorageDelete = "storage.delete";
        public const string EscalationOpen = "escalation.open_case";
        public const string EscalationRoute = "escalation.route";
    }

    /// <summary>Tag (attribute) names used on spans and metrics.</summary>
    public static class Tags
    {
        public const string Channel = "actionmonth.channel";
        public const string ActivityType = "actionmonth.activity.type";
        public const string ActivityId = "actionmonth.activity.id";
        public const string Level = "actionmonth.safety.level";
        public const string Category = "actionmonth.safety.category";
        public const string Confidence = "actionmonth.confidence";
        public const string Hits = "actionmonth.search.hits";
        public const string Outcome = "actionmonth.outcome";
        public const string Destination = "actionmonth.outbox.destination";
        public const string Items = "actionmonth.storage.items";
        public const string Policy = "actionmonth.rate_limit.policy";
    }
}
