using ActionMonth.Bot.Telegram;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>A disclosure on Telegram: the safety reply with 111, the case in the operators' chat, claim, replies both
/// ways, close; and who may act on a case.</summary>
[Collection(TelegramCollection.Name)]
public sealed class OperatorChatTests(TelegramHostFixture fixture) : IClassFixture<TelegramHostFixture>
{
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const long Ops = TelegramTestHost.OperatorChat;
    private TelegramTestHost Telegram => fixture.Telegram;
    private FakeTelegramServer Api => fixture.Telegram.Api;

    [Fact]
    public async Task A_disclosure_gets_the_safety_reply_and_the_case_goes_to_the_operators_who_claim_reply_and_close_it()
    {
        const long child = 4301;
        var opsBefore = Api.Sent(Ops).Count;
        Api.Enqueue(Api.Message(child, child, Disclosure));

        // The safety reply: 111 in the text, no tel: link anywhere (Telegram rejects them), the three choices.
        var safety = (await Api.WaitForMessagesAsync(child, 1)).Single();
        Assert.Contains("111", safety.PlainText);
        Assert.Contains("Mình tin em", safety.PlainText);
        Assert.DoesNotContain(safety.Buttons, b => b["url"] is not null);
        Assert.Equal(["Kết nối với tư vấn viên", "Em đang an toàn", "Em muốn hỏi thêm"], safety.Buttons.Select(b => (string?)b["text"]));
        Assert.DoesNotContain(Api.Calls, c => c.Method == "sendChatAction" && c.ChatId == child);   // no typing before a safety reply

        // The operators' chat: the case card with both buttons, then what the child wrote, under it.
        var posted = await Api.WaitForMessagesAsync(Ops, 2, after: opsBefore);
        var card = posted[0];
        var fakeCase = Assert.Single(Telegram.Escalation.Cases, c => c.Reference.Conversation.Id == "4301");
        Assert.Contains(fakeCase.CaseId, card.PlainText);
        Assert.Contains("xâm hại tình dục", card.PlainText);
        Assert.Contains("Kênh: telegram", card.PlainText);
        Assert.Contains("giờ Việt Nam", card.PlainText);
        Assert.Equal([TelegramTexts.ClaimButton, TelegramTexts.CloseButton], card.Buttons.Select(b => (string?)b["text"]));
        Assert.Contains(Disclosure, posted[1].PlainText);
        Assert.Equal(card.MessageId, (int?)posted[1].Body["reply_parameters"]?["message_id"]);

        // Someone who is not in the operators' chat cannot claim; nor can the button be pressed from another chat.
        var claim = (string)card.Button(TelegramTexts.ClaimButton)["callback_data"]!;
        var stranger = Api.Callback(Ops, 9999, claim, card.MessageId!.Value);
        Api.Enqueue(stranger);
        var refused = await Api.WaitForAsync(c => c.Method == "answerCallbackQuery"
                                                  && (string?)c.Body["callback_query_id"] == (string)stranger["callback_query"]!["id"]!);
        Assert.Equal(TelegramTexts.OperatorsOnly, (string?)refused.Body["text"]);
        Assert.Equal(true, (bool?)refused.Body["show_alert"]);
        var elsewhere = Api.Callback(child, TelegramTestHost.Operator, claim, safety.MessageId!.Value);
        Api.Enqueue(elsewhere);
        await Api.WaitForAsync(c => c.Method == "answerCallbackQuery"
                                    && (string?)c.Body["callback_query_id"] == (string)elsewhere["callback_query"]!["id"]!);
        Assert.Empty(Telegram.Escalation.Audit);
        Assert.Contains(Api.Calls, c => c.Method == "getChatMember" && (long?)c.Body["user_id"] == 9999);

        // A reply before claiming is refused with a hint.
        Api.Enqueue(Api.Message(Ops, TelegramTestHost.Operator, "Chào em", replyToMessageId: card.MessageId, replyToFromId: Api.BotId));
        Assert.Contains("Nhận ca", (await Api.WaitForMessagesAsync(Ops, 1, after: opsBefore + 2)).Single().PlainText);

        // The operator claims: the card says so and keeps only «Đóng ca».
        Api.Enqueue(Api.Callback(Ops, TelegramTestHost.Operator, claim, card.MessageId.Value));
        var claimed = await Api.WaitForAsync(c => c.Method == "editMessageText" && c.PlainText!.Contains("Đã có người nhận")
                                                  && c.PlainText.Contains($"Người{TelegramTestHost.Operator}"));
        Assert.Contains($"tg://user?id={TelegramTestHost.Operator}", (string?)claimed.Body["text"]);
        Assert.Equal([TelegramTexts.CloseButton], claimed.Buttons.Select(b => (string?)b["text"]));
        Assert.Contains($"claim {fakeCase.CaseId} telegram:{TelegramTestHost.Operator}", Telegram.Escalation.Audit);

        // The operator replies to the card: the child gets it; the operators see it went.
        Api.Enqueue(Api.Message(Ops, TelegramTestHost.Operator, "Chào em, chị là tư vấn viên 111. Em đang ở đâu?",
            replyToMessageId: card.MessageId, replyToFromId: Api.BotId));
        var relayed = (await Api.WaitForMessagesAsync(child, 1, after: 1)).Single();
        Assert.Contains("Chào em, chị là tư vấn viên 111", relayed.PlainText);
        Assert.Contains(TelegramTexts.RelayDone, (await Api.WaitForMessagesAsync(Ops, 1, after: opsBefore + 3)).Single().PlainText);

        // The child answers: it goes to the operators under the card, not to the Q&A.
        Api.Enqueue(Api.Message(child, child, "em đang ở nhà bà ngoại"));
        var forwarded = (await Api.WaitForMessagesAsync(Ops, 1, after: opsBefore + 4)).Single();
        Assert.Contains("em đang ở nhà bà ngoại", forwarded.PlainText);
        Assert.Equal(2, Api.Sent(child).Count);

        // Replying to that forwarded message reaches the child too.
        Api.Enqueue(Api.Message(Ops, TelegramTestHost.Operator, "Em cứ ở đó nhé", replyToMessageId: forwarded.MessageId,
            replyToFromId: Api.BotId));
        Assert.Contains("Em cứ ở đó nhé", (await Api.WaitForMessagesAsync(child, 1, after: 2)).Single().PlainText);

        // Close: the card shows it, without buttons; the child's next question is answered by the Q&A again.
        var close = (string)claimed.Button(TelegramTexts.CloseButton)["callback_data"]!;
        Api.Enqueue(Api.Callback(Ops, TelegramTestHost.Operator, close, card.MessageId.Value));
        var closed = await Api.WaitForAsync(c => c.Method == "editMessageText" && c.PlainText!.Contains("Đã đóng"));
        Assert.Empty(closed.Buttons);
        Api.Enqueue(Api.Message(child, child, "/hotline"));
        Assert.Contains("113", (await Api.WaitForMessagesAsync(child, 1, after: 3)).Single().PlainText);
        Assert.Empty(Telegram.Escalation.DeliveryFailures);
    }

    [Fact]
    public async Task The_same_disclosure_delivered_twice_opens_one_case()
    {
        const long child = 4302;
        var update = Api.Message(child, child, Disclosure);
        Api.Enqueue(update);
        await Api.WaitForMessagesAsync(child, 1);
        // Telegram redelivers the very same message (same message_id) under a new update id.
        Api.Enqueue((System.Text.Json.Nodes.JsonObject)update.DeepClone());
        await Api.WaitForMessagesAsync(child, 1, after: 1);
        Assert.Single(Telegram.Escalation.Cases, c => c.Reference.Conversation.Id == "4302");
    }
}
