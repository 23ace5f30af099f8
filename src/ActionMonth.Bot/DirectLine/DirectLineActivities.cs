using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The bot's account on Direct Line activities.</summary>
public sealed record BotAccount(string Id, string Name);

/// <summary>
/// Shapes activities on their way in and out, as the Direct Line service would: the server, not the client, sets
/// ids, time, channel, conversation and the user's id (from the token); what a client posts is otherwise kept
/// as it is (channelData.clientActivityID is how Web Chat recognises its own message coming back). Only messages
/// and events reach the client stream: typing, trace, delay and conversationUpdate do not (notes-protocols §1.5).
/// </summary>
public static class DirectLineActivities
{
    public const string ChannelId = "directline";

    private static readonly HashSet<string> ClientTypes = new(StringComparer.Ordinal) { "message", "event" };
    private static readonly HashSet<string> StreamTypes = new(StringComparer.Ordinal) { "message", "event", "endOfConversation" };

    // Fields only the server may set; a client's values are dropped.
    private static readonly string[] ServerFields =
        ["id", "timestamp", "serviceUrl", "channelId", "conversation", "recipient", "from", "replyToId", "deliveryMode", "callerId"];

    public static bool IsAcceptedFromClient(string? type) => type is not null && ClientTypes.Contains(type);

    public static bool IsIgnoredFromClient(string? type) => type == "typing";

    public static bool BelongsInStream(string? type) => type is not null && StreamTypes.Contains(type);

    public static string? ClientActivityId(JObject activity) =>
        activity["channelData"] is JObject channelData && channelData["clientActivityID"] is JValue { Type: JTokenType.String } value
            ? ((string?)value is { Length: > 0 and <= 128 } id ? id : null)
            : null;

    /// <summary>The user's activity as stored and echoed to the client.</summary>
    public static JObject FromClient(JObject posted, DirectLineGrant grant, BotAccount bot, string activityId, DateTimeOffset now)
    {
        var activity = (JObject)posted.DeepClone();
        foreach (var field in ServerFields) activity.Remove(field);
        activity["id"] = activityId;
        activity["timestamp"] = Timestamp(now);
        activity["channelId"] = ChannelId;
        activity["from"] = new JObject { ["id"] = grant.UserId, ["role"] = "user" };
        activity["conversation"] = new JObject { ["id"] = grant.ConversationId };
        activity["recipient"] = new JObject { ["id"] = bot.Id, ["name"] = bot.Name, ["role"] = "bot" };
        return activity;
    }

    /// <summary>The same activity as the bot receives it: with the serviceUrl its replies go to.</summary>
    public static JObject ForBot(JObject stored, string serviceUrl)
    {
        var activity = (JObject)stored.DeepClone();
        activity["serviceUrl"] = serviceUrl;
        return activity;
    }

    /// <summary>The conversationUpdate that makes the bot welcome the user when the conversation starts.</summary>
    public static JObject ConversationStarted(DirectLineGrant grant, BotAccount bot, string serviceUrl, DateTimeOffset now) => new()
    {
        ["type"] = "conversationUpdate",
        ["id"] = DirectLineIds.ActivityId(grant.ConversationId, 0),
        ["timestamp"] = Timestamp(now),
        ["channelId"] = ChannelId,
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JObject { ["id"] = grant.UserId, ["role"] = "user" },
        ["recipient"] = new JObject { ["id"] = bot.Id, ["name"] = bot.Name, ["role"] = "bot" },
        ["conversation"] = new JObject { ["id"] = grant.ConversationId },
        ["membersAdded"] = new JArray(new JObject { ["id"] = bot.Id, ["name"] = bot.Name }, new JObject { ["id"] = grant.UserId }),
        ["locale"] = "vi-VN",
    };

    /// <summary>A bot activity as stored and served: our id and time, the bot's account, no serviceUrl.</summary>
    public static JObject FromBot(JObject sent, string conversationId, BotAccount bot, string activityId, DateTimeOffset now)
    {
        var activity = (JObject)sent.DeepClone();
        activity.Remove("serviceUrl");
        activity.Remove("deliveryMode");
        activity["id"] = activityId;
        activity["timestamp"] = Timestamp(now);
        activity["channelId"] = ChannelId;
        activity["conversation"] = new JObject { ["id"] = conversationId };
        activity["from"] = new JObject { ["id"] = bot.Id, ["name"] = bot.Name, ["role"] = "bot" };
        return activity;
    }

    private static string Timestamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
