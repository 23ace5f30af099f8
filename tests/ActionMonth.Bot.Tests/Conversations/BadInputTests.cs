using System.Net;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Conversations;

public sealed class BadInputTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?> { ["Bot:MaxRequestBytes"] = "65536" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Theory]
    [InlineData("{\"type\": \"message\", \"text\": ", "not valid JSON")]
    [InlineData("[1, 2, 3]", "JSON object")]
    [InlineData("", "empty")]
    [InlineData("{\"text\": \"xin chào\", \"channelId\": \"webchat\"}", "'type'")]
    public async Task Malformed_bodies_get_400_with_a_json_message(string body, string expected)
    {
        using var response = await _host.PostRawAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, json["message"]!.Value<string>());
    }

    [Fact]
    public async Task Activities_missing_what_a_turn_needs_get_400()
    {
        var user = _host.Conversation();
        foreach (var strip in new Action<JObject>[]
                 {
                     j => j.Remove("conversation"),
                     j => j.Remove("serviceUrl"),
                     j => j["from"] = new JObject(),
                     j => j.Remove("channelId"),
                     j => j["text"] = new JObject(),
                 })
        {
            var activity = user.Message("xin chào");
            strip(activity);
            var (status, body) = await user.PostAsync(activity);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("message", body);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var user = _host.Conversation();
        var (status, body) = await user.PostAsync(user.Message(new string('a', 70_000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("too_large", body);
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("event")]
    [InlineData("somethingNew")]
    public async Task Unknown_and_silent_activity_types_are_ignored(string type)
    {
        var user = _host.Conversation();
        Assert.Empty(await user.SendAsync(user.NewActivity(type)));
    }

    [Theory]
    [InlineData("{\"action\":[1,2]}")]
    [InlineData("{\"action\":{\"a\":1}}")]
    [InlineData("{\"action\":null,\"vote\":[1]}")]
    [InlineData("[1,2]")]
    [InlineData("\"urgent-help\"")]
    public async Task A_malformed_button_value_is_not_a_button_and_the_turn_goes_on(string value)
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        var replies = await user.SendAsync(user.Message("tổng đài 111 có mất phí không", j => j["value"] = JToken.Parse(value)));
        Assert.DoesNotContain(replies, r => r.Text?.Contains("gặp lỗi") == true);
        Assert.Contains(replies, r => r.Entities?.Any(e => e.Type == "actionmonth/citation") == true);
    }

    [Fact]
    public async Task Attachments_get_a_kind_text_only_note_with_111_and_any_text_is_still_answered()
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        var picture = user.Message(string.Empty, j => j["attachments"] = new JArray(
            new JObject { ["contentType"] = "image/jpeg", ["contentUrl"] = "http://localhost:9/p.jpg" }));
        var note = Assert.Single(await user.SendAsync(picture));
        Assert.Contains("chỉ đọc được tin nhắn chữ", note.Text);
        Assert.Contains("111", note.Text);

        var voiceWithText = user.Message("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?", j => j["attachments"] = new JArray(
            new JObject { ["contentType"] = "audio/ogg", ["contentUrl"] = "http://localhost:9/v.ogg" }));
        var replies = await user.SendAsync(voiceWithText);
        Assert.Equal(2, replies.Count);
        Assert.Contains("111", replies[0].Text);
        Assert.Contains(replies[1].Entities, e => e.Type == "actionmonth/citation");
    }

    [Fact]
    public async Task A_message_over_2000_characters_gets_a_note_and_its_first_part_answered()
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        var text = "Giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai? " + string.Concat(Enumerable.Repeat("thêm chi tiết ", 200));
        Assert.True(text.Length > 2000);
        var replies = await user.SayAsync(text);
        Assert.Equal(2, replies.Count);
        Assert.Contains("2,000", replies[0].Text.Replace('.', ','));
        Assert.Contains(replies[1].Entities, e => e.Type == "actionmonth/citation");
    }
}
