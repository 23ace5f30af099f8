using ActionMonth.Bot.Conversation.Flow;
using ActionMonth.Bot.Hosting;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using static ActionMonth.Bot.Tests.Infrastructure.ReplyAssertions;

namespace ActionMonth.Bot.Tests.Conversations;

/// <summary>
/// What the bot says in the messages after a safety reply, and the safety reply itself for a child telling about a
/// friend and for an adult in an emergency. The engine's confidence is forced where the test is about an unsure answer.
/// </summary>
public sealed class SafetyFollowUpTests : IAsyncLifetime
{
    private const string ChildDisclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const string TeacherDisclosure = "học sinh lớp tôi kể bị bố dượng xâm hại tình dục";
    private BotTestHost _host = null!;
    private readonly ForcedConfidence _forced = new();

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

    private async Task<BotConversation> AfterDisclosureAsync(string role, string disclosure)
    {
        var user = _host.Conversation();
        await user.JoinAsync();
        await user.SayAsync(role);
        var safety = Assert.Single(await user.SayAsync(disclosure));
        Assert.NotEmpty(safety.Attachments); // the safety card
        return user;
    }

    [Fact]
    public async Task An_adult_asking_whether_to_wait_is_told_not_to_wait_then_briefly_then_answers_come_back()
    {
        var teacher = await AfterDisclosureAsync("Tôi là giáo viên", TeacherDisclosure);
        _forced.Confidence = Confidence.None;

        var first = Assert.Single(await teacher.SayAsync("tôi nên đợi đến mai báo hiệu trưởng được không"));
        Assert.StartsWith("Đừng chờ thêm", first.Text);
        Assert.Contains("Đừng tự đến đối chất", first.Text);
        Assert.Contains("113", first.Text);
        // The rule it rests on, named in the text and as a citation entity the catalog confirms.
        var cited = Assert.Single(Citations(first));
        Assert.Equal(("56/2017/NĐ-CP", 25, (int?)1), (cited.Doc, cited.Article, cited.Clause));
        Assert.True(_host.Services.GetRequiredService<IKnowledgeCatalog>().CitationExists(cited));
        Assert.Contains("Điều 25 Nghị định 56/2017/NĐ-CP, khoản 1", first.Text);

        // Said again, it is short.
        var again = Assert.Single(await teacher.SayAsync("tôi có nên tự nói chuyện với ông ấy trước không"));
        Assert.StartsWith("Hãy báo ngay", again.Text);

        // A sure answer goes through, and after the covered messages an unsure one gets the ordinary reply again.
        _forced.Confidence = Confidence.High;
        Assert.DoesNotContain("Đừng chờ thêm", Assert.Single(await teacher.SayAsync("Tháng hành động vì trẻ em là gì?")).Text);
        _forced.Confidence = Confidence.None;
        for (var i = 3; i < SafetyFollowUps.Turns; i++) await teacher.SayAsync("xyz qwe asdf");
        var after = Assert.Single(await teacher.SayAsync("xyz qwe asdf"));
        Assert.Contains("chưa có thông tin", after.Text);
    }

    [Fact]
    public async Task An_adult_who_moves_to_a_new_topic_gets_its_answer_with_one_reminder_while_talk_of_the_report_keeps_the_follow_up()
    {
        var parent = await AfterDisclosureAsync("Tôi là phụ huynh", "con gái tôi bị thầy giáo nhắn tin gạ gẫm");
        _forced.Confidence = Confidence.None;

        // A new topic right after the safety reply: a one-line reminder of the report, then the answer to what was asked.
        var first = await parent.SayAsync("thủ tục làm giấy khai sinh cho con");
        Assert.Equal(2, first.Count);
        Assert.StartsWith("Về chuyện bạn vừa kể: nếu chưa báo, hãy gọi ngay 111", first[0].Text);
        Assert.Contains("113 hoặc 115", first[0].Text);
        Assert.Contains("chưa có thông tin", first[1].Text);

        // Another new topic: the answer alone, the reminder is not repeated.
        var second = Assert.Single(await parent.SayAsync("học phí năm nay có được miễn không"));
        Assert.Contains("chưa có thông tin", second.Text);

        // Back to the report (no phone, waiting, the person): the follow-up, as before.
        var noPhone = Assert.Single(await parent.SayAsync("tôi không có điện thoại"));
        Assert.StartsWith("Đừng chờ thêm", noPhone.Text);
        var again = Assert.Single(await parent.SayAsync("nếu báo thì ông ấy có bị đi tù không"));
        Assert.StartsWith("Hãy báo ngay", again.Text);
        Assert.Contains("Không có điện thoại thì nhờ người bên cạnh gọi giúp", again.Text);
    }

