using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Replies;
using ActionMonth.Bot.Telegram;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>A disclosure on Telegram with the real escalation flow: the safety reply with 111, the case in the
/// operators' chat, claim, replies both ways, close; and who may act on a case.</summary>
[Collection(TelegramCollection.Name)]
public sealed partial class OperatorChatTests(TelegramHostFixture fixture) : IClassFixture<TelegramHostFixture>
{
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const long Ops = TelegramTestHost.OperatorChat;
    private const long Operator = TelegramTestHost.Operator;
    private static readonly EscalationReplies Replies = EscalationReplies.For("vi");
    private TelegramTestHost Telegram => fixture.Telegram;
    private FakeTelegramServer Api => fixture.Telegram.Api;
    private ICaseStore Cases => Telegram.Host.Services.GetRequiredService<ICaseStore>();

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
        var caseId = CaseIdPattern().Match(card.PlainText!).Groups[1].Value;
        var stored = await Cases.GetAsync(caseId, includeText: false, CancellationToken.None);
        Assert.Equal(("telegram", "4301"), (stored!.ChannelId, stored.ConversationId));
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
        var refused = await Api.WaitForAsync(c => c.Method == "answerCallbackQuery" && (string?)c.Body["callback_query_id"] == QueryId(stranger));
        Assert.Equal(TelegramTexts.OperatorsOnly, (string?)refused.Body["text"]);
        Assert.Equal(true, (bool?)refused.Body["show_alert"]);
        var elsewhere = Api.Callback(child, Operator, claim, safety.MessageId!.Value);
        Api.Enqueue(elsewhere);
        await Api.WaitForAsync(c => c.Method == "answerCallbackQuery" && (string?)c.Body["callback_query_id"] == QueryId(elsewhere));
        Assert.Contains(Api.Calls, c => c.Method == "getChatMember" && (long?)c.Body["user_id"] == 9999);
        Assert.Null((await Cases.GetAsync(caseId, false, CancellationToken.None))!.ClaimedBy);

        // A reply before claiming is refused with a hint, and nothing reaches the child.
        Api.Enqueue(Api.Message(Ops, Operator, "Chào em", replyToMessageId: card.MessageId, replyToFromId: Api.BotId));
        await Api.WaitForTextAsync(Ops, "Nhận ca");

        // The operator claims: the card says who, keeps only «Đóng ca»; the child is told.
        Api.Enqueue(Api.Callback(Ops, Operator, claim, card.MessageId.Value));
        var claimed = await Api.WaitForAsync(c => c.Method == "editMessageText" && c.PlainText!.Contains("Đã có người nhận")
                                                  && c.PlainText.Contains($"Người{Operator}"));
        Assert.Contains($"tg://user?id={Operator}", (string?)claimed.Body["text"]);
        Assert.Equal([TelegramTexts.CloseButton], claimed.Buttons.Select(b => (string?)b["text"]));
        Assert.Equal($"telegram:{Operator}", (await Cases.GetAsync(caseId, false, CancellationToken.None))!.ClaimedBy);
        await Api.WaitForTextAsync(child, Replies.Claimed(Reporter.Child));

        // The operator replies to the card: the child gets it; the operators see it went.
        Api.Enqueue(Api.Message(Ops, Operator, "Chị là tư vấn viên 111. Em đang ở đâu?", replyToMessageId: card.MessageId,
            replyToFromId: Api.BotId));
        await Api.WaitForTextAsync(child, Replies.FromCounsellor("Chị là tư vấn viên 111. Em đang ở đâu?"));
        await Api.WaitForTextAsync(Ops, TelegramTexts.RelayDone);

        // The child answers: it goes to the operators under the card, not to the Q&A.
        Api.Enqueue(Api.Message(child, child, "em đang ở nhà bà ngoại"));
        await Api.WaitForTextAsync(child, Replies.Forwarded(Reporter.Child));
        var forwarded = await Api.WaitForTextAsync(Ops, "em đang ở nhà bà ngoại");
        Assert.Equal(card.MessageId, (int?)forwarded.Body["reply_parameters"]?["message_id"]);

        // Replying to that forwarded message reaches the child too.
        Api.Enqueue(Api.Message(Ops, Operator, "Em cứ ở đó nhé", replyToMessageId: forwarded.MessageId, replyToFromId: Api.BotId));
        await Api.WaitForTextAsync(child, "Em cứ ở đó nhé");

        // Close: the card shows it, without buttons; the child is told; the next question is answered by the Q&A again.
        var close = (string)claimed.Button(TelegramTexts.CloseButton)["callback_data"]!;
        Api.Enqueue(Api.Callback(Ops, Operator, close, card.MessageId.Value));
        var closed = await Api.WaitForAsync(c => c.Method == "editMessageText" && c.PlainText!.Contains("Đã đóng"));
        Assert.Empty(closed.Buttons);
        await Api.WaitForTextAsync(child, "Cuộc trò chuyện với tư vấn viên đã kết thúc");
        Assert.Equal(CaseStatus.Closed, (await Cases.GetAsync(caseId, false, CancellationToken.None))!.Status);
        Api.Enqueue(Api.Message(child, child, "/hotline"));
        await Api.WaitForTextAsync(child, "114");

        var audit = await Cases.AuditTrailAsync(caseId, CancellationToken.None);
        Assert.Contains(audit, a => a.OperatorId == $"telegram:{Operator}" && a.Action == "claim");
        Assert.Contains(audit, a => a.OperatorId == $"telegram:{Operator}" && a.Action == "close");
    }

    [Fact]
    public async Task The_same_disclosure_delivered_twice_opens_one_case()
    {
        const long child = 4302;
        var update = Api.Message(child, child, Disclosure);
        Api.Enqueue(update);
        await Api.WaitForMessagesAsync(child, 1);
        // Telegram redelivers the very same message (same message_id) under a new update id.
        Api.Enqueue((JsonObject)update.DeepClone());
        await Api.WaitForMessagesAsync(child, 1, after: 1);
        var cases = await Cases.ListAsync(openOnly: false, limit: 100, CancellationToken.None);
        Assert.Single(cases, c => c.ConversationId == "4302");
    }

    private static string QueryId(JsonObject update) => (string)update["callback_query"]!["id"]!;

    [GeneratedRegex(@"Mã ca: (\S+)")]
    private static partial Regex CaseIdPattern();
}
