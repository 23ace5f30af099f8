using ActionMonth.Bot.Cli;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using static ActionMonth.Bot.Tests.Infrastructure.ReplyAssertions;

namespace ActionMonth.Bot.Tests.Conversations;

public sealed class AskVerbTests
{
    private const string Question = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";

    [Fact]
    public async Task Ask_prints_the_same_cited_answer_the_bot_gives_over_api_messages()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var user = host.Conversation();
        await user.JoinAsync();
        var overHttp = Assert.Single(await user.SayAsync(Question));
        var citations = AssertCitedAnswer(overHttp, host.Services.GetRequiredService<IKnowledgeCatalog>());

        var output = new StringWriter();
        var exit = await AskVerb.RunAsync(host.Services.GetRequiredService<KnowledgeIndex>(), host.Services, [Question], output,
            CancellationToken.None);
        Assert.Equal(0, exit);
        var printed = output.ToString();
        Assert.StartsWith(overHttp.Text + Environment.NewLine, printed);
        foreach (var c in citations)
            Assert.Contains($"citation: {c.Doc} Điều {c.Article}" + (c.Clause is { } k ? $" khoản {k}" : string.Empty), printed);
        Assert.Contains("suggested: ", printed);
    }
}
