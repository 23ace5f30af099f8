using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Telegram.Operators;
using ActionMonth.Bot.Telegram.Storage;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Tests.Telegram.Units;

public sealed class OperatorCaseFormatterTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);

    private static readonly OperatorCaseMessage Card = new("c-1", -100777, 10, "urgent", "sexualAbuse", "telegram", Opened, "New", null);

    private static CaseState State(CaseStatus status, DateTimeOffset? declined = null, DateTimeOffset? timedOut = null) =>
        new(status, DisclosureLevel.Urgent, [DisclosureCategory.SexualAbuse], null, declined, timedOut, Opened);

    [Fact]
    public void The_card_status_tells_a_decline_and_a_claim_timeout_apart_from_plain_waiting_and_a_decline_wins()
    {
        Assert.Equal("New", OperatorCaseFormatter.CardStatus(State(CaseStatus.Notified)));
        Assert.Equal("TimedOut", OperatorCaseFormatter.CardStatus(State(CaseStatus.Notified, timedOut: Opened.AddMinutes(5))));
        Assert.Equal("Declined", OperatorCaseFormatter.CardStatus(State(CaseStatus.New, Opened.AddMinutes(7), Opened.AddMinutes(5))));
        Assert.Equal("Claimed", OperatorCaseFormatter.CardStatus(State(CaseStatus.Claimed, Opened.AddMinutes(7))));
        Assert.Equal("Expired", OperatorCaseFormatter.CardStatus(State(CaseStatus.Expired)));
    }

    [Fact]
    public void A_declined_card_says_when_in_Vietnam_time_and_a_timed_out_card_that_111_was_given_again()
    {
        var declined = State(CaseStatus.Notified, Opened.AddMinutes(7));
        var text = TelegramHtml.ToPlain(OperatorCaseFormatter.Case(Card with { Status = OperatorCaseFormatter.CardStatus(declined) }, declined));
        Assert.Contains("Người dùng nói không cần tư vấn viên (lúc 08:07 30/11/2026)", text);
        var timedOut = State(CaseStatus.Notified, timedOut: Opened.AddMinutes(5));
        Assert.Contains("đã được nhắc gọi 111",
            TelegramHtml.ToPlain(OperatorCaseFormatter.Case(Card with { Status = OperatorCaseFormatter.CardStatus(timedOut) }, timedOut)));
        Assert.DoesNotContain("⬆", text);
    }

    [Fact]
    public void Many_held_messages_show_what_fits_escaped_and_uncut_entities_and_say_how_many_more_and_where()
    {
        var texts = Enumerable.Range(1, 40).Select(i => $"<b>tin {i}</b> & " + new string('x', 150)).ToList();
        var html = OperatorCaseFormatter.UserMessages("c-1", texts, 40);
        var plain = TelegramHtml.ToPlain(html);
        Assert.True(plain.Length < 4096, $"{plain.Length} characters");
        Assert.Contains("Người dùng gửi 40 tin nhắn liền nhau", plain);
        Assert.Contains("«<b>tin 1</b> & x", plain);
        Assert.Matches(@"… \+\d+ tin nhắn nữa: xem đủ qua API GET /api/cases/c-1\?includeText=true", plain);
        Assert.DoesNotContain("<b>tin", html);

        var one = OperatorCaseFormatter.UserMessages("c-1", [new string('&', 5000)], 2);
        Assert.True(TelegramHtml.ToPlain(one).Length < 4096);
        Assert.Contains("+1 tin nhắn nữa", TelegramHtml.ToPlain(one));
    }

    [Fact]
    public void A_graver_disclosure_of_the_longest_relayed_length_still_fits_one_Telegram_message()
    {
        var longest = new string('đ', 3990) + " <dao>";
        var categories = Enum.GetValues<DisclosureCategory>().Where(c => c != DisclosureCategory.None).Select(c => c.ToString()).ToList();
        foreach (var html in new[]
                 {
                     OperatorCaseFormatter.Escalated("c-1", "emergency", categories, longest),
                     OperatorCaseFormatter.UserMessage("c-1", longest),
                     OperatorCaseFormatter.Declined("c-1", longest),
                 })
        {
            var plain = TelegramHtml.ToPlain(html);
            Assert.True(plain.Length <= 4096, $"{plain.Length} characters");
            Assert.Contains(new string('đ', 3000), plain);
            Assert.Contains("…»", plain);
        }
    }
}
