using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Safety;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static ActionMonth.Bot.Tests.Infrastructure.ReplyAssertions;

namespace ActionMonth.Bot.Tests.Conversations;

/// <summary>The safety reply's variants and the seam the escalation work plugs into.</summary>
public sealed class SafetySeamTests
{
    private const string ChildDisclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const string AdultReport = "hàng xóm đánh con bé nhà bên suốt, tôi phải làm gì";
    private const string Emergency = "em vừa uống hết vỉ thuốc của mẹ";

    [Fact]
    public async Task An_adult_reporting_about_a_child_gets_who_to_tell_how_fast_and_111_with_real_citations()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        host.WaitForKnowledge();
        var parent = host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("Tôi là phụ huynh");

        var reply = Assert.Single(await parent.SayAsync(AdultReport));
        Assert.Contains("111", reply.Text);
        Assert.Contains("113", reply.Text);
        Assert.Contains("công an", reply.Text);
        Assert.Contains("Ủy ban nhân dân xã/phường", reply.Text);
        Assert.Contains("12 giờ", reply.Text);
        var citations = Citations(reply);
        Assert.Contains(citations, c => c.Doc == "56/2017/NĐ-CP" && c.Article == 25 && c.Clause == 1);
        Assert.Contains(citations, c => c.Doc == "56/2017/NĐ-CP" && c.Article == 26 && c.Clause == 3);
        var catalog = host.Services.GetRequiredService<IKnowledgeCatalog>();
        Assert.All(citations, c => Assert.True(catalog.CitationExists(c)));
        Assert.Equal(["Tôi muốn hỏi thêm"], reply.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task An_emergency_puts_115_first_and_a_disclosure_in_english_gets_the_reply_in_english()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var child = host.Conversation();
        var reply = Assert.Single(await child.SayAsync(Emergency));
        Assert.StartsWith("Nếu em đã làm mình bị thương hoặc đã uống thuốc, hãy gọi ngay 115", reply.Text);
        var hero = JObject.FromObject(Assert.Single(reply.Attachments).Content).ToObject<HeroCard>()!;
        Assert.Equal("tel:115", hero.Buttons[0].Value);

        var english = host.Conversation();
        await english.SayAsync("What is the hotline number for children?");
        var englishReply = Assert.Single(await english.SayAsync("my uncle touches me when mum is out and I am scared"));
        Assert.Contains("Thank you for telling me. I believe you.", englishReply.Text);
        Assert.Contains("call 111", englishReply.Text);
        Assert.Equal(["I am safe now", "I want to ask more"],
            englishReply.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task With_an_escalation_service_the_case_is_opened_before_the_reply_and_every_reply_of_the_turn_carries_it()
    {
        var escalation = new RecordingEscalation();
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder, services: s => s.AddSingleton<IEscalationService>(escalation));
        var child = host.Conversation();
        var welcome = Assert.Single(await child.JoinAsync());
        Assert.Contains("Tổng đài 111 để họ giúp", welcome.Text);

        var reply = Assert.Single(await child.SayAsync(ChildDisclosure));
        Assert.Equal(1, escalation.Opened);
        Assert.Contains("Mình đã báo cho tư vấn viên", reply.Text);
        Assert.Equal(["Kết nối với tư vấn viên", "Em đang an toàn", "Em muốn hỏi thêm"], reply.SuggestedActions.Actions.Select(a => a.Title));
        var entity = Assert.Single(reply.Entities, e => e.Type == "actionmonth/escalation");
        Assert.Equal("case-1", (string)entity.Properties["caseId"]!);
        Assert.Equal("urgent", (string)entity.Properties["level"]!);
        Assert.Equal("sexualAbuse", (string)entity.Properties["category"]!);

        // Step 2: while the case is open the operator gets the messages, not the Q&A.
        escalation.RouteEverything = true;
        Assert.Empty(await child.SayAsync("Kết nối với tư vấn viên"));
        Assert.Equal(1, escalation.Routed);
    }

    [Fact]
    public async Task When_opening_the_case_fails_the_safety_reply_still_goes_out_and_the_failure_is_logged_loudly()
    {
        var escalation = new RecordingEscalation { Fail = true };
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder, services: s => s.AddSingleton<IEscalationService>(escalation));
        var child = host.Conversation();

        var reply = Assert.Single(await child.SayAsync(ChildDisclosure));
        Assert.Contains("111", reply.Text);
        Assert.Contains("không tự gọi ai được", reply.Text);
        Assert.DoesNotContain(reply.Entities ?? [], e => e.Type == "actionmonth/escalation");
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Critical") && l.Contains("ESCALATION FAILED"));
    }

    [Fact]
    public async Task Messages_sent_at_once_in_one_conversation_are_all_answered_without_state_conflicts()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var user = host.Conversation();
        await user.JoinAsync();
        var questions = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? "trẻ em có những quyền gì?" : "em bị bạn bắt nạt thì làm sao?");
        var replies = await Task.WhenAll(questions.Select(user.SayAsync));
        Assert.All(replies, r => Assert.NotEmpty(Citations(r[^1])));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("could not be saved") || l.Contains("Turn failed"));
    }

    private sealed class RecordingEscalation : IEscalationService
    {
        public int Opened;
        public int Routed;
        public bool Fail;
        public bool RouteEverything;

        public Task<EscalationCase> OpenCaseAsync(ITurnContext turnContext, DisclosureAssessment assessment, CancellationToken cancellationToken)
        {
            if (Fail) throw new IOException("database is locked");
            return Task.FromResult(new EscalationCase($"case-{Interlocked.Increment(ref Opened)}", assessment.Level, assessment.Category));
        }

        public Task<bool> TryRouteToOpenCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            if (RouteEverything) Interlocked.Increment(ref Routed);
            return Task.FromResult(RouteEverything);
        }
    }
}
