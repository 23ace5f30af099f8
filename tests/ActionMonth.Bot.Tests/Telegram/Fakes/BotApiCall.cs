using System.Text.Json.Nodes;

namespace ActionMonth.Bot.Tests.Telegram.Fakes;

/// <summary>One Bot API call the fake server received: the method, the token in the URL, the JSON body, the status
/// it answered, when, and for sent or edited messages the message id and the text as Telegram would show it.</summary>
public sealed record BotApiCall(string Method, string Token, JsonObject Body, int Status, DateTimeOffset At, int? MessageId = null,
    string? PlainText = null)
{
    public long? ChatId => Body["chat_id"] is JsonValue v ? v.TryGetValue<long>(out var id) ? id : long.TryParse(v.ToString(), out var s) ? s : null : null;

    public bool Succeeded => Status == 200;

    /// <summary>The inline keyboard of a sent or edited message, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<JsonObject>> Keyboard =>
        (Body["reply_markup"]?["inline_keyboard"] as JsonArray)?.Select(row => (IReadOnlyList<JsonObject>)((JsonArray)row!)
            .Select(b => (JsonObject)b!).ToList()).ToList() ?? [];

    public IEnumerable<JsonObject> Buttons => Keyboard.SelectMany(row => row);

    public JsonObject Button(string textContains) =>
        Buttons.First(b => ((string?)b["text"] ?? string.Empty).Contains(textContains, StringComparison.Ordinal));
}
