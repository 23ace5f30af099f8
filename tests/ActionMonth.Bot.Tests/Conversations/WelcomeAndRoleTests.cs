using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Tests.Conversations;

public sealed class WelcomeAndRoleTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task A_new_conversation_is_welcomed_once_with_what_the_bot_is_privacy_111_and_the_role_choice()
    {
        var user = _host.Conversation();
        var welcome = Assert.Single(await user.JoinAsync());

        Assert.Contains("không phải luật sư", welcome.Text);
        Assert.Contains("không phải dịch vụ cấp cứu", welcome.Text);
        Assert.Contains("111", welcome.Text);
        Assert.Contains("miễn phí, 24/7", welcome.Text);
        Assert.Contains("30 ngày", welcome.Text);
        Assert.Contains("không bao giờ được chia sẻ với gia đình", welcome.Text);
        Assert.Equal(["Tôi là phụ huynh", "Tôi là giáo viên", "Tôi là trẻ em", "English"],
            welcome.SuggestedActions.Actions.Select(a => a.Title));

        // A second conversationUpdate (the channel adding the bot again, a reconnect) does not repeat it.
        Assert.Empty(await user.JoinAsync());
    }

    [Fact]
    public async Task A_conversation_update_without_a_sender_is_welcomed_once_and_remembered()
    {
        var user = _host.Conversation();
        var update = user.NewActivity("conversationUpdate", j =>
        {
            j.Remove("from");
            j["membersAdded"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["id"] = user.UserId });
        });
        Assert.Contains("111", Assert.Single(await user.SendAsync(update)).Text);
        // The first message is not greeted a second time: the conversation remembers the welcome.
        Assert.Equal("Xin chào! Bạn muốn hỏi gì về quyền trẻ em hay bảo vệ trẻ em?", Assert.Single(await user.SayAsync("xin chào")).Text);
    }

    [Fact]
    public async Task A_first_message_like_start_gets_the_welcome()
    {
        var user = _host.Conversation(channelId: "telegram");
        var welcome = Assert.Single(await user.SayAsync("/start"));
        Assert.Contains("111", welcome.Text);
        Assert.Equal(4, welcome.SuggestedActions.Actions.Count);
    }

    [Fact]
    public async Task Someone_who_reads_english_presses_english_on_the_welcome_and_gets_english_from_then_on()
    {
        var user = _host.Conversation();
        var welcome = Assert.Single(await user.SayAsync("hello"));
        Assert.StartsWith("Xin chào!", welcome.Text);
        var english = welcome.SuggestedActions.Actions.Single(a => a.Title == "English");

        Assert.Equal("en-US", Assert.Single(await user.PressAsync(english)).Locale);
        var roles = Assert.Single(await user.SayAsync("/start"));
        Assert.StartsWith("Hello!", roles.Text);
        Assert.Equal("Tiếng Việt", roles.SuggestedActions.Actions.Last().Title);
    }

    [Fact]
    public async Task Choosing_a_role_changes_the_tone_and_is_kept()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        var confirmed = Assert.Single(await child.SayAsync("Tôi là trẻ em"));
        Assert.StartsWith("Chào em!", confirmed.Text);
        Assert.Contains("111", confirmed.Text);
        Assert.NotEmpty(confirmed.SuggestedActions.Actions);

        var greeting = Assert.Single(await child.SayAsync("xin chào"));
        Assert.Equal("Chào em! Em muốn hỏi gì nào?", greeting.Text);

        var parent = _host.Conversation();
        await parent.JoinAsync();
        var parentConfirmed = Assert.Single(await parent.PressAsync(new CardAction(ActionTypes.ImBack, "Tôi là phụ huynh", value: "Tôi là phụ huynh")));
        Assert.Contains("cha mẹ", parentConfirmed.Text);
        Assert.Contains("Bạn muốn hỏi gì", Assert.Single(await parent.SayAsync("chào bạn")).Text);
    }

    [Fact]
    public async Task Help_hotlines_thanks_and_change_role_are_understood_with_or_without_diacritics()
    {
        var user = _host.Conversation();
        await user.JoinAsync();

        var help = Assert.Single(await user.SayAsync("tro giup"));
        Assert.Contains("111", help.Text);
        Assert.Contains(help.SuggestedActions.Actions, a => a.Title == "Đường dây nóng");

        var hotlines = Assert.Single(await user.SayAsync("Đường dây nóng!"));
        Assert.Contains("111", hotlines.Text);
        Assert.Contains("113", hotlines.Text);
        Assert.Contains("115", hotlines.Text);

        Assert.StartsWith("Không có gì", Assert.Single(await user.SayAsync("Cảm ơn bạn nhé")).Text);

        var role = Assert.Single(await user.SayAsync("đổi vai trò"));
        Assert.Equal(3, role.SuggestedActions.Actions.Count);
    }
}
