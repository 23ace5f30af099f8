
using System.Text.Json.Nodes;
using ActionMonth.Bot.Telegram.Inbound;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using Newtonsoft.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ActionMonth.Bot.Tests.Telegram.Units;

public sealed class InboundTests
{
    private const long BotId = 987654;
    private const string Username = FakeTelegramServer.BotUsername;
    private readonly FakeTelegramServer _updates = new("987654:unit");
    private readonly TelegramActivityFactory _factory = new();

    [Theory]
    [InlineData("@ActionMonthBot trẻ em có quyền gì?", "trẻ em có quyền gì?")]
    [InlineData("trẻ em @actionmonthbot có quyền gì?", "trẻ em có quyền gì?")]
    [InlineData("/start@ActionMonthBot ref-abc123", "/start")]
    [InlineData("/start ref-abc123", "/start")]
    [InlineData("/help@ActionMonthBot", "/help")]
    [InlineData("/hotline ngay bây giờ", "/hotline ngay bây giờ")]
    [InlineData("hỏi @someone khác", "hỏi @someone khác")]
    public void What_the_bot_reads_has_its_own_mention_and_command_suffix_removed(string text, string expected)
    {
        var message = MessageOf(_updates.Message(-100, 5, text));
        Assert.Equal(expected, TelegramActivityFactory.Normalise(message.Text, message.Entities, BotId, Username));
    }

    [Fact]
    public void Group_messages_are_for_the_bot_only_when_addressed()
    {
        Assert.True(Addressed(_updates.Message(5, 5, "chào")));                                       // private
        Assert.False(Addressed(_updates.Message(-100, 5, "chào cả nhóm")));
        Assert.True(Addressed(_updates.Message(-100, 5, "@actionmonthbot chào")));
        Assert.False(Addressed(_updates.Message(-100, 5, "@OtherBot chào")));
        Assert.True(Addressed(_updates.Message(-100, 5, "/help@ActionMonthBot")));
        Assert.False(Addressed(_updates.Message(-100, 5, "/help@OtherBot")));
        Assert.False(Addressed(_updates.Message(-100, 5, "/help")));
        Assert.True(Addressed(_updates.Message(-100, 5, "cảm ơn", replyToMessageId: 3, replyToFromId: BotId)));
        Assert.False(Addressed(_updates.Message(-100, 5, "cảm ơn", replyToMessageId: 3, replyToFromId: 77)));
        Assert.False(Addressed(_updates.Message(-100, 5, "tin kênh", chatType: "channel")));
    }

    [Fact]
    public void A_message_becomes_an_activity_with_ids_only_and_a_stable_id()
    {
        var message = MessageOf(_updates.Message(4242, 4242, "xin chào"));
        var activity = _factory.FromMessage(message, edited: false, BotId, Username)!;
        Assert.Equal("telegram", activity.ChannelId);
        Assert.Equal($"4242-{message.MessageId}", activity.Id);
        Assert.Equal("4242", activity.Conversation.Id);
        Assert.False(activity.Conversation.IsGroup);
        Assert.Equal("4242", activity.From.Id);
        Assert.Null(activity.From.Name);
        var json = JsonConvert.SerializeObject(activity);
        Assert.DoesNotContain("Người4242", json);   // first name
        Assert.DoesNotContain("user4242", json);    // username
        Assert.Equal(activity.Id, _factory.FromMessage(message, edited: false, BotId, Username)!.Id);

        var edited = MessageOf(_updates.Message(4242, 4242, "xin chào bạn", updateKind: "edited_message"), "edited_message");
        Assert.StartsWith($"4242-{edited.MessageId}-e", _factory.FromMessage(edited, edited: true, BotId, Username)!.Id);
    }

    [Fact]
    public void Media_become_a_marker_without_any_file_reference_and_service_messages_are_nothing()
    {
        var sticker = _factory.FromMessage(MessageOf(_updates.Sticker(4242, 4242)), false, BotId, Username)!;
        var marker = Assert.Single(sticker.Attachments);
        Assert.Equal("application/vnd.telegram.sticker", marker.ContentType);
        Assert.Null(marker.ContentUrl);
        Assert.DoesNotContain("CAAC-fake", JsonConvert.SerializeObject(sticker));

        var photo = _factory.FromMessage(MessageOf(_updates.Photo(4242, 4242, "ảnh của em")), false, BotId, Username)!;
        Assert.Equal("ảnh của em", photo.Text);
        Assert.Equal("application/vnd.telegram.photo", Assert.Single(photo.Attachments).ContentType);

        var joined = _updates.Message(-100, 5, "x");
        var body = (JsonObject)joined["message"]!;
        body.Remove("text");
        body.Remove("entities");
        body["new_chat_members"] = new JsonArray(FakeTelegramServer.User(6));
        Assert.Null(_factory.FromMessage(MessageOf(joined), false, BotId, Username));
    }

    private static bool Addressed(JsonObject update) =>
        GroupAddressing.IsAddressed(MessageOf(update), BotId, Username);

    private static Message MessageOf(JsonObject update, string kind = "message")
    {
        update["update_id"] = 1;
        var parsed = System.Text.Json.JsonSerializer.Deserialize<Update>(update.ToJsonString(), JsonBotAPI.Options)!;
        return kind == "message" ? parsed.Message! : parsed.EditedMessage!;
    }
}
