using ActionMonth.Bot.Hosting;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using static ActionMonth.Bot.Tests.Infrastructure.ReplyAssertions;

namespace ActionMonth.Bot.Tests.Conversations;

/// <summary>
/// A question about a child being harmed that the engine cannot answer gets how to report and find help for the
/// user's role, never "no information". The engine's confidence is forced here (the real engine answers most such
/// questions itself), so the tests hold whatever the ranking does.
/// </summary>
public sealed class HarmQuestionFallbackTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private readonly ForcedConfidence _forced = new();
    private IKnowledgeCatalog Catalog => _host.Services.GetRequiredService<IKnowledgeCatalog>();

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(services: s => s.Decorate<IKnowledgeSearch>((_, inner) => _forced.Around(inner)));
        _host.WaitForKnowledge();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Theory]
    [InlineData("Tôi là phụ huynh", "parent-where-to-report")]
    [InlineData("Tôi là giáo viên", "teacher-where-to-report")]
    public async Task An_unanswered_question_about_harm_gets_the_reporting_card_of_the_role(string role, string cardId)
    {
        _forced.Confidence = Confidence.None;
        var user = _host.Conversation();
        await user.JoinAsync();
        await user.SayAsync(role);
        var reply = Assert.Single(await user.SayAsync("bạo hành trẻ em gồm những gì"));
        var card = Catalog.GetCard(cardId)!;
        Assert.StartsWith("Câu hỏi nói tới việc trẻ em bị hại", reply.Text);
        Assert.Contains(card.Answer.Trim(), reply.Text);
        Assert.Contains("111", reply.Text);
        AssertCitedAnswer(reply, Catalog);
    }

    [Fact]
    public async Task A_child_gets_who_to_turn_to_and_english_gets_english_and_other_questions_still_get_no_answer()
    {
        _forced.Confidence = Confidence.None;
        var child = _host.Conversation();
        await child.JoinAsync();
        await child.SayAsync("Tôi là trẻ em");
        var reply = (await child.SayAsync("bắt nạt là như thế nào vậy")).Last();
        Assert.StartsWith("Em nhắc tới chuyện bị làm hại", reply.Text);
        Assert.Contains(Catalog.GetCard("child-who-can-i-tell")!.Answer.Trim(), reply.Text);

        var english = _host.Conversation();
        await english.JoinAsync();
        var answer = (await english.SayAsync("What counts as child abuse in Vietnam?")).Last();
        Assert.StartsWith("Your question is about a child being harmed", answer.Text);
        Assert.Equal("en-US", answer.Locale);

        var none = Assert.Single(await child.SayAsync("xyz qwe asdf"));
        Assert.DoesNotContain("bị làm hại", none.Text);
        Assert.Empty(Citations(none));
    }

    [Fact]
    public async Task Asked_where_to_report_the_askers_card_answers_without_the_lead_in_whatever_the_engine_found()
    {
        _forced.Confidence = Confidence.None;
        var child = _host.Conversation();
        await child.JoinAsync();
        await child.SayAsync("Tôi là trẻ em");
        var reply = (await child.SayAsync("bị bắt nạt thì báo ai")).Last();
        Assert.StartsWith(Catalog.GetCard("child-who-can-i-tell")!.Answer.Trim()[..40], reply.Text);

        // No role: a question about pupils gets the teachers' card; an English one the parents' card, in English UI.
        var staff = _host.Conversation();
        await staff.JoinAsync();
        var teacher = (await staff.SayAsync("nghi ngờ học sinh bị xâm hại tình dục, giáo viên phải báo ai")).Last();
        Assert.Contains(Catalog.GetCard("teacher-where-to-report")!.Answer.Trim()[..40], teacher.Text);
        Assert.NotEmpty(Citations(teacher));

        var english = _host.Conversation();
        await english.JoinAsync();
        var answer = (await english.SayAsync("How do I report child abuse in Vietnam?")).Last();
        Assert.DoesNotContain("Your question is about a child being harmed", answer.Text);
        Assert.Contains(Catalog.GetCard("parent-where-to-report")!.Answer.Trim()[..40], answer.Text);
        Assert.Equal("en-US", answer.Locale);
    }

    [Fact]
    public async Task At_low_confidence_where_to_report_is_answered_and_other_harm_questions_offer_it_first()
    {
        _forced.Confidence = Confidence.Low;
        var parent = _host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("Tôi là phụ huynh");
        // Asked where to report: the card answers, even though the engine's own (unsure) top hit was that very card;
        // "not sure, did you mean: where to report?" was the reply before.
        var asked = Assert.Single(await parent.SayAsync("báo bạo hành trẻ em ở đâu"));
        Assert.StartsWith(Catalog.GetCard("parent-where-to-report")!.Answer.Trim()[..40], asked.Text);
        Assert.NotEmpty(Citations(asked));
        // Another question about harm the engine is unsure of: the topics, where to report first.
        var reply = Assert.Single(await parent.SayAsync("hành vi bạo hành trẻ em bị xử lý ra sao"));
        Assert.Equal(Catalog.GetCard("parent-where-to-report")!.Question, reply.SuggestedActions.Actions[0].Title);
        Assert.Empty(Citations(reply));
    }
}