    [Fact]
    public async Task A_parent_answered_as_an_adult_stays_an_adult_when_a_later_message_reads_like_a_childs_own()
    {
        var parent = await AfterDisclosureAsync("Tôi là phụ huynh", "con gái tôi bị thầy giáo nhắn tin gạ gẫm");
        // The detector reads "tôi … bị trù dập" as the speaker's own harm; this parent was just answered as an adult.
        var second = (await parent.SayAsync("tôi sợ báo rồi con bị trù dập")).Last();
        Assert.NotEmpty(second.Attachments);
        Assert.StartsWith("Cảm ơn bạn đã lên tiếng vì trẻ", second.Text);
        _forced.Confidence = Confidence.None;
        var next = Assert.Single(await parent.SayAsync("giờ tôi phải làm gì"));
        Assert.DoesNotContain("em", next.Text.Split(' ', '.', ','));
        Assert.Contains("111", next.Text);

        // A first disclosure keeps the detector's reading: a child who pressed "phụ huynh" by mistake is still a child.
        var child = await AfterDisclosureAsync("Tôi là phụ huynh", "tôi 14 tuổi, bị bố dượng sờ soạng");
        var replies = await child.SayAsync("em sợ lắm, em không dám về nhà");
        Assert.StartsWith("Mình vẫn ở đây với em", replies[^1].Text);
        // A gentle line before it, if any, speaks to the same child.
        Assert.All(replies, r => Assert.DoesNotContain("bạn có thể gọi 111", r.Text));
    }

    [Fact]
    public async Task An_english_teacher_reporting_a_pupil_gets_the_adults_reply_and_a_child_who_pressed_parent_the_childs()
    {
        var teacher = _host.Conversation();
        await teacher.JoinAsync();
        await teacher.SayAsync("English");
        await teacher.SayAsync("I am a teacher");
        // Read as the speaker's own disclosure ("me"), this was answered "I believe you. This is not your fault."
        var reply = (await teacher.SayAsync("a pupil told me her stepfather touches her")).Last();
        Assert.NotEmpty(reply.Attachments);
        Assert.StartsWith("Thank you for speaking up for the child.", reply.Text);

        var child = _host.Conversation();
        await child.JoinAsync();
        await child.SayAsync("English");
        await child.SayAsync("I am a parent");
        var own = (await child.SayAsync("my stepfather touches me at night")).Last();
        Assert.StartsWith("Thank you for telling me. I believe you.", own.Text);
    }

    [Fact]
    public async Task A_child_who_says_never_mind_after_a_disclosure_gets_the_follow_up_not_a_plain_ok()
    {
        var child = await AfterDisclosureAsync("Tôi là trẻ em", ChildDisclosure);
        var reply = Assert.Single(await child.SayAsync("ko sao đâu"));
        Assert.StartsWith("Mình vẫn ở đây với em", reply.Text);
        Assert.Contains("111", reply.Text);
    }

    [Fact]
    public async Task Without_a_role_a_child_is_spoken_to_as_a_child_in_small_talk_and_when_the_bot_has_no_answer()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        // Typed as children type: "e" for "em". The child's no-answer text, not the cold "chưa có thông tin".
        _forced.Confidence = Confidence.None;
        var none = (await child.SayAsync("bn e bao e beo")).Last();
        Assert.StartsWith("Chuyện này mình chưa trả lời được", none.Text);
        _forced.Confidence = null;

