using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Conversations;

public sealed class SafetyTests : IAsyncLifetime
{
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            ["Bot:RateLimit:Burst"] = "3",
            ["Bot:RateLimit:PerMinute"] = "1",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task A_disclosure_mid_conversation_gets_the_safety_card_first_with_111_in_the_text_and_no_legal_answer()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        await child.SayAsync("Tôi là trẻ em");
        await child.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?");

        var replies = await child.SayAsync(Disclosure);
        var safety = Assert.Single(replies);
        Assert.Contains("111", safety.Text);
        Assert.Contains("không mất tiền", safety.Text);
        Assert.Contains("24/7", safety.Text);
        Assert.Contains("113", safety.Text);
        Assert.Contains("115", safety.Text);
        Assert.Contains("Mình tin em", safety.Text);
        Assert.Contains("không phải lỗi của em", safety.Text);
        Assert.Contains("không chia sẻ", safety.Text);
        Assert.DoesNotContain("?", safety.Text);
        Assert.DoesNotContain(safety.Entities ?? [], e => e.Type == "actionmonth/citation");

        var card = Assert.Single(safety.Attachments);
        Assert.Equal(HeroCard.ContentType, card.ContentType);
        var hero = JObject.FromObject(card.Content).ToObject<HeroCard>()!;
        Assert.Equal(["tel:111", "tel:113", "tel:115"], hero.Buttons.Select(b => (string)b.Value));
        Assert.All(hero.Buttons, b => Assert.Equal(ActionTypes.Call, b.Type));
        // Without an escalation service nobody can be connected here, so no button offers it; the bot says honestly that
        // it cannot alert anyone itself, and the words typed anyway get 111.
        Assert.Equal(["Em đang an toàn", "Em muốn hỏi thêm"], safety.SuggestedActions.Actions.Select(a => a.Title));
        Assert.Contains("không tự gọi ai được", safety.Text);
        var counsellor = Assert.Single(await child.SayAsync("Kết nối với tư vấn viên"));
        Assert.Contains("111", counsellor.Text);
    }

    [Fact]
    public async Task On_telegram_the_card_has_no_tel_buttons_and_the_numbers_are_in_the_text()
    {
        var child = _host.Conversation(channelId: "telegram");
        var safety = Assert.Single(await child.SayAsync(Disclosure));
        Assert.Contains("111", safety.Text);
        var hero = JObject.FromObject(Assert.Single(safety.Attachments).Content).ToObject<HeroCard>()!;
        Assert.True(hero.Buttons is null || hero.Buttons.Count == 0);
        Assert.Contains("111", hero.Subtitle);
    }

    [Fact]
    public async Task A_disclosure_hidden_after_2000_characters_is_still_caught()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        var text = string.Concat(Enumerable.Repeat("hôm nay em đi học về ", 120)) + Disclosure;
        Assert.True(text.Length > 2000);
        var safety = Assert.Single(await child.SayAsync(text));
        Assert.Contains("111", safety.Text);
        Assert.NotNull(safety.Attachments);
    }

    [Fact]
    public async Task A_concern_gets_a_gentle_line_with_111_then_the_normal_reply()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        var replies = await child.SayAsync("em buồn quá, em bị bạn bắt nạt thì làm sao?");
        Assert.Equal(2, replies.Count);
        Assert.Contains("111", replies[0].Text);
        Assert.Contains(replies[1].Entities, e => e.Type == "actionmonth/citation");
    }

    [Fact]
    public async Task A_flood_is_rate_limited_politely_but_a_disclosure_still_gets_through()
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        for (var i = 0; i < 3; i++) Assert.NotEmpty(await user.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));

        var note = Assert.Single(await user.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));
        Assert.Contains("nhanh quá", note.Text);
        Assert.Contains("111", note.Text);
        Assert.Empty(await user.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));

        var safety = Assert.Single(await user.SayAsync(Disclosure));
        Assert.Contains("111", safety.Text);
        Assert.Single(safety.Attachments);
        Assert.Empty(await user.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));
    }

    [Fact]
    public async Task The_logs_of_a_disclosure_conversation_contain_no_message_text()
    {
        var child = _host.Conversation();
        string[] messages =
        [
            "Tôi là trẻ em",
            "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?",
            Disclosure,
            "Em muốn hỏi thêm",
            "em buồn quá, không muốn nói với ai",
        ];
        await child.JoinAsync();
        foreach (var message in messages) await child.SayAsync(message);

        var logs = _host.Logs.Lines;
        Assert.Contains(logs, l => l.Contains("Safety reply sent"));
        Assert.Contains(logs, l => l.Contains("SexualAbuse"));
        foreach (var message in messages)
        {
            foreach (var fragment in Fragments(message))
                Assert.DoesNotContain(logs, l => l.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task Feedback_buttons_store_the_vote_with_the_answer_and_card_but_no_text()
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        await user.SayAsync("Tôi là trẻ em");
        var answer = (await user.SayAsync("em bị bạn bắt nạt thì làm sao?")).Last();
        var up = answer.SuggestedActions.Actions.Single(a => a.Title == "👍");
        var cardId = (string?)((Newtonsoft.Json.Linq.JObject)up.Value)["cardId"];
        Assert.False(string.IsNullOrEmpty(cardId));
        Assert.StartsWith("Cảm ơn", Assert.Single(await user.PressAsync(up)).Text);
        await user.SendAsync(user.NewActivity("messageReaction", j =>
            j["reactionsAdded"] = new JArray(new JObject { ["type"] = "dislike" })));

        // A button value edited by hand names no answer the bot gave: nothing is stored for it.
        var forged = new JObject { ["action"] = "feedback", ["vote"] = 1, ["answerId"] = "zzzz" };
        Assert.DoesNotContain("Cảm ơn", Assert.Single(await user.PressAsync(new CardAction(ActionTypes.MessageBack, "👍", value: forged))).Text);

        // The reaction changed the user's mind about the same answer: one vote per answer, the last one.
        var store = (IFeedbackStore)_host.Services.GetService(typeof(IFeedbackStore))!;
        var stored = Assert.Single(await store.RecentAsync(10, CancellationToken.None));
        Assert.Equal(-1, stored.Vote);
        Assert.Equal(cardId, stored.CardId);
        Assert.Equal("child", stored.Role);
        Assert.Equal("reaction", stored.Source);
        Assert.Equal((string?)((JObject)up.Value)["answerId"], stored.AnswerId);
    }

    private static IEnumerable<string> Fragments(string message)
    {
        // Every run of three words: enough to find a message (or its folded form) quoted anywhere in a log line.
        var words = message.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3) { yield return message; yield break; }
        for (var i = 0; i + 3 <= words.Length; i++)
        {
            var fragment = string.Join(' ', words[i..(i + 3)]);
            yield return fragment;
            yield return ActionMonth.Knowledge.Text.VietnameseText.Fold(fragment);
        }
    }
}
