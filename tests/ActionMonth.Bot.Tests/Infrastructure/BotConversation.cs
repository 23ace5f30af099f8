using System.Net;
using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>One user in one conversation, talking to the host over POST /api/messages with
/// <c>deliveryMode: expectReplies</c>, so the bot's replies come back in the HTTP response.</summary>
public sealed class BotConversation(HttpClient client, string channelId, string conversationId, string userId)
{
    private int _sequence;

    public string ConversationId => conversationId;
    public string UserId => userId;
    public string ChannelId => channelId;

    public Task<IReadOnlyList<Activity>> JoinAsync() => SendAsync(NewActivity("conversationUpdate", json =>
        json["membersAdded"] = new JArray(new JObject { ["id"] = userId, ["name"] = "User" }, new JObject { ["id"] = "bot" })));

    public Task<IReadOnlyList<Activity>> SayAsync(string text) => SendAsync(Message(text));

    public Task<IReadOnlyList<Activity>> PressAsync(CardAction action)
    {
        if (action.Type == ActionTypes.ImBack) return SayAsync((string)action.Value);
        return SendAsync(Message(action.Text ?? action.DisplayText ?? string.Empty, json =>
        {
            if (action.Value is not null) json["value"] = JToken.FromObject(action.Value);
        }));
    }

    public JObject Message(string text, Action<JObject>? configure = null) =>
        NewActivity("message", json =>
        {
            json["text"] = text;
            configure?.Invoke(json);
        });

    public JObject NewActivity(string type, Action<JObject>? configure = null)
    {
        var json = new JObject
        {
            ["type"] = type,
            ["id"] = $"{conversationId}-{Interlocked.Increment(ref _sequence)}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = channelId,
            ["serviceUrl"] = "http://localhost:9/never-called",
            ["from"] = new JObject { ["id"] = userId, ["name"] = "User" },
            ["recipient"] = new JObject { ["id"] = "bot", ["name"] = "ActionMonth.Bot" },
            ["conversation"] = new JObject { ["id"] = conversationId },
            ["deliveryMode"] = "expectReplies",
            ["locale"] = "vi-VN",
        };
        configure?.Invoke(json);
        return json;
    }

    public async Task<IReadOnlyList<Activity>> SendAsync(JObject activity)
    {
        var (status, body) = await PostAsync(activity);
        Assert.True(status == HttpStatusCode.OK, $"POST /api/messages returned {(int)status}: {body}");
        if (string.IsNullOrWhiteSpace(body)) return [];
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(body)!;
        return replies.Activities?.Where(a => a.Type == ActivityTypes.Message).ToList() ?? [];
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(JObject activity)
    {
        using var content = new StringContent(activity.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/messages", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
