using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ActionMonth.Bot.Tests.DirectLine;

/// <summary>A Direct Line 3.0 client over the host's HTTP surface, doing what DirectLineJS does when it polls.</summary>
public sealed class DirectLineTestClient(HttpClient http)
{
    public const string Prefix = "/v3/directline";

    public async Task<(string ConversationId, string Token)> GenerateAsync()
    {
        var json = await ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/tokens/generate", token: null, body: "{}");
        return ((string)json["conversationId"]!, (string)json["token"]!);
    }

    /// <summary>Generates a token and starts its conversation (201).</summary>
    public async Task<DirectLineSession> StartAsync()
    {
        var (conversationId, token) = await GenerateAsync();
        var started = await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", token, "{}");
        Assert.Equal(conversationId, (string)started["conversationId"]!);
        return new DirectLineSession(this, conversationId, token);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? token, string? body)
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, string? token, string? body)
    {
        var (status, json) = await SendAsync(method, path, token, body);
        Assert.True(status == expected, $"{method} {path}: expected {(int)expected}, got {(int)status}: {json?.ToJsonString()}");
        return json!;
    }

    public static JsonObject Message(string text, string? clientActivityId = null, JsonNode? value = null) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "vi-VN",
        ["from"] = new JsonObject { ["id"] = "client-chosen-id", ["role"] = "user" },
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
        ["value"] = value,
    };
}

/// <summary>One started conversation and its token.</summary>
public sealed class DirectLineSession(DirectLineTestClient client, string conversationId, string token)
{
    public string ConversationId => conversationId;
    public string Token { get; set; } = token;

    public async Task<string> PostAsync(JsonObject activity)
    {
        var json = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/conversations/{conversationId}/activities", Token,
            activity.ToJsonString());
        return (string)json["id"]!;
    }

    public Task<string> SayAsync(string text, JsonNode? value = null) => PostAsync(DirectLineTestClient.Message(text, value: value));

    public async Task<(JsonArray Activities, string Watermark)> GetAsync(string? watermark = null)
    {
        var json = await client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get,
            $"/conversations/{conversationId}/activities?watermark={Uri.EscapeDataString(watermark ?? string.Empty)}", Token, body: null);
        return (json["activities"]!.AsArray(), (string)json["watermark"]!);
    }

    /// <summary>Every activity from the start, paging with the watermark until a page comes back empty.</summary>
    public async Task<List<JsonNode>> AllAsync()
    {
        var all = new List<JsonNode>();
        string? watermark = null;
        while (true)
        {
            var (page, next) = await GetAsync(watermark);
            if (page.Count == 0) return all;
            all.AddRange(page.Select(a => a!.DeepClone()));
            watermark = next;
        }
    }

    public async Task<List<JsonNode>> BotMessagesAsync() =>
        (await AllAsync()).Where(a => (string?)a["from"]?["role"] == "bot" && (string?)a["type"] == "message").ToList();
}
