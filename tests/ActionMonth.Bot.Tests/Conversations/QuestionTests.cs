using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using static ActionMonth.Bot.Tests.Infrastructure.ReplyAssertions;

namespace ActionMonth.Bot.Tests.Conversations;

/// <summary>Questions through the real host, the real knowledge engine and the repository's knowledge/.</summary>
public sealed class QuestionTests : IAsyncLifetime
{
    private const string TeacherQuestion = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";
    private BotTestHost _host = null!;
    private IKnowledgeCatalog Catalog => _host.Services.GetRequiredService<IKnowledgeCatalog>();

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

    private async Task<BotConversation> AsAsync(string role)
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        await user.SayAsync(role);
        return user;
    }

    [Fact]
    public async Task A_parents_question_gets_a_plain_answer_with_real_citations()
    {
        var parent = await AsAsync("Tôi là phụ huynh");
        var answer = Assert.Single(await parent.SayAsync("Trẻ em có những quyền gì?"));
        var citations = AssertCitedAnswer(answer, Catalog);
        Assert.Contains(citations, c => c.Doc == "102/2016/QH13");
        Assert.Contains("quyền", answer.Text);
    }

    [Fact]
    public async Task A_teachers_question_about_reporting_names_where_to_report_with_a_citation()
    {
        var teacher = await AsAsync("Tôi là giáo viên");
        var answer = Assert.Single(await teacher.SayAsync(TeacherQuestion));
        AssertCitedAnswer(answer, Catalog);
        Assert.Contains("công an", answer.Text);
        Assert.Contains("Tổng đài", answer.Text);
    }

    [Theory]
    [InlineData("Tôi là phụ huynh", "teacher-where-to-report")]
    [InlineData(null, "teacher-where-to-report")]
    // A child is always answered in a child's words: who they can tell.
    [InlineData("Tôi là trẻ em", "child-who-can-i-tell")]
    public async Task An_adult_asking_what_a_teacher_must_report_gets_the_schools_card_and_a_child_the_childs(string? role, string cardId)
    {
        var user = role is null ? _host.Conversation() : await AsAsync(role);
        if (role is null) await user.JoinAsync();
        var answer = (await user.SayAsync(TeacherQuestion)).Last();
        Assert.StartsWith(Catalog.GetCard(cardId)!.Answer.Trim()[..40], answer.Text);
        AssertCitedAnswer(answer, Catalog);
    }

    [Fact]
    public async Task A_parent_whose_question_names_a_teacher_protecting_pupils_still_gets_the_parents_card()
    {
        var parent = await AsAsync("Tôi là phụ huynh");
        var answer = (await parent.SayAsync("Giáo viên có trách nhiệm bảo vệ học sinh, vậy con bị bạo hành ở trường thì báo ai?")).Last();
        Assert.DoesNotContain("thầy cô báo cho", answer.Text);
        Assert.Contains("111", answer.Text);
    }

    [Fact]
    public async Task A_parent_asking_what_schools_must_do_gets_the_card_written_for_it_not_a_passage_that_shares_its_words()
    {
        var parent = await AsAsync("Tôi là phụ huynh");
        var answer = (await parent.SayAsync("nhà trường phải làm gì để phòng chống xâm hại trẻ em?")).Last();
        var citations = AssertCitedAnswer(answer, Catalog);
        // The Law's article on schools' duties (44), not the one on the Ministry of Public Security (88) nor a province's plan.
        Assert.Contains(citations, c => c.Doc == "102/2016/QH13" && c.Article == 44);
        Assert.DoesNotContain(citations, c => c.Article == 88);
        Assert.DoesNotContain("Quảng Bình", answer.Text);
    }

    [Theory]
    [InlineData("bo me ly hon con co duoc gap ca hai nguoi khong")]
    [InlineData("tre em bi bat di lam co dung luat khong")]
    public async Task A_teacher_is_not_answered_in_the_words_written_for_a_child(string question)
    {
        var teacher = await AsAsync("Tôi là giáo viên");
        var answer = (await teacher.SayAsync(question)).Last();
        AssertCitedAnswer(answer, Catalog);
        // A child's card speaks to "em": sentences that start with it, "của em" (yours).
        Assert.DoesNotMatch(@"(?m)(?:^|[.!?]\s+)Em\s|\bcủa em\b", answer.Text);
    }

    [Theory]
    [InlineData("my son is being bullied at school, what can I do?")]
    [InlineData("my 13-year-old son is being bullied at school, what can I do?")]
    public async Task An_english_speaking_parent_naming_their_child_gets_the_parents_card(string question)
    {
        var parent = _host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("English");
        var answer = (await parent.SayAsync(question)).Last();
        Assert.NotEmpty(Citations(answer));
        Assert.Contains("Source: Điều", answer.Text);
        Assert.Equal("en-US", answer.Locale);
        Assert.DoesNotMatch(@"(?m)(?:^|[.!?]\s+)Em\s|\bcủa em\b", answer.Text);
        Assert.Contains("con", answer.Text);
    }

    [Fact]
    public async Task A_childs_question_gets_the_same_answer_with_and_without_diacritics()
    {
        var child = await AsAsync("Tôi là trẻ em");
        var withMarksReplies = await child.SayAsync("em có những quyền gì?");
        var withoutMarksReplies = await child.SayAsync("em co nhung quyen gi");
        // Should the detector read a concern, a gentle line with 111 comes first; the answer after it is the same.
        foreach (var replies in new[] { withMarksReplies, withoutMarksReplies })
        {
            Assert.InRange(replies.Count, 1, 2);
            if (replies.Count == 2) Assert.Contains("111", replies[0].Text);
        }
        var withMarks = withMarksReplies[^1];
        var withoutMarks = withoutMarksReplies[^1];
        AssertCitedAnswer(withMarks, Catalog);
        Assert.Equal(Citations(withMarks), Citations(withoutMarks));
        // Written for a child: it talks to "em", and says where to get help.
        Assert.Contains(" em ", withMarks.Text);
        Assert.Contains("111", withMarks.Text);
    }

    [Fact]
    public async Task Follow_ups_use_the_article_kept_in_the_conversation()
    {
        var teacher = await AsAsync("Tôi là giáo viên");
        var answer = Assert.Single(await teacher.SayAsync(TeacherQuestion));
        var main = Citations(answer)[0];
        var shortName = Catalog.ShortName(main.Doc);
        var article = Catalog.GetOfficialArticle(main.Doc, main.Article)!;
        Assert.True(article.Clauses.Count >= 2, "the test needs an article with two clauses");

        var clause = Assert.Single(await teacher.SayAsync("còn khoản 2 thì sao?"));
        Assert.StartsWith($"Khoản 2 Điều {main.Article} {shortName}:", clause.Text);
        Assert.Contains(article.Clauses.Single(c => c.Number == 2).Text, clause.Text);
        Assert.Equal([main with { Clause = 2 }], Citations(clause));

        var explained = await teacher.SayAsync("nói rõ hơn");
        Assert.All(Citations(explained[0]), c => Assert.Equal((main.Doc, main.Article), (c.Doc, c.Article)));
        Assert.NotEmpty(Citations(explained[0]));

        var fullText = await teacher.PressAsync(clause.SuggestedActions.Actions.Single(a => a.Title == $"Xem nguyên văn Điều {main.Article}"));
        Assert.StartsWith($"Nguyên văn Điều {main.Article}. {article.Title} ({shortName}):", fullText[0].Text);
        Assert.Equal([main with { Clause = null }], Citations(fullText[0]));
    }

    [Fact]
    public async Task A_question_pointing_back_at_an_article_already_explained_gets_its_official_words_not_the_same_text()
    {
        var teacher = await AsAsync("Tôi là giáo viên");
        await teacher.SayAsync("giáo viên có trách nhiệm gì khi phát hiện học sinh bị bạo lực?");
        var explained = Assert.Single(await teacher.SayAsync("nói rõ hơn"));
        var main = Citations(explained)[0];

        var pointing = Assert.Single(await teacher.SayAsync("điều đó áp dụng cho ai"));
        var cited = Assert.Single(Citations(pointing));
        Assert.Equal((main.Doc, main.Article), (cited.Doc, cited.Article));
        Assert.NotNull(cited.Clause);
        Assert.StartsWith($"Khoản {cited.Clause} Điều {main.Article}", pointing.Text);
        var clause = Catalog.GetOfficialArticle(main.Doc, main.Article)!.Clauses.Single(c => c.Number == cited.Clause);
        Assert.Contains(clause.Text, pointing.Text);
    }

    [Fact]
    public async Task Asked_for_an_example_or_a_summary_the_bot_offers_real_cases_and_says_it_writes_no_summary()
    {
        var teacher = await AsAsync("Tôi là giáo viên");
        // Nothing said yet: there is no article to give an example of (searched, "ví dụ" reached the Quảng Bình plan).
        Assert.Equal(
            "Mình chưa biết bạn đang nói tới điều luật nào. Bạn hỏi lại đầy đủ giúp mình nhé, ví dụ \"Điều 26 Luật Trẻ em\".",
            Assert.Single(await teacher.SayAsync("ví dụ?")).Text);

        await teacher.SayAsync("điều 27 luật trẻ em");
        var examples = Assert.Single(await teacher.SayAsync("cho ví dụ"));
        Assert.StartsWith("Mình không có ví dụ soạn riêng cho Điều 27 Luật Trẻ em 2016.", examples.Text);
        var asked = examples.SuggestedActions.Actions.Where(a => a.Type == ActionTypes.ImBack).Select(a => a.Title).ToList();
        Assert.NotEmpty(asked);
        // Every case offered is a card that rests on Điều 27, and is listed in the text too.
        foreach (var question in asked)
        {
            var card = Catalog.Cards.Single(c => c.Question == question);
            Assert.Contains(card.Citations, c => c.Doc == "102/2016/QH13" && c.Article == 27);
            Assert.Contains("• " + question, examples.Text);
        }

        await teacher.SayAsync("điều 27 luật trẻ em");
        var summary = Assert.Single(await teacher.SayAsync("tóm tắt"));
        Assert.StartsWith("Mình không tự viết tóm tắt", summary.Text);
        Assert.Contains("Điều 27 Luật Trẻ em 2016", summary.Text);
        Assert.Equal(["Nói rõ hơn", "Xem nguyên văn Điều 27"], summary.SuggestedActions.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task Saying_the_answer_was_wrong_is_a_thumbs_down_on_it()
    {
        var parent = await AsAsync("Tôi là phụ huynh");
        var answer = (await parent.SayAsync("Trẻ em có những quyền gì?")).Last();
        var down = answer.SuggestedActions.Actions.Single(a => a.Title == "👎");
        Assert.StartsWith("Cảm ơn bạn đã góp ý", Assert.Single(await parent.SayAsync("tôi không hài lòng với câu trả lời")).Text);
        var store = _host.Services.GetRequiredService<ActionMonth.Bot.Storage.IFeedbackStore>();
        var stored = Assert.Single(await store.RecentAsync(10, CancellationToken.None));
        Assert.Equal(-1, stored.Vote);
        Assert.Equal((string?)((Newtonsoft.Json.Linq.JObject)down.Value)["answerId"], stored.AnswerId);
    }

    [Fact]
    public async Task English_asks_for_the_original_text_and_for_Vietnamese_are_understood()
    {
        var user = await AsAsync("Tôi là phụ huynh");
        await user.SayAsync("điều 6 luật trẻ em");
        await user.SayAsync("English");
        var original = await user.SayAsync("show the original text");
        Assert.StartsWith("Official text of Article 6.", original[0].Text);
        Assert.Equal("Được, mình sẽ nói tiếng Việt.", Assert.Single(await user.SayAsync("can you speak Vietnamese?")).Text);
    }

    [Fact]
    public async Task A_full_text_button_naming_an_unknown_document_does_not_repeat_it()
    {
        var user = await AsAsync("Tôi là phụ huynh");
        var value = new Newtonsoft.Json.Linq.JObject { ["action"] = "fulltext", ["doc"] = "99/9999/XX", ["article"] = 3 };
        var reply = Assert.Single(await user.PressAsync(new CardAction(ActionTypes.MessageBack, "Xem nguyên văn Điều 3", value: value)));
        Assert.DoesNotContain("99/9999", reply.Text);
        Assert.Empty(Citations(reply));
    }

    [Fact]
    public async Task A_question_pointing_back_at_the_article_is_searched_with_it()
    {
        var teacher = await AsAsync("Tôi là giáo viên");
        await teacher.SayAsync(TeacherQuestion);
        var answer = Assert.Single(await teacher.SayAsync("điều đó áp dụng cho ai?"));
        AssertCitedAnswer(answer, Catalog);
    }

    [Theory]
    [InlineData("Điều 200 Luật Trẻ em", "102/2016/QH13", 200)]
    [InlineData("dieu 60 nghi dinh 56", "56/2017/NĐ-CP", 60)]
    public async Task An_article_the_document_does_not_have_is_said_plainly_with_its_last_article(string question, string doc, int asked)
    {
        var user = await AsAsync("Tôi là phụ huynh");
        var reply = Assert.Single(await user.SayAsync(question));
        var last = Catalog.GetOfficialDocument(doc)!.Articles.Max(a => a.Number);
        Assert.True(last < asked);
        Assert.StartsWith($"{Catalog.ShortName(doc)} không có Điều {asked}: điều cuối cùng của văn bản này là Điều {last}.", reply.Text);
        Assert.Empty(Citations(reply));

        // Within the conversation's document the follow-up says the same, and an article that exists still answers.
        await user.SayAsync("điều 6 luật trẻ em");
        Assert.StartsWith("Luật Trẻ em 2016 không có Điều 107", Assert.Single(await user.SayAsync("điều 107 thì sao?")).Text);
        Assert.Equal(("102/2016/QH13", 7), (Citations((await user.SayAsync("điều 7 thì sao?")).Last())[0] is var c ? (c.Doc, c.Article) : default));
    }

    [Theory]
    [InlineData("trẻ em có bổn phận gì", false)]
    [InlineData("trẻ mấy tuổi thì được đi làm thêm", false)]
    [InlineData("em có quyền gì", true)]
    public async Task Without_a_role_the_card_speaks_to_whoever_the_words_say_is_asking(string question, bool child)
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        var reply = (await user.SayAsync(question)).Last();
        var card = Assert.Single(Catalog.Cards, c => reply.Text.Contains(c.Answer.Trim(), StringComparison.Ordinal));
        Assert.Equal(child, card.Audience == ActionMonth.Knowledge.Model.Audience.Child);
    }

    [Fact]
    public async Task A_long_article_is_split_into_readable_messages_that_together_are_the_official_text()
    {
        var user = await AsAsync("Tôi là phụ huynh");
        var answer = Assert.Single(await user.SayAsync("điều 10 thông tư 14/2020"));
        var main = Citations(answer)[0];
        Assert.Equal(("14/2020/TT-BLĐTBXH", 10), (main.Doc, main.Article));

        var parts = await user.PressAsync(answer.SuggestedActions.Actions.Single(a => a.Title == "Xem nguyên văn Điều 10"));
        var official = Catalog.GetOfficialArticle(main.Doc, 10)!;
        Assert.True(official.FullText.Length > 3000);
        var textParts = parts.Where(p => !p.Text.StartsWith("Lưu ý")).ToList();
        Assert.True(textParts.Count >= 3);
        Assert.All(textParts, p => Assert.True(p.Text.Length <= 1700, $"a part of {p.Text.Length} characters"));
        var joined = string.Join("\n", textParts.Select(p => p.Text[(p.Text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]));
        Assert.Equal(official.FullText.Replace("\n", " "), joined.Replace("\n", " "));
        // The circular names the former labour ministry's bodies: the reorganisation note follows.
        Assert.Contains(parts, p => p.Text.Contains("Bộ Y tế") && p.Text.Contains("01/03/2025"));
    }

    [Fact]
    public async Task An_article_naming_the_district_level_gets_the_2025_note()
    {
        var user = await AsAsync("Tôi là phụ huynh");
        var article = Catalog.GetOfficialDocument("102/2016/QH13")!.Articles.First(a => a.FullText.Contains("Ủy ban nhân dân cấp huyện"));
        var answer = await user.SayAsync($"Điều {article.Number} Luật Trẻ em");
        Assert.Equal(article.Number, Citations(answer[0])[0].Article);
        var fullText = await user.SayAsync("xem nguyên văn");
        Assert.Contains(fullText, p => p.Text.Contains("01/07/2025") && p.Text.Contains("cấp huyện"));
    }

    [Fact]
    public async Task Low_confidence_says_so_offers_the_closest_topics_and_111()
    {
        var search = _host.Services.GetRequiredService<IKnowledgeSearch>();
        string[] candidates =
        [
            "tiền trợ cấp cho trẻ mồ côi là bao nhiêu",
            "học phí cho trẻ khuyết tật được giảm bao nhiêu",
            "trẻ em đi xe máy điện có cần bằng lái không",
            // Names a child's world (school) but asks what no text says: which school is good.
            "trường mầm non nào tốt ở Hà Nội",
        ];
        var question = candidates.FirstOrDefault(q => search.Search(q).Confidence == Confidence.Low);
        Assert.True(question is not null, "none of the candidate questions has low confidence any more; pick another");

        var user = await AsAsync("Tôi là phụ huynh");
        var reply = Assert.Single(await user.SayAsync(question!));
        Assert.Contains("chưa chắc", reply.Text);
        Assert.Contains("111", reply.Text);
        Assert.Empty(Citations(reply));
        var topics = reply.SuggestedActions.Actions;
        Assert.InRange(topics.Count, 1, 3);
        Assert.All(topics, t => Assert.Contains(t.Title, reply.Text));
        // A topic is a question the bot can answer.
        AssertCitedAnswer((await user.PressAsync(topics[0]))[0], Catalog);
    }

    [Fact]
    public async Task No_answer_says_so_with_111_and_no_citation()
    {
        var user = await AsAsync("Tôi là phụ huynh");
        var reply = Assert.Single(await user.SayAsync("xyz qwe asdf"));
        Assert.Contains("chưa có thông tin", reply.Text);
        Assert.Contains("111", reply.Text);
        Assert.Empty(Citations(reply));
    }

    [Theory]
    [InlineData("Chỉ thị 28-CT/TW nói gì về trẻ em?", "28-CT/TW")]
    [InlineData("chỉ thị 28 do ai ký, ban hành ngày nào?", "28-CT/TW")]
    [InlineData("kế hoạch tháng hành động của Quảng Bình năm 2024 có mục đích gì", "KH-UBND-QB-2024")]
    public async Task A_document_we_only_describe_is_answered_with_a_whole_section_that_says_we_lack_its_text(string question, string doc)
    {
        var user = await AsAsync("Tôi là phụ huynh");
        var reply = Assert.Single(await user.SayAsync(question));
        var guide = Catalog.GetGuide(doc)!;
        Assert.Null(Catalog.GetOfficialDocument(doc));
        Assert.StartsWith($"Mình không có toàn văn {guide.ShortName}", reply.Text);
        // One of the guide's sections, whole: not a search snippet (highlight marks, cut off with an ellipsis).
        Assert.Contains(guide.Entries, e => e.Article is null && reply.Text.Contains(e.Explanation.Trim()));
        Assert.DoesNotContain("**", reply.Text);
        // Nothing is cited as the document's own words: citations, if any, are of official texts we hold.
        Assert.All(Citations(reply), c => Assert.NotNull(Catalog.GetOfficialArticle(c.Doc, c.Article)));
    }

    [Fact]
    public async Task English_gets_english_ui_texts_the_content_flagged_as_vietnamese_and_the_choice_is_kept()
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        var answer = Assert.Single(await user.SayAsync("What rights do children have in Vietnam?"));
        Assert.StartsWith("(My legal content is in Vietnamese", answer.Text);
        Assert.Equal("en-US", answer.Locale);
        var citations = Citations(answer);
        Assert.NotEmpty(citations);
        Assert.Contains("Source: Điều", answer.Text);
        Assert.Contains(answer.SuggestedActions.Actions, a => a.Title.StartsWith("Show the official text of Article"));

        // Kept for short messages that say nothing about the language.
        // ("menu": a bare "help" is a concern to the detector and gets a line about 111 before the menu.)
        var help = Assert.Single(await user.SayAsync("menu"));
        Assert.Contains("Urgent help: call 111", help.Text);
        Assert.Contains("You're welcome", Assert.Single(await user.SayAsync("ok thanks")).Text);

        Assert.Equal("Được, mình sẽ nói tiếng Việt.", Assert.Single(await user.SayAsync("Tiếng Việt")).Text);
        Assert.Contains("Bạn có thể hỏi", Assert.Single(await user.SayAsync("menu")).Text);
    }
}
