using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Tests.Telegram.Units;

public sealed class ReplyRendererTests
{
    private readonly TelegramReplyRenderer _renderer = new();

    [Fact]
    public void Text_is_escaped_for_Telegram_HTML_and_reads_back_unchanged()
    {
        const string text = "1 < 2 & 3 > 2, \"trích\" <i>không phải thẻ</i> &lt;";
        var html = Assert.Single(_renderer.Render(MessageFactory.Text(text)).Pieces);
        Assert.Equal("1 &lt; 2 &amp; 3 &gt; 2, &quot;trích&quot; &lt;i&gt;không phải thẻ&lt;/i&gt; &amp;lt;", html);
        Assert.Equal(text, TelegramHtml.ToPlain(html));
    }

    [Fact]
    public void A_card_becomes_a_bold_title_and_its_lines_and_call_actions_become_numbers_in_the_text()
    {
        var card = new HeroCard
        {
            Title = "Gọi ngay <khẩn>",
            Subtitle = "111 · 113",
            Text = "Miễn phí",
            Buttons =
            [
                new CardAction(ActionTypes.Call, "Gọi 111", value: "tel:111"),
                new CardAction(ActionTypes.Call, "Cấp cứu", value: "tel:115"),
                new CardAction(ActionTypes.OpenUrl, "Bản đồ", value: "javascript:alert(1)"),
                new CardAction(ActionTypes.OpenUrl, "Mở Telegram", value: "tg://resolve?domain=x"),
            ],
        };
        var rendered = _renderer.Render(MessageFactory.Attachment(card.ToAttachment(), "Em hãy gọi:"));
        var html = Assert.Single(rendered.Pieces);
        Assert.Equal("Em hãy gọi:\n\n<b>Gọi ngay &lt;khẩn&gt;</b>\n111 · 113\nMiễn phí\n\n📞 Cấp cứu: 115", html);
        // 111 is already in the text; 115 was not and is added. No tel: and no javascript: link survives.
        var button = Assert.Single(Assert.Single(rendered.Keyboard));
        Assert.Equal("tg://resolve?domain=x", button.Url);
    }

    [Fact]
    public void Short_buttons_share_rows_of_three_and_long_ones_get_a_row_each()
    {
        var message = MessageFactory.Text("Chọn:");
        message.SuggestedActions = new SuggestedActions
        {
            Actions = new[] { "Câu hỏi liên quan số một khá dài", "👍", "👎", "Có", "Không", "Thôi", "Một câu hỏi khác" }
                .Select(t => new CardAction(ActionTypes.ImBack, t, value: t)).ToList(),
        };
        var rows = _renderer.Render(message).Keyboard.Select(r => r.Select(b => b.Text).ToList()).ToList();
        Assert.Equal([["Câu hỏi liên quan số một khá dài"], ["👍", "👎", "Có"], ["Không", "Thôi"], ["Một câu hỏi khác"]], rows);
        Assert.All(rows.SelectMany(r => r), t => Assert.False(string.IsNullOrWhiteSpace(t)));
    }

    [Fact]
    public void Every_piece_of_a_split_reply_is_valid_HTML_even_when_a_bold_title_spans_the_cut()
    {
        var renderer = new TelegramReplyRenderer(maxLength: 120);
        var card = new HeroCard { Title = string.Join(" ", Enumerable.Repeat("tiêu đề <dài>", 20)) };
        var rendered = renderer.Render(MessageFactory.Attachment(card.ToAttachment(), "Mở đầu & giới thiệu."));
        Assert.True(rendered.Pieces.Count > 2);
        Assert.All(rendered.Pieces, p => Assert.InRange(TelegramHtml.ToPlain(p).Length, 1, 120));
        Assert.All(rendered.Pieces.Skip(1), p => Assert.StartsWith("<b>", p));
    }

    [Fact]
    public void A_message_with_nothing_to_show_renders_empty()
    {
        Assert.True(_renderer.Render(MessageFactory.Text("   ")).IsEmpty);
    }
}
