using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Conversations;

public sealed class RestartSurvivalTests
{
    [Fact]
    public async Task A_conversation_continues_after_the_host_stops_and_starts_on_the_same_database()
    {
        using var folder = new TestFolder();
        string conversationId, userId;
        ActionMonth.Knowledge.Model.Citation article;
        await using (var host = BotTestHost.Start(folder))
        {
            var user = host.Conversation();
            (conversationId, userId) = (user.ConversationId, user.UserId);
            Assert.Single(await user.JoinAsync());
            await user.SayAsync("Tôi là trẻ em");
            article = ReplyAssertions.Citations((await user.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"))[0])[0];
        }

        Assert.True(File.Exists(folder.DatabaseFile));
        await using (var host = BotTestHost.Start(folder))
        {
            var user = host.Conversation(conversationId, userId);
            // Already welcomed: no second welcome. The role is remembered: the child's greeting.
            Assert.Empty(await user.JoinAsync());
            Assert.Equal("Chào em! Em muốn hỏi gì nào?", Assert.Single(await user.SayAsync("chào")).Text);
            // The article under discussion is remembered: a follow-up on clause 2 works.
            var clause = Assert.Single(await user.SayAsync("còn khoản 2 thì sao?"));
            Assert.StartsWith($"Khoản 2 Điều {article.Article} ", clause.Text);
            Assert.Equal([article with { Clause = 2 }], ReplyAssertions.Citations(clause));
        }
    }

    [Fact]
    public async Task Restart_clears_the_conversation_and_welcomes_again()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var user = host.Conversation();
        await user.JoinAsync();
        await user.SayAsync("Tôi là trẻ em");
        await user.SayAsync("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?");

        var replies = await user.SayAsync("bắt đầu lại");
        Assert.Equal(2, replies.Count);
        Assert.Contains("vai trò bạn đã chọn", replies[0].Text);
        Assert.Contains("111", replies[1].Text);
        // The role is gone too (a shared device): help speaks to no one in particular again.
        Assert.StartsWith("Bạn có thể hỏi", Assert.Single(await user.SayAsync("menu")).Text);
        // The article is forgotten with the conversation.
        Assert.Contains("chưa biết bạn đang nói tới điều luật nào", Assert.Single(await user.SayAsync("còn khoản 2 thì sao?")).Text);
    }
}
