using System.Net;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActionMonth.Bot.Tests.Conversations;

public sealed class HostErrorTests
{
    [Fact]
    public async Task A_failing_turn_is_handled_once_in_the_adapter_kind_reply_with_111_and_a_log_without_text()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder, services: s => s.Replace(ServiceDescriptor.Singleton<IKnowledgeSearch, ThrowingSearch>()));
        var user = host.Conversation();
        await user.JoinAsync();

        const string question = "câu hỏi làm hỏng công cụ tìm kiếm";
        var replies = await user.SayAsync(question);
        var apology = replies.Last();
        Assert.Contains("gặp lỗi", apology.Text);
        Assert.Contains("111", apology.Text);

        var error = Assert.Single(host.Logs.Lines, l => l.Contains("Turn failed"));
        Assert.Contains(typeof(InvalidOperationException).FullName!, error);
        Assert.Contains(user.ConversationId, error); // the activity id, which the test builds from it
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("làm hỏng") || l.Contains("secret detail"));
    }

    [Fact]
    public async Task With_an_app_id_configured_an_unauthenticated_request_is_refused()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });
        var user = host.Conversation();
        var (status, _) = await user.PostAsync(user.Message("xin chào"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private sealed class ThrowingSearch : IKnowledgeSearch
    {
        public SearchResult Search(string query, SearchOptions? options = null) =>
            throw new InvalidOperationException("secret detail " + query);
    }
}