        Assert.NotEmpty(Assert.Single(await child.SayAsync(ChildDisclosure)).Attachments);
        Assert.Equal("Không có gì đâu em. Khi nào cần, em cứ nhắn mình, hoặc gọi 111 nhé.",
            Assert.Single(await child.SayAsync("cảm ơn")).Text);

        // An adult without a role keeps the adult's texts.
        var adult = _host.Conversation();
        await adult.JoinAsync();
        _forced.Confidence = Confidence.None;
        Assert.Contains("chưa có thông tin", (await adult.SayAsync("con tôi bị cận thị thì khám ở đâu")).Last().Text);
    }

    [Fact]
    public async Task An_english_speaker_naming_their_child_gets_the_adults_gentle_line()
    {
        var parent = _host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("English");
        // Since detector round 14 these read as no concern at all, so no line is said; whatever the detector makes of
        // them, a parent naming their child must never get the child's line.
        foreach (var text in new[] { "is it legal to leave my 8 year old home alone", "my son seems scared to go to school" })
            Assert.DoesNotContain(await parent.SayAsync(text), r => r.Text?.Contains("sad or scared", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Without_a_role_an_english_parent_naming_their_child_gets_the_adults_reply_and_a_child_the_childs()
    {
        var parent = _host.Conversation();
        await parent.JoinAsync();
        var toParent = (await parent.SayAsync("my 13-year-old was hit by her teacher, who do I report to?")).Last();
        Assert.Contains("111", toParent.Text);
        Assert.DoesNotContain("not your fault", toParent.Text);

        var child = _host.Conversation();
        await child.JoinAsync();
        var toChild = (await child.SayAsync("my dad hits me every night")).Last();
        Assert.Equal("en-US", toChild.Locale);
        Assert.Contains("not your fault", toChild.Text);
        Assert.Contains("111", toChild.Text);
    }

    [Fact]
    public async Task A_child_gets_the_child_follow_up_instead_of_an_article_or_an_adults_card()
    {
        var child = await AfterDisclosureAsync("Tôi là trẻ em", ChildDisclosure);
        _forced.Confidence = Confidence.High; // even a sure answer, when it is not a card written for children

        var reply = (await child.SayAsync("nếu em kể thì chú ấy có bị bắt đi tù không")).Last();
        Assert.StartsWith("Mình vẫn ở đây với em", reply.Text);
        Assert.Contains("111", reply.Text);
        Assert.Contains("không phải lỗi của em", reply.Text);
        Assert.Empty(Citations(reply));
        Assert.Contains(reply.SuggestedActions.Actions, a => a.Title == "Em đang an toàn");

        // A card for children still answers.
        var card = (await child.SayAsync("Em có những quyền gì?")).Last();
        Assert.DoesNotContain("Mình vẫn ở đây", card.Text);
    }

    [Fact]
    public async Task A_child_saying_how_they_feel_after_a_disclosure_gets_the_follow_up_not_a_card_that_matches_the_words()
    {
        var child = await AfterDisclosureAsync("Tôi là trẻ em", ChildDisclosure);
        _forced.Confidence = Confidence.High;
        // "em sợ lắm" matches a children's card (on private parts) word for word; after a disclosure it is a feeling.
        var feeling = (await child.SayAsync("em sợ lắm")).Last();
        Assert.StartsWith("Mình vẫn ở đây với em", feeling.Text);
        Assert.Contains("111", feeling.Text);
    }

    [Fact]
    public async Task A_follow_up_never_reaches_back_to_the_article_before_the_disclosure()
    {
        var parent = _host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("Tôi là phụ huynh");
        await parent.SayAsync("điều 6 luật trẻ em");
        await parent.SayAsync("con tôi bị chú họ sờ mó vùng kín");
        var reply = (await parent.SayAsync("còn khoản 2 thì sao?")).Last();
        Assert.DoesNotContain("Điều 6", reply.Text);
    }

    [Fact]
    public async Task A_child_telling_about_a_friend_gets_the_child_witness_reply()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        await child.SayAsync("Tôi là trẻ em");
        var reply = (await child.SayAsync("bạn em bị bố đánh bầm tím cả người, em phải làm gì")).Last();
        Assert.StartsWith("Em đã làm đúng khi kể ra", reply.Text);
        Assert.Contains("người lớn em tin", reply.Text);
        Assert.Contains("111", reply.Text);
        Assert.DoesNotContain("Ủy ban nhân dân", reply.Text); // not the adult's reporting path
        Assert.Equal("Em đã làm đúng khi kể.", ((HeroCardOf(reply))).Title);
    }

    [Fact]
    public async Task An_adult_in_an_emergency_is_told_to_call_115_or_113_first_without_the_law()
    {
        var parent = _host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("Tôi là phụ huynh");
        var reply = (await parent.SayAsync("con tôi bị bạn đánh chảy máu đầu đang bất tỉnh")).Last();
        Assert.StartsWith("Hãy gọi ngay 115", reply.Text);
        Assert.DoesNotContain("12 giờ", reply.Text);
        Assert.Empty(Citations(reply));
        Assert.Equal("Gọi ngay 115 (cấp cứu) hoặc 113 (công an).", HeroCardOf(reply).Title);
        Assert.Equal("113 · 115 · 111", HeroCardOf(reply).Subtitle);
    }

    [Fact]
    public async Task A_parent_or_teacher_saying_toi_gets_the_adult_reply_but_their_own_self_harm_the_speakers_reply()
    {
        var teacher = _host.Conversation();
        await teacher.JoinAsync();
        await teacher.SayAsync("Tôi là giáo viên");
        var reply = (await teacher.SayAsync("chồng tôi hay đánh con, tôi phải làm sao?")).Last();
        Assert.StartsWith("Cảm ơn bạn đã lên tiếng vì trẻ", reply.Text);
        Assert.DoesNotContain("Cảm ơn em", reply.Text);

        var parent = _host.Conversation();
        await parent.JoinAsync();
        await parent.SayAsync("Tôi là phụ huynh");
        var own = (await parent.SayAsync("tôi muốn chết, không muốn sống nữa")).Last();
        Assert.Contains("115", own.Text);
        Assert.DoesNotContain("Người phát hiện trẻ bị xâm hại", own.Text);
    }

    [Fact]
    public async Task The_gentle_concern_line_is_said_once_in_a_while_not_before_every_answer()
    {
        var child = _host.Conversation();
        await child.JoinAsync();
        await child.SayAsync("Tôi là trẻ em");
        const string line = "Nếu có chuyện gì làm em buồn hay sợ";
        const string concern = "em buồn quá, không ai chơi với em";
        Assert.StartsWith(line, (await child.SayAsync("em buồn quá, em bị bạn bắt nạt thì làm sao?"))[0].Text);
        Assert.DoesNotContain(await child.SayAsync(concern), r => r.Text?.StartsWith(line) == true);
        for (var i = 0; i < SafetyGate.ConcernLineQuietMessages - 2; i++) await child.SayAsync("Tháng hành động vì trẻ em là gì?");
        Assert.DoesNotContain(await child.SayAsync(concern), r => r.Text?.StartsWith(line) == true);
        Assert.StartsWith(line, (await child.SayAsync(concern))[0].Text);
    }

    [Fact]
    public async Task A_teacher_is_not_given_the_childs_concern_line()
    {
        var teacher = _host.Conversation();
        await teacher.JoinAsync();
        await teacher.SayAsync("Tôi là giáo viên");
        var replies = await teacher.SayAsync("em buồn quá, không ai chơi với em");
        Assert.DoesNotContain(replies, r => r.Text?.Contains("làm em buồn", StringComparison.Ordinal) == true);
        Assert.StartsWith("Nếu có trẻ nào đang gặp chuyện không ổn", replies[0].Text);
    }

    private static HeroCard HeroCardOf(Activity reply) =>
        Newtonsoft.Json.Linq.JObject.FromObject(Assert.Single(reply.Attachments).Content).ToObject<HeroCard>()!;
}
