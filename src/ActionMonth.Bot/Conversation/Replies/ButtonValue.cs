using Newtonsoft.Json;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>
/// The JSON value of a messageBack button the bot makes ("Xem nguyên văn", 👍/👎): what <c>CommandRecognizer</c> reads
/// back when the button is pressed. A typed value rather than a JObject because every answer carries three of them;
/// it is written as the same JSON a JObject with these properties in this order would be, absent ones left out, by
/// Newtonsoft anywhere (Direct Line, Telegram's stored buttons) and by the expectReplies writer.
/// </summary>
[JsonObject(MemberSerialization.OptIn)]
public sealed class ButtonValue
{
    public const string FullTextAction = "fulltext";
    public const string FeedbackAction = "feedback";

    [JsonProperty("action", Order = 0)]
    public required string Action { get; init; }

    [JsonProperty("vote", Order = 1, NullValueHandling = NullValueHandling.Ignore)]
    public int? Vote { get; init; }

    [JsonProperty("answerId", Order = 2, NullValueHandling = NullValueHandling.Ignore)]
    public string? AnswerId { get; init; }

    [JsonProperty("cardId", Order = 3, NullValueHandling = NullValueHandling.Ignore)]
    public string? CardId { get; init; }

    [JsonProperty("doc", Order = 4, NullValueHandling = NullValueHandling.Ignore)]
    public string? Doc { get; init; }

    [JsonProperty("article", Order = 5, NullValueHandling = NullValueHandling.Ignore)]
    public int? Article { get; init; }

    [JsonProperty("clause", Order = 6, NullValueHandling = NullValueHandling.Ignore)]
    public int? Clause { get; init; }
}
