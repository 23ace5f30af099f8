using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>The operators' Telegram chat hears what changes in an open case: a graver disclosure (with the real
/// detector) arrives under the case card as an alert with the new level and every category, and a user declining a
/// counsellor arrives as a note.</summary>
[Collection(TelegramCollection.Name)]
public sealed class OperatorChatEscalationTests(TelegramHostFixture fixture) : IClassFixture<TelegramHostFixture>
{
    private const long Ops = TelegramTestHost.OperatorChat;
    private FakeTelegramServer Api => fixture.Telegram.Api;

    [Fact]
    public async Task Self_harm_in_an_open_case_reaches_the_operators_as_an_alert_under_its_card_with_both_categories()
    {
        const long child = 4351;
        var opsBefore = Api.Sent(Ops).Count;
        Api.Enqueue(Api.Message(child, child, "chú hàng xóm sờ vào người em, em sợ lắm"));
        var card = (await Api.WaitForMessagesAsync(Ops, 2, after: opsBefore))[0];
        Assert.Contains("xâm hại tình dục", card.PlainText);

        Api.Enqueue(Api.Message(child, child, "em muốn chết, em không muốn sống nữa"));
        var alert = await Api.WaitForTextAsync(Ops, "CA NÂNG MỨC");
        Assert.Contains("xâm hại tình dục", alert.PlainText);
        Assert.Contains("tự hại", alert.PlainText);
        Assert.Contains("em muốn chết", alert.PlainText);
        Assert.Equal(card.MessageId, (int?)alert.Body["reply_parameters"]?["message_id"]);

        Api.Enqueue(Api.Message(child, child, "thôi, không cần tư vấn viên"));
        var declined = await Api.WaitForTextAsync(Ops, "không cần tư vấn viên (ca");
        Assert.Equal(card.MessageId, (int?)declined.Body["reply_parameters"]?["message_id"]);
        await Api.WaitForTextAsync(child, "sẽ không chuyển tin nhắn của em");
    }
}
