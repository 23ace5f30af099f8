using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Knowledge.Model;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Units;

public sealed class UnderstandingTests
{
    private readonly CommandRecognizer _commands = new();
    private readonly FollowUpRecognizer _followUps = new();
    private readonly LanguageDetector _languages = new();

    [Theory]
    [InlineData("Cảm ơn bạn nhé!", CommandKind.Thanks)]
    [InlineData("cam on ban", CommandKind.Thanks)]
    [InlineData("  TRỢ GIÚP ", CommandKind.Help)]
    [InlineData("/start@ActionMonthBot", CommandKind.Start)]
    [InlineData("bắt đầu lại", CommandKind.Restart)]
    [InlineData("bạn có phải người thật không?", CommandKind.AboutBot)]
    [InlineData("are you a real person", CommandKind.AboutBot)]
    [InlineData("Ok", CommandKind.Acknowledge)]
    [InlineData("switch to English please", CommandKind.Language)]
    [InlineData("đổi sang tiếng Việt", CommandKind.Language)]
    [InlineData("quay lại tiếng Việt", CommandKind.Language)]
    [InlineData("back to English", CommandKind.Language)]
    [InlineData("vâng ạ", CommandKind.Acknowledge)]
    [InlineData("đường dây nóng", CommandKind.Hotlines)]
    [InlineData("Đổi vai trò", CommandKind.ChangeRole)]
    [InlineData("👍", CommandKind.Feedback)]
    [InlineData("Em đang an toàn", CommandKind.SafeNow)]
    [InlineData("Kết nối với tư vấn viên", CommandKind.ConnectCounsellor)]
    [InlineData("xem nguyên văn", CommandKind.FullText)]
    [InlineData("Xem nguyên văn Điều 26", CommandKind.FullText)]
    [InlineData("show the original text", CommandKind.FullText)]
    [InlineData("không có gì", CommandKind.Acknowledge)]
    [InlineData("ko co gi", CommandKind.Acknowledge)]
    [InlineData("hok co j", CommandKind.Acknowledge)]
    [InlineData("không sao đâu", CommandKind.Acknowledge)]
    [InlineData("can you speak Vietnamese?", CommandKind.Language)]
    [InlineData("tôi không hài lòng với câu trả lời", CommandKind.Feedback)]
    [InlineData("Trả lời sai rồi!", CommandKind.Feedback)]
    [InlineData("not helpful", CommandKind.Feedback)]
    public void Short_commands_are_recognised(string text, CommandKind kind) => Assert.Equal(kind, _commands.Recognize(null, text).Kind);

    [Theory]
    [InlineData("cảm ơn, còn khoản 2 thì sao?")]
    [InlineData("giúp em với")]
    [InlineData("help me")]
    [InlineData("tổng đài 111 có mất phí không")]
    [InlineData("chào bạn, con tôi bị đánh ở trường thì làm gì")]
    [InlineData("ở nhà không có gì ăn")]
    public void Questions_that_contain_command_words_are_not_commands(string text) =>
        Assert.Equal(CommandKind.None, _commands.Recognize(null, text).Kind);

    [Theory]
    [InlineData("Tôi là phụ huynh", Audience.Parent)]
    [InlineData("toi la giao vien a", Audience.Teacher)]
    [InlineData("em là học sinh", Audience.Child)]
    [InlineData("I am a child", Audience.Child)]
    public void Role_choices_are_recognised(string text, Audience role)
    {
        var command = _commands.Recognize(null, text);
        Assert.Equal((CommandKind.ChooseRole, role), (command.Kind, command.Role!.Value));
    }

    [Fact]
    public void Button_values_carry_the_article_and_the_answer()
    {
        var fullText = _commands.Recognize(new JObject { ["action"] = "fulltext", ["doc"] = "102/2016/QH13", ["article"] = 26 }, "Xem nguyên văn Điều 26");
        Assert.Equal((CommandKind.FullText, "102/2016/QH13", 26), (fullText.Kind, fullText.Doc, fullText.Article!.Value));

        var vote = _commands.Recognize(new JObject { ["action"] = "feedback", ["vote"] = -1, ["answerId"] = "a1", ["cardId"] = "c1" }, "👎");
        Assert.Equal((CommandKind.Feedback, -1, "a1", "c1"), (vote.Kind, vote.Vote, vote.AnswerId, vote.CardId));
        Assert.Equal(CommandKind.None, _commands.Recognize(new JObject { ["action"] = "feedback", ["vote"] = 7 }, "").Kind);
        // A client's malformed value is read as far as it goes, never thrown at the turn.
        var odd = _commands.Recognize(new JObject { ["action"] = "fulltext", ["vote"] = "abc", ["doc"] = new JObject(), ["article"] = 26 }, "Xem nguyên văn");
        Assert.Equal((CommandKind.FullText, null, 26), (odd.Kind, odd.Doc, odd.Article!.Value));
        Assert.Equal(CommandKind.None, _commands.Recognize(new JObject { ["action"] = "feedback", ["vote"] = new JArray(1) }, "").Kind);
    }

