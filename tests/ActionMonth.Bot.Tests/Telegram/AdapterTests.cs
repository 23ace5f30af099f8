using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>What the adapter does with what a bot sends, whatever the bot: escaping, splitting, cards, typing, updates.</summary>
[Collection(TelegramCollection.Name)]
public sealed class AdapterTests(AdapterTests.ScriptedHostFixture fixture) : IClassFixture<AdapterTests.ScriptedHostFixture>
{
    private FakeTelegramServer Api => fixture.Telegram.Api;

    [Fact]
    public async Task Html_special_characters_are_escaped_and_arrive_exactly_as_written()
    {
        const long chat = 4601;
        Api.Enqueue(Api.Message(chat, chat, "escape"));
        var message = (await Api.WaitForMessagesAsync(chat, 1)).Single();
        Assert.Equal(ScriptedBot.Special, message.PlainText);
        var html = (string)message.Body["text"]!;
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&amp;&amp;", html);
        Assert.Contains("&amp;amp;", html);
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public async Task A_text_over_4096_characters_is_split_at_sentence_ends_with_the_buttons_under_the_last_piece()
    {
        const long chat = 4602;
        Api.Enqueue(Api.Message(chat, chat, "long"));
        var expected = (int)Math.Ceiling(ScriptedBot.Long.Length / 4096.0);
        var pieces = await Api.WaitForMessagesAsync(chat, expected);
        await Task.Delay(300);
        pieces = Api.Sent(chat);
        Assert.True(pieces.Count is >= 6 and <= 8, $"{ScriptedBot.Long.Length} characters in {pieces.Count} messages");
        Assert.All(pieces.SkipLast(1), p => Assert.InRange(p.PlainText!.Length, 2048, 4096));   // no piece wasted
        Assert.InRange(pieces[^1].PlainText!.Length, 1, 4096);
        Assert.All(pieces, p => Assert.EndsWith("xã hội.", p.PlainText));
        Assert.Equal(ScriptedBot.Long, string.Join(" ", pieces.Select(p => p.PlainText)));
        Assert.All(pieces.SkipLast(1), p => Assert.Empty(p.Buttons));
        Assert.Equal("Tiếp", (string?)Assert.Single(pieces[^1].Buttons)["text"]);
    }

    [Fact]
    public async Task Call_actions_become_numbers_in_the_text_and_only_web_links_become_link_buttons()
    {
        const long chat = 4603;
        Api.Enqueue(Api.Message(chat, chat, "call"));
        var message = (await Api.WaitForMessagesAsync(chat, 1)).Single();
        Assert.Contains("📞 Gọi 111", message.PlainText);
        Assert.Contains("📞 Cảnh sát: 113", message.PlainText);
        Assert.Contains("<b>&lt;Gọi ngay&gt;</b>", (string)message.Body["text"]!);
        Assert.DoesNotContain(message.Buttons, b => ((string?)b["url"])?.StartsWith("tel:", StringComparison.Ordinal) == true);
        Assert.Equal("https://example.org/tre-em", (string?)message.Button("Trang web")["url"]);
        Assert.NotNull(message.Button("Hỏi tiếp")["callback_data"]);
    }

    [Fact]
    public async Task Typing_becomes_a_chat_action_and_an_updated_activity_edits_the_message()
    {
        const long chat = 4604;
        Api.Enqueue(Api.Message(chat, chat, "typing"));
        await Api.WaitForMessagesAsync(chat, 1);
        Assert.True(Api.Calls.Count(c => c.Method == "sendChatAction" && c.ChatId == chat) >= 2);   // ours and the bot's

        Api.Enqueue(Api.Message(chat, chat, "update"));
        var draft = (await Api.WaitForMessagesAsync(chat, 1, after: 1)).Single();
        var edit = await Api.WaitForAsync(c => c.Method == "editMessageText" && c.ChatId == chat);
        Assert.Equal(draft.MessageId, (int?)edit.Body["message_id"]);
        Assert.Equal("bản cuối", edit.PlainText);
    }

    public sealed class ScriptedHostFixture : TelegramHostFixture
    {
        protected override Action<IServiceCollection>? Services => s => s.AddSingleton<IBot, ScriptedBot>();
    }
}
