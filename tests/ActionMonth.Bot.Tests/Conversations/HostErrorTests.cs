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
    public async Task A_turn_stopped_because_the_client_hung_up_is_not_logged_as_a_failure_but_the_same_exception_otherwise_is()
    {
        using var folder = new TestFolder();
        var search = new HangingUpSearch();
        await using var host = BotTestHost.Start(folder, services: s => s.Replace(ServiceDescriptor.Singleton<IKnowledgeSearch>(search)));
        var user = host.Conversation();
        await user.JoinAsync();

        // The client gives up while the turn is searching; the search then stops, as a cancelled call does.
        using var hangUp = new CancellationTokenSource();
        search.WhileSearching = () =>
        {
            hangUp.Cancel();
            Thread.Sleep(200);
        };
        using var content = new StringContent(user.Message("trẻ em có quyền gì").ToString(Newtonsoft.Json.Formatting.None),
            System.Text.Encoding.UTF8, "application/json");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.PostAsync("/api/messages", content, hangUp.Token));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!host.Logs.Lines.Any(l => l.Contains("client disconnected")) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(host.Logs.Lines, l => l.Contains("stopped: the client disconnected"));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("Turn failed"));

        // The same exception while the client is still there is a fault: logged, and the user gets the apology.
        search.WhileSearching = () => { };
        var apology = (await user.SayAsync("trẻ em có quyền gì")).Last();
        Assert.Contains("111", apology.Text);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Turn failed") && l.Contains(typeof(OperationCanceledException).FullName!));
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

    private sealed class HangingUpSearch : IKnowledgeSearch
    {
        public Action WhileSearching { get; set; } = () => { };

        public SearchResult Search(string query, SearchOptions? options = null)
        {
            WhileSearching();
            throw new OperationCanceledException();
        }
    }

    private sealed class ThrowingSearch : IKnowledgeSearch
    {
        public SearchResult Search(string query, SearchOptions? options = null) =>
            throw new InvalidOperationException("secret detail " + query);
    }
}
