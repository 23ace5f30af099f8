using ActionMonth.Knowledge.Safety;
using ActionMonth.Bot.Safety;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Observability;

/// <summary>
/// Turns what a client sends into the few words a metric label may hold. Channel ids and activity types come from
/// the request on /api/messages, so an unknown value becomes "other": a client cannot create new time series (and
/// memory) by inventing names, nor smuggle text into a label.
/// </summary>
public static class TelemetryLabels
{
    public const string Other = "other";

    private static readonly HashSet<string> Channels = new(StringComparer.Ordinal)
    {
        "webchat", "directline", "telegram", "emulator", "msteams", "cli", "test", "slack", "facebook", "line", "sms", "email",
    };

    private static readonly HashSet<string> ActivityKinds = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Event, ActivityTypes.Invoke, ActivityTypes.Typing,
        ActivityTypes.EndOfConversation, ActivityTypes.MessageReaction, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete,
        ActivityTypes.InstallationUpdate, ActivityTypes.ContactRelationUpdate,
    };

    public static string Channel(string? channelId) =>
        channelId is not null && Channels.Contains(channelId) ? channelId : Other;

    public static string ActivityType(string? type) =>
        type is not null && ActivityKinds.Contains(type) ? type : Other;

    public static string Level(DisclosureLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>The category as the escalation entity names it (interfaces.md), "none" for no disclosure.</summary>
    public static string Category(DisclosureCategory category) =>
        category == DisclosureCategory.None ? "none" : EscalationEntity.CategoryName(category);

    /// <summary>Outbox destinations are configured names; anything unexpected is folded as well.</summary>
    public static string Destination(string? destination) =>
        destination is { Length: > 0 and <= 40 } && destination.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? destination
            : Other;
}