    [Fact]
    public void The_bots_own_buttons_are_recognised_when_pressed()
    {
        var actions = new List<CardAction> { ReplyActions.FullText("Xem nguyên văn Điều 26", "102/2016/QH13", 26) };
        ReplyActions.AddFeedback(actions, new AnswerRecord("a1", "faq", "c1", "56/2017/NĐ-CP", 25, 2, "high"));
        var expected = new[]
        {
            new UserCommand(CommandKind.FullText, Doc: "102/2016/QH13", Article: 26),
            new UserCommand(CommandKind.Feedback, Vote: 1, AnswerId: "a1", CardId: "c1", Doc: "56/2017/NĐ-CP", Article: 25, Clause: 2),
            new UserCommand(CommandKind.Feedback, Vote: -1, AnswerId: "a1", CardId: "c1", Doc: "56/2017/NĐ-CP", Article: 25, Clause: 2),
        };
        for (var i = 0; i < actions.Count; i++)
        {
            // As a client sends the value back (JSON), and as a channel could hand the action back in process.
            var sent = JObject.Parse(JsonConvert.SerializeObject(actions[i].Value));
            Assert.Equal(expected[i], _commands.Recognize(sent, actions[i].Text));
            Assert.Equal(expected[i], _commands.Recognize(actions[i].Value, actions[i].Text));
        }
    }

    [Theory]
    [InlineData("còn khoản 2 thì sao?", FollowUpKind.Clause, null, 2)]
    [InlineData("khoan 3", FollowUpKind.Clause, null, 3)]
    [InlineData("What about clause 2?", FollowUpKind.Clause, null, 2)]
    [InlineData("điều 27 thì sao", FollowUpKind.Article, 27, null)]
    [InlineData("còn điều 27 khoản 1 thì sao?", FollowUpKind.Article, 27, 1)]
    [InlineData("nói rõ hơn", FollowUpKind.Elaborate, null, null)]
    [InlineData("Giải thích thêm đi", FollowUpKind.Elaborate, null, null)]
    [InlineData("điều đó áp dụng cho ai?", FollowUpKind.Contextual, null, null)]
    [InlineData("tóm tắt giúp tôi", FollowUpKind.Summary, null, null)]
    [InlineData("summary", FollowUpKind.Summary, null, null)]
    [InlineData("ví dụ?", FollowUpKind.Example, null, null)]
    [InlineData("cho ví dụ đi", FollowUpKind.Example, null, null)]
    [InlineData("for example", FollowUpKind.Example, null, null)]
    [InlineData("ví dụ bố đánh con thì có sao không", FollowUpKind.None, null, null)]
    [InlineData("khoản 2 điều 26 luật trẻ em quy định gì", FollowUpKind.None, null, null)]
    [InlineData("con tôi bị đánh ở trường", FollowUpKind.None, null, null)]
    public void Follow_ups_are_recognised_only_as_whole_short_messages(string text, FollowUpKind kind, int? article, int? clause)
    {
        var followUp = _followUps.Recognize(text);
        Assert.Equal((kind, article, clause), (followUp.Kind, followUp.Article, followUp.Clause));
    }

    [Fact]
    public void A_contextual_question_names_the_article_it_points_at()
    {
        var query = FollowUpRecognizer.Contextualise("Điều đó áp dụng cho ai?", "dieu do", "Quyền sống", "Luật Trẻ em 2016");
        Assert.Equal("Quyền sống ap dung cho ai (Luật Trẻ em 2016)", query);
    }

    [Theory]
    [InlineData("What rights do children have?", UiLanguages.English)]
    [InlineData("How do I report abuse to the police?", UiLanguages.English)]
    [InlineData("my dad hits me every night", UiLanguages.English)]
    [InlineData("my stepfather touches me and i am scared", UiLanguages.English)]
    [InlineData("con toi bi danh o truong thi phai lam sao", UiLanguages.Vietnamese)]
    [InlineData("bo em say ruou ve danh me em", UiLanguages.Vietnamese)]
    [InlineData("em bị bắt nạt", UiLanguages.Vietnamese)]
    [InlineData("ok", null)]
    [InlineData("hi", null)]
    [InlineData("111", null)]
    public void Language_is_told_cautiously(string text, string? expected) => Assert.Equal(expected, _languages.Detect(text));

    [Theory]
    [InlineData("my 13-year-old was hit by her teacher", true)]
    [InlineData("our baby was left alone all night", true)]
    [InlineData("my son seems scared", true)]
    [InlineData("my baby sister gets hit by our dad", false)]
    [InlineData("my baby-brother is crying", false)]
    [InlineData("my dad hits me every night", false)]
    public void An_english_speaker_names_their_own_child_but_not_a_sibling(string text, bool expected) =>
        Assert.Equal(expected, EnglishSpeakerCues.NamesOwnChild(text));

    [Fact]
    public void A_short_ambiguous_message_keeps_the_chosen_language()
    {
        var profile = new UserProfile();
        Assert.Equal(UiLanguages.English, _languages.Apply(profile, "What is the hotline number for children?"));
        Assert.Equal(UiLanguages.English, _languages.Apply(profile, "ok"));
        Assert.Equal(UiLanguages.Vietnamese, _languages.Apply(profile, "cảm ơn"));
    }

    [Theory]
    // With do-support the question word and its noun go after the verb, as Vietnamese asks.
    [InlineData("What rights do children have in Vietnam?", "trẻ em có quyền gì")]
    [InlineData("Where do I report child abuse?", "báo trẻ em xâm hại ở đâu")]
    [InlineData("Who must a teacher report child abuse to?", "ai phải giáo viên báo trẻ em xâm hại")]
    [InlineData("What does article 26 say?", "điều 26 gì")]
    [InlineData("Is spanking my kid illegal?", "là đánh con có vi phạm pháp luật không")]
    [InlineData("What is the age of a child?", "gì là bao nhiêu tuổi là trẻ em")]
    public void English_questions_become_vietnamese_search_words(string english, string expected) =>
        Assert.Equal(expected, EnglishQueryTranslator.Default.Translate(english));

    [Fact]
    public void An_english_question_with_no_known_word_is_not_translated() =>
        Assert.Null(EnglishQueryTranslator.Default.Translate("xylophone zebra"));
}
