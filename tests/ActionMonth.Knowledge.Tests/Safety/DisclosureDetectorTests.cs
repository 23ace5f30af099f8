using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Knowledge.Tests.Safety;

public sealed class DisclosureDetectorTests
{
    private static readonly DisclosureDetector Detector = DisclosureDetector.Default;

    [Theory]
    [InlineData("mẹ em đánh em bằng dây điện, lưng em chảy máu", DisclosureCategory.PhysicalViolence)]
    [InlineData("chú hàng xóm sờ vào người em", DisclosureCategory.SexualAbuse)]
    [InlineData("chú ấy bắt em làm chuyện người lớn", DisclosureCategory.SexualAbuse)]
    [InlineData("em bị làm chuyện đó rồi", DisclosureCategory.SexualAbuse)]
    [InlineData("có người bắt em gửi ảnh khỏa thân, không thì tung lên mạng", DisclosureCategory.OnlineSexualExploitation)]
    [InlineData("em không muốn sống nữa", DisclosureCategory.SelfHarm)]
    [InlineData("họ giữ em ở một căn nhà bên kia biên giới, không cho em về", DisclosureCategory.Trafficking)]
    [InlineData("em 9 tuổi, mẹ bỏ đi 3 ngày rồi chưa về, nhà hết gạo", DisclosureCategory.Neglect)]
    [InlineData("dì bắt em đi ăn xin ở bến xe", DisclosureCategory.ExploitativeLabour)]
    [InlineData("bố mẹ bắt em lấy chồng, em mới 14 tuổi", DisclosureCategory.ChildMarriage)]
    [InlineData("con tôi 11 tuổi mất tích từ chiều hôm qua", DisclosureCategory.MissingChild)]
    [InlineData("tụi nó chặn đường đánh em, hôm nay còn bảo sẽ đâm em", DisclosureCategory.BullyingWithDanger)]
    [InlineData("có người lạ cứ đứng trước cổng nhà em, bố mẹ đi vắng", DisclosureCategory.OtherDanger)]
    public void Each_category_is_escalated(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    [Theory]
    [InlineData("e bi hiep dam")]                       // no diacritics, teencode
    [InlineData("EM BỊ HIẾP DÂM")]                      // capitals
    [InlineData("e bj hjếp")]                            // teencode j
    [InlineData("bme e hay đánh e lắm")]                // bme = bố mẹ
    [InlineData("I am forced to have sex and I am only 12")]
    [InlineData("my dad beats me")]
    [InlineData("my dad đánh em mỗi tối")]              // mixed languages
    [InlineData("cứuuu emmm, bố đang đánh em")]         // stretched letters
    public void Disclosures_are_caught_however_they_are_typed(string text)
    {
        Assert.True(Detector.Assess(text).ShouldEscalate, text);
    }

    // In a message typed with accents, words that lower a decision must carry their accents: "roi tre" is a
    // bamboo cane, not "trẻ" (children in general). Without accents the generic reading still applies.
    [Theory]
    [InlineData("mệ đánh con bằng roi tre, lưng con lằn hết", true)]
    [InlineData("tre em bi danh thi bao ai", false)]
    [InlineData("trẻ em bị đánh thì báo ai", false)]
    public void Suppressors_need_their_accents_in_an_accented_message(string text, bool escalate)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate == escalate, Explain(result));
    }

    [Fact]
    public void A_phrase_does_not_run_across_a_comma()
    {
        // "em, em" is not "em em" (my younger sibling): the speaker is the child.
        var result = Detector.Assess("cậu em hay động chạm vào người em, em thấy khó chịu");
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(Reporter.Child, result.Reporter);
    }

    [Fact]
    public void Decomposed_and_composed_input_give_the_same_decision()
    {
        const string text = "bố dượng hay vào phòng em lúc nửa đêm, em sợ lắm";
        var composed = Detector.Assess(text);
        var decomposed = Detector.Assess(text.Normalize(System.Text.NormalizationForm.FormD));
        Assert.True(composed.ShouldEscalate);
        Assert.Equal(composed.Level, decomposed.Level);
        Assert.Equal(composed.Category, decomposed.Category);
    }

    [Theory]
    [InlineData("em vừa uống hết vỉ thuốc ngủ của mẹ", DisclosureCategory.SelfHarm)]
    [InlineData("I took a whole bottle of pills", DisclosureCategory.SelfHarm)]
    [InlineData("em đang đứng trên sân thượng", DisclosureCategory.SelfHarm)]
    [InlineData("bố đang đánh em, em trốn trong nhà vệ sinh", DisclosureCategory.PhysicalViolence)]
    [InlineData("có người đàn ông lạ đang đi theo em", DisclosureCategory.OtherDanger)]
    [InlineData("cứu em, có người đang đập cửa phòng em", DisclosureCategory.OtherDanger)]
    [InlineData("help my dad is hitting me right now", DisclosureCategory.PhysicalViolence)]
    [InlineData("nhà em đang cháy, em kẹt trên tầng 2", DisclosureCategory.OtherDanger)]
    public void Life_in_danger_now_is_an_emergency(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.Equal(DisclosureLevel.Emergency, result.Level);
        Assert.Equal(category, result.Category);
    }

    [Theory]
    [InlineData("em định nhảy cầu tối nay")]           // a plan, not an attempt in progress
    [InlineData("bố em hay đánh em bằng thắt lưng")]
    [InlineData("em bị bố đánh suốt")]
    [InlineData("cứu em, bố em hay đánh em")]          // a plea, not "right now": "cứu em" alone does not promote itself
    public void Harm_that_is_not_happening_this_minute_is_urgent(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.Level >= DisclosureLevel.Urgent, Explain(result));
        if (!text.StartsWith("cứu", StringComparison.Ordinal)) Assert.Equal(DisclosureLevel.Urgent, result.Level);
    }

    [Theory]
    [InlineData("em bị bố đánh", Reporter.Child)]
    [InlineData("mình bị anh họ sờ soạng", Reporter.Child)]
    [InlineData("con gái tôi 7 tuổi kể là bị ông bảo vệ sờ vào vùng kín", Reporter.Adult)]
    [InlineData("cháu tôi 6 tuổi bị người giúp việc đánh", Reporter.Adult)]
    [InlineData("tôi vừa thấy người ta đánh một đứa bé ngoài chợ", Reporter.Adult)]
    [InlineData("bạn em bị bố đánh suốt", Reporter.Adult)]       // a witness, reporting about a specific child
    [InlineData("My daughter told me her coach touches her", Reporter.Adult)]
    public void The_reporter_is_the_child_or_an_adult_witness(string text, Reporter reporter)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(reporter, result.Reporter);
    }

    [Theory]
    // questions about the law, using the same words
    [InlineData("hành vi xâm hại bị xử lý thế nào?")]
    [InlineData("Người hiếp dâm trẻ em dưới 13 tuổi bị phạt bao nhiêu năm tù?")]
    [InlineData("bạo lực trẻ em là gì")]
    [InlineData("Cha mẹ có được đánh con để dạy dỗ không?")]
    [InlineData("Nhà trường có trách nhiệm gì khi học sinh bị bạo lực?")]
    [InlineData("quyen duoc bao ve de khong bi xam hai tinh duc")]
    [InlineData("Cho em hỏi trẻ em bị xâm hại thì báo cho ai ạ?")]
    [InlineData("what is the punishment for child sexual abuse in vietnam")]
    // prevention advice
    [InlineData("làm sao dạy con phòng tránh bị xâm hại")]
    [InlineData("Dấu hiệu nhận biết trẻ bị xâm hại tình dục là gì?")]
    // news and other people's stories in general terms
    [InlineData("đọc báo thấy vụ bạo hành ở Hà Nội")]
    [InlineData("Tại sao nhiều học sinh tự tử vì áp lực học tập?")]
    // school work
    [InlineData("em đang làm bài thuyết trình về bạo lực học đường, cho em xin số liệu")]
    // greetings, roles, hotline, Action Month
    [InlineData("chào bạn, bạn là ai?")]
    [InlineData("tôi là giáo viên tiểu học")]
    [InlineData("Gọi 111 có mất phí không?")]
    [InlineData("Tháng hành động vì trẻ em năm nay có chủ đề gì?")]
    // folding collisions and hyperbole
    [InlineData("danh sách học sinh được nhận quà")]
    [InlineData("danh sach hoc sinh duoc nhan qua")]
    [InlineData("đánh giá kết quả tháng hành động")]
    [InlineData("em bị đánh thức lúc 5h sáng")]
    [InlineData("nóng muốn chết luôn")]
    [InlineData("thi trượt rồi mẹ giết em mất")]
    [InlineData("bố em rất hiền, không bao giờ đánh em")]
    [InlineData("con bị ngã xe đạp chảy máu đầu gối")]
    public void Questions_advice_news_and_small_talk_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    // Policy: a question or hypothetical about a harm done to the speaker is at least a concern; with a sign that
    // it already happens, or asked as a plain question about what happened, it is a disclosure.
    [Theory]
    [InlineData("nếu bố em đánh em thì em báo ai?", DisclosureLevel.Concern)]
    [InlineData("giả sử em bị người quen sờ vào người thì em phải làm sao", DisclosureLevel.Concern)]
    [InlineData("bị bắt nạt thì phải làm sao", DisclosureLevel.Concern)]
    [InlineData("nếu bố em lại đánh em nữa thì em phải gọi ai?", DisclosureLevel.Urgent)]
    [InlineData("em bị bố đánh thì em báo ai?", DisclosureLevel.Urgent)]
    [InlineData("bố bảo nếu em mách ai thì bố đánh chết em", DisclosureLevel.Urgent)] // the "nếu" is the abuser's threat
    [InlineData("em sợ bị bố đánh", DisclosureLevel.Concern)]
    [InlineData("sao bố cứ đánh con hoài vậy, con làm gì sai đâu", DisclosureLevel.Urgent)] // a child calls themself "con"
    public void Hypotheticals_and_first_person_questions_follow_the_policy(string text, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        Assert.True(result.Level == level, Explain(result));
    }

    // Policies added after the red-team sets.
    [Theory]
    [InlineData("bị bố đánh bằng roi mỗi ngày có phải là bạo lực không ạ?", DisclosureLevel.Urgent)] // no subject: the speaker
    [InlineData("nếu anh họ cứ bắt mình cởi quần ra thì có phải là xâm hại không ạ", DisclosureLevel.Urgent)] // "cứ": it already happens
    [InlineData("nếu em chết đi thì có ai buồn không", DisclosureLevel.Urgent)] // a hypothetical about one's own death is ideation
    [InlineData("cho em hỏi uống bao nhiêu viên paracetamol thì chết ạ", DisclosureLevel.Urgent)] // asking for a method
    [InlineData("nghe nói đứa con gái 15 tuổi nhà bên sắp bị gả sang Trung Quốc, tôi có nên báo không", DisclosureLevel.Urgent)]
    [InlineData("ngày xưa hồi nhỏ tôi từng bị bố đánh nhiều, giờ tôi muốn dạy con khác đi", DisclosureLevel.Concern)] // an adult's own childhood
    [InlineData("hồi nhỏ em bị chú hàng xóm sờ vào người, giờ chú vẫn hay sang nhà em", DisclosureLevel.Urgent)] // a child's past is not closed
    [InlineData("Trẻ bị dụ đi bán dâm hoặc bị thuê chở hàng cấm thì luật coi là bị gì?", DisclosureLevel.None)] // children in general, a law question
    [InlineData("chị họ dụ em đi tiếp khách ở quán karaoke", DisclosureLevel.Urgent)] // the victim named
    [InlineData("bị ép đi bán dâm ở quán, mới 15 tuổi", DisclosureLevel.Urgent)] // a statement without a subject: the speaker
    public void Red_team_policies_hold(string text, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        Assert.True(result.Level == level, Explain(result));
    }

    // Someone looking for the bot's commands types one word; the bot answers it with its menu, so it must not open
    // a case. A bare "help"/"giúp" is a concern (the menu comes with a line about 111); UI words are nothing.
    [Theory]
    [InlineData("help", DisclosureLevel.Concern)]
    [InlineData("Help", DisclosureLevel.Concern)]
    [InlineData("help?", DisclosureLevel.Concern)]
    [InlineData("help!", DisclosureLevel.Concern)]
    [InlineData("/help", DisclosureLevel.Concern)]
    [InlineData("giúp", DisclosureLevel.Concern)]
    [InlineData("giup", DisclosureLevel.Concern)]
    [InlineData("trợ giúp", DisclosureLevel.None)]
    [InlineData("menu", DisclosureLevel.None)]
    [InlineData("/menu", DisclosureLevel.None)]
    [InlineData("/start", DisclosureLevel.None)]
    [InlineData("hướng dẫn", DisclosureLevel.None)]
    public void A_command_word_typed_alone_is_not_urgent(string text, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        Assert.True(result.Level == level, Explain(result));
    }

    // A plea with a person in it, a cry among other words, or a repeated cry stays a disclosure.
    [Theory]
    [InlineData("help me")]
    [InlineData("help me please")]
    [InlineData("please help")]
    [InlineData("help pls")]
    [InlineData("HELP!!!")]
    [InlineData("giúp!!")]
    [InlineData("help help")]
    [InlineData("help. i am scared")]
    [InlineData("i am scared. help")]
    [InlineData("help!! he is hitting me")]
    [InlineData("SOS")]
    [InlineData("cứu")]
    [InlineData("cứu em với")]
    [InlineData("cuu em voi")]
    [InlineData("giúp em với")]
    [InlineData("giup em voi")]
    [InlineData("cô ơi giúp em với")]
    [InlineData("giúp mình với")]
    [InlineData("giúp với")]
    public void A_cry_for_help_stays_urgent(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
    }

    [Theory]
    [InlineData("giúp em với, bài toán này khó quá")] // homework
    [InlineData("giúp em với ạ. Luật trẻ em quy định gì về quyền được học?")] // a question follows the plea
    [InlineData("help me with my homework")]
    public void A_plea_followed_by_an_ordinary_question_is_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    [Theory]
    [InlineData("bạn cùng phòng em đang ngồi trên lan can nói muốn nhảy xuống", true)] // "phòng" is a room here, not "prevention"
    [InlineData("con tôi bị lạc mất con gấu bông yêu thích, khóc cả tối", false)]
    [InlineData("em bị nhốt ngoài cửa vì quên chìa khóa, đợi mẹ về mười phút", false)]
    [InlineData("mình muốn chết mê chết mệt anh ca sĩ đó", false)]
    [InlineData("em đi làm thêm ở quán, chủ bắt rót bia ngồi với khách, em mới 15", true)] // "phục vụ", "vụ" is not news
    [InlineData("cô giáo ơi bé lớp con hôm nào cũng đến lớp đói, quần áo bẩn, trên người có mùi", true)] // "hôm nào" is no question
    [InlineData("mẹ quát em vì về muộn", false)]      // "quát" (scold) lacks the hat of "quất" (whip): not the same word
    [InlineData("bố quạt cho em ngủ", false)]         // "quạt" (fan) is not "quật"
    [InlineData("đám bạn em rủ đi chơi", false)]      // "đám" (group) is not "đấm"
    [InlineData("con tôi 12 tuổi đi dự đám cưới chị họ", false)]
    [InlineData("bố mẹ không bao giờ dạy em về giới tính", false)]  // "dạy" (teach) is not "dậy" (wake up)
    [InlineData("con bé nhà tôi 3 tuổi hay cắn móng tay", false)]    // "bé" is not "bế" (carry off)
    [InlineData("em đang xem video, nó dọa em là sẽ mách cô", false)] // "đang" is not "đăng" (post)
    [InlineData("tôi muốn làm tình nguyện viên hỗ trợ trẻ em bị xâm hại", false)] // children in general, volunteering
    [InlineData("nhà em nuôi con chó bị lạc mất hôm qua", false)]
    [InlineData("chơi liên quân bị team chửi quá, muốn đập máy", false)]
    [InlineData("đứa cháu 4 tuổi nhà tôi hay đánh em nó, làm sao dạy", false)]
    [InlineData("tụi em đang trốn tìm với mấy bạn", false)]          // hide and seek, nobody outside
    [InlineData("con tôi sốt cao co giật, tôi nên làm gì", false)]     // "co" (cramp) is not "cọ" (rub)
    [InlineData("người lớn có được phạt trẻ bằng cách bắt quỳ không", false)] // no victim named: a question about the law
    [InlineData("hôm qua em bị cô gọi phụ huynh vì đánh nhau với bạn, giờ em hối hận lắm", false)]
    [InlineData("bé nhà tôi 2 tuổi bị ngã đập đầu vào cạnh bàn, u một cục, có sao không", false)] // a fall
    [InlineData("chị kẹp tóc cho em đi học", false)]                  // a hair clip, not clamping a body part
    [InlineData("làm sao để không phải thức dậy sớm đi học", false)]  // waking early, not never waking
    [InlineData("mai em định lên sân thượng phơi đồ giúp mẹ", false)] // a height without a farewell sign
    [InlineData("em bị ho mấy hôm nay, tay chân mỏi", false)]         // "ho" (cough) is not "hơ" (hold to a flame)
    [InlineData("mẹ đi chợ từ sáng chưa về, em tự nấu mì ăn rồi", false)] // a morning away, not days gone
    public void Words_that_look_alike_do_not_decide(string text, bool escalate)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate == escalate, Explain(result));
    }

    /// <summary>Round 8: indirect disclosures of the families added after blind set 8 (written for these tests, not
    /// taken from any labelled set), one or two per family.</summary>
    [Theory]
    [InlineData("ông ấy bảo nếu em mách cô thì ông ấy sẽ giết cả nhà em", "od8.silencing-threat")]
    [InlineData("chắc con nên đi theo mẹ cho rồi", "sh8.join-dead")]
    [InlineData("nếu mình biến mất thì chắc chả ai để ý", "sh8.gone-unnoticed")]
    [InlineData("thứ 7 là sinh nhật mình, chắc là sinh nhật cuối cùng", "sh8.last-day")]
    [InlineData("thôi nhảy lầu cho xong", "sh8.act-relief")]
    [InlineData("nhiều đêm em chỉ muốn nhắm mắt rồi không bao giờ tỉnh lại", "sh8.never-wake")]
    [InlineData("em chỉ muốn chìm xuống nước và không lên nữa", "sh8.no-surface")]
    [InlineData("em đã chuẩn bị sẵn dây thừng, đêm nay em sẽ làm", "sh8.means-time")]
    [InlineData("xin lỗi mọi người, em không chịu nổi nữa rồi", "sh8.sorry-giving-up")]
    [InlineData("chẳng còn gì để em níu kéo nữa", "sh8.nothing-left")]
    [InlineData("em không đáng được sống", "sh8.should-not-exist")]
    [InlineData("ko biết nhảy từ tầng 5 xuống có đau ko", "sh8.ask-jump")]
    [InlineData("em có thuốc ngủ của bà, em đang nghĩ có nên uống hết không", "sh8.pills-thought")]
    [InlineData("bố lại vung dao dọa cả nhà tối qua", "pv8.kin-throws-weapon")]
    [InlineData("hễ bố say rượu là hai chị em phải chạy sang nhà hàng xóm trốn", "pv8.hide-from-kin")]
    [InlineData("tôi nghe tiếng roi quất và tiếng bé van xin từ nhà bên", "pv8.sounds-beating")]
    [InlineData("mấy hôm nay con bé nhà đối diện khóc thét, hôm nay tôi thấy tay nó bầm tím", "pv8.cries-and-injury")]
    [InlineData("em không dám ngồi xuống vì mông còn đau sau trận đòn hôm qua", "pv8.beating-noun")]
    [InlineData("ông chủ nhà bật phim sex cho em xem", "sa8.shown-porn")]
    [InlineData("bố dượng cứ đòi ngủ chung với em", "sa8.nonparent-bed")]
    [InlineData("chú hàng xóm kéo tụt quần em xuống", "sa8.nonparent-undress")]
    [InlineData("tôi nghi ông hàng xóm làm gì đó với con bé nhà tôi", "sa8.suspect")]
    [InlineData("thầy dạy võ gọi riêng em vào phòng rồi khóa trái cửa", "sa8.isolate-lock")]
    [InlineData("chú bảo chuyện hôm qua là bí mật của hai chú cháu", "sa8.our-secret")]
    [InlineData("bà ta dẫn con bé cho khách rồi cầm tiền", "tr8.handed-for-money")]
    [InlineData("e bi ep ngoi uong bia voi khach", "tr8.serve-customers")]
    [InlineData("quen nhau trên tiktok, anh ấy hẹn đón em ở cổng trường rồi đi chơi qua đêm, bảo giữ bí mật", "ose8.online-meet")]
    [InlineData("e lỡ gửi hình cho ng ta, giờ họ bắt chuyển 3 triệu không thì đăng lên fb", "ose8.media-money-threat")]
    [InlineData("có người hứa cho em làm người mẫu, bảo em lên khách sạn chụp ảnh một mình", "ose8.model-lure")]
    [InlineData("bán vé số không hết thì không được về nhà", "el8.quota")]
    [InlineData("con tôi 5 tuổi chơi ngoài ngõ từ chiều, giờ tối rồi chưa thấy về", "mc8.not-home-time")]
    [InlineData("có thằng lạ đang leo rào vào nhà, em ở nhà 1 mình", "od8.intruder-alone")]
    [InlineData("em đang bị một ông đi xe máy đi theo", "od8.followed-now")]
    [InlineData("tối nào chú ấy cũng bắt em mát xa cho chú, em không dám kể", "sa8.nonparent-demand")]
    [InlineData("có anh 20 tuổi cứ rủ em sang nhà lúc không có ai ở nhà", "sa8.empty-house")]
    [InlineData("my stepdad walks in the bathroom while im in the shower", "sa8.en-walk-in")]
    [InlineData("he said if i tell my mom he will hurt her", "od8.en-silencing-threat")]
    [InlineData("tụi nó ép em hút điếu thuốc có pha gì đó, giờ em chóng mặt", "od8.laced")]
    [InlineData("em gom đủ thuốc rồi, chỉ chờ bố mẹ ngủ", "sh8.enough-pills")]
    [InlineData("mai em sẽ đi, mọi người đừng khóc nhé", "sh8.going-farewell")]
    [InlineData("không có em thì cả nhà sẽ nhẹ nhõm", "sh8.better-without")]
    [InlineData("nhiều lúc chỉ muốn biến khỏi cuộc đời này", "sh8.intent-bare")]
    [InlineData("bố nhận tiền rồi, tuần sau em phải theo ông ta sang Trung Quốc", "tr8.family-sold")]
    [InlineData("em đang ở trên sân thượng, em không muốn xuống nữa", "sh8.height-stay")]
    public void Round_8_indirect_disclosures_are_escalated(string text, string rule)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Contains(result.Cues, c => c.RuleId == rule);
    }

    /// <summary>Round 8: ordinary messages that share the new rules' words, and the look-alikes the blind set exposed
    /// ("cãi nhau" read as "nhậu", "nhà ga" as "gạ", a ball thrown, a lost phone, an errand note, a school scenario).</summary>
    [Theory]
    [InlineData("bố mẹ em hay cãi nhau, em buồn lắm")]
    [InlineData("em sợ về nhà bị mẹ mắng vì làm mất áo")]
    [InlineData("chìa khóa nhà em đi đâu mất rồi ko thấy")]
    [InlineData("em để lại lời nhắn cho bố là em đi học thêm")]
    [InlineData("tình huống: bạn Nam bị mẹ đánh vì điểm kém, em sẽ khuyên bạn thế nào?")]
    [InlineData("lớp em làm tiểu phẩm về người lạ dụ dỗ trẻ em")]
    [InlineData("em đang ở nhà ga chờ tàu về quê")]
    [InlineData("bố ném bóng cho em bắt")]
    [InlineData("mệt quá, chắc đi ngủ luôn đây")]
    [InlineData("nóng quá chắc em nhảy xuống hồ bơi cho mát")]
    [InlineData("em muốn đi theo bố lên thành phố chơi")]
    [InlineData("mai là ngày cuối của kỳ thi rồi")]
    [InlineData("em chỉ muốn ngủ một giấc thật ngon, mai không phải dậy sớm")]
    [InlineData("anh trai bảo đây là bí mật giữa hai anh em, đừng nói mẹ là anh làm vỡ bình")]
    [InlineData("em quen bạn trên mạng, hẹn cuối tuần đi xem phim với cả nhóm")]
    [InlineData("nếu em kể với cô thì bạn ấy sẽ buồn")]
    [InlineData("em muốn đi du học rồi không về nữa")]
    [InlineData("con toi bi ho co nen di hoc khong")]
    [InlineData("ko biết nhảy từ cầu trượt xuống có đau ko")]
    [InlineData("mẹ bật phim hoạt hình cho em xem")]
    [InlineData("trẻ bị nhốt trong xe ô tô thì làm sao")]
    [InlineData("em bị giấy cứa tay chảy máu")]
    [InlineData("ông nội bảo em bóp chân cho ông rồi kể chuyện cổ tích")]
    [InlineData("mai em sẽ đi du lịch, mọi người đừng buồn nhé")]
    [InlineData("bạn rủ em sang nhà chơi game lúc bố mẹ đi làm")]
    // Found in review: ordinary messages the first round-8 wording escalated.
    [InlineData("Tối nay em muốn ngủ sớm, không lên mạng nữa.")]
    [InlineData("ước gì mai không phải dậy sớm nữa")]
    [InlineData("Điện thoại em rơi từ tầng 3 xuống có sao không ạ?")]
    [InlineData("Loại người như thế không nên tồn tại.")]
    [InlineData("Thà chết còn hơn.")]
    [InlineData("Thà chết chứ không chịu thua.")]
    [InlineData("Nếu em kể với cô thì cô sẽ bắt em viết bản kiểm điểm.")]
    [InlineData("Nếu em nói với mẹ là em bị điểm kém thì mẹ sẽ bắt em đi học thêm.")]
    [InlineData("Bố chưa về từ chiều, con lo quá.")]
    [InlineData("Mẹ con đi chợ chưa về từ sáng.")]
    [InlineData("Mẹ bắt em ngồi chơi với khách.")]
    [InlineData("Tháng này không đủ tiền thì phải về quê.")]
    [InlineData("bố em tắt máy tính vì em chơi game khuya")]
    public void Round_8_look_alikes_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Everyday negatives: the narrowed wordings still catch the harm they were written for.</summary>
    [Theory]
    [InlineData("nhà em ngập hết rồi, nước lên tới giường", "od.disaster")]
    [InlineData("nhà bị ngập hết, cả nhà em đang ở trên gác", "od.disaster")]
    [InlineData("nhà hàng xóm bị cháy, khói bay sang phòng em", "od.fire")]
    [InlineData("hôm qua em lại ăn cây của bố", "pv.eat-beating-word")]
    [InlineData("bố đá em ngã xuống sàn", "pv.hit-victim")]
    [InlineData("tối nào dượng cũng vào phòng đè em ra", "sa.net-touch-near")]
    [InlineData("chu hang xom de len nguoi em", "sa.net-touch-near")]
    [InlineData("thang anh ho cu de em ra giuong", "sa.net-touch-near")]
    public void Everyday_narrowed_wordings_still_escalate_harm(string text, string rule)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Contains(result.Cues, c => c.RuleId == rule);
    }

    /// <summary>Everyday look-alikes beyond the labelled set: rain in the street, cooking, sunburn, spicy food, football.</summary>
    [Theory]
    [InlineData("đường ngập hết rồi, con đi học muộn chút nha mẹ")]
    [InlineData("sân bị ngập hết, tụi em không ra chơi được")]
    [InlineData("cơm bị cháy mất rồi, mẹ nấu lại nhé")]
    [InlineData("đi biển về da em bị cháy nắng đỏ hết")]
    [InlineData("an cay qua chay ca luoi")]
    [InlineData("tối nay em xem bóng đá với bố")]
    [InlineData("con mèo của em de thuong lam")]
    [InlineData("me de em di choi voi ban den 9h")]
    [InlineData("bo bao de em tu lam bai, de qua ma")]
    public void Everyday_look_alikes_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    [Fact]
    public void A_conjunction_joins_its_parts_across_commas_and_sentences_within_its_window()
    {
        var rules = DisclosureRuleSet.Parse(
            new StringReader("SELF\tem\n"), "lex.tsv",
            new StringReader("harm\tose.x\turgent\tOnlineSexualExploitation\tảnh_nóng &12 tung_lên\n" +
                             "frame\tframe.law\t-\t-\tbị_phạt\nanchor\tanchor.self\t-\tself\t@SELF\n"), "rules.tsv");
        var detector = new DisclosureDetector(rules, DisclosureTokenizer.Default);

        // Either order, across a comma or a sentence end.
        Assert.Equal(DisclosureLevel.Urgent, detector.Assess("em lỡ gửi ảnh nóng cho anh ấy. Giờ anh ấy dọa tung lên mạng").Level);
        Assert.Equal(DisclosureLevel.Urgent, detector.Assess("anh ấy dọa tung lên mạng, ảnh nóng của em").Level);
        // One part alone, or the parts too far apart, is nothing.
        Assert.Equal(DisclosureLevel.None, detector.Assess("em lỡ gửi ảnh nóng cho anh ấy").Level);
        var far = "em lỡ gửi ảnh nóng. " + string.Concat(Enumerable.Repeat("hôm nay trời đẹp ", 5)) + "anh ấy tung lên mạng";
        Assert.Equal(DisclosureLevel.None, detector.Assess(far).Level);
        // A frame in any sentence the conjunction spans lowers it like any harm cue.
        var framed = detector.Assess("người tung lên mạng ảnh nóng của trẻ có bị phạt không");
        Assert.True(framed.Level < DisclosureLevel.Urgent, Explain(framed));
        Assert.Contains(framed.Cues, c => c.RuleId == "ose.x");
    }

    [Fact]
    public void Every_decision_is_explained_by_rule_ids_and_never_by_the_text()
    {
        var rules = DisclosureRuleSet.LoadEmbedded().Rules.Select(r => r.Id).ToHashSet();
        var result = Detector.Assess("chú hàng xóm hay gọi em sang nhà rồi sờ vào chỗ kín của em");
        Assert.NotEmpty(result.Cues);
        Assert.All(result.Cues, c => Assert.Contains(c.RuleId, rules));
        Assert.Contains(result.Cues, c => c.Category == DisclosureCategory.SexualAbuse && c.Level == DisclosureLevel.Urgent);

        // A suppressed cue stays visible, with the frame that suppressed it, at level none.
        var question = Detector.Assess("Hành vi xâm hại trẻ em bị xử lý thế nào?");
        Assert.Equal(DisclosureLevel.None, question.Level);
        Assert.Contains(question.Cues, c => c.RuleId.StartsWith("frame.", StringComparison.Ordinal));
        Assert.All(question.Cues, c => Assert.Equal(DisclosureLevel.None, c.Level));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("😀😀😀")]
    public void Empty_messages_are_none(string text)
    {
        Assert.Same(DisclosureAssessment.None, Detector.Assess(text));
    }

    [Fact]
    public void Arbitrary_input_never_throws()
    {
        // Control characters, lone surrogates, combining marks without a base, emoji, mixed scripts.
        var alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạèéẻẽẹ ,.?!;:'’\n\t0123456789\u0301\u0323\ud83d\ude00\ud800\u200b\u00a0ＡＢ中文jJ";
        var random = new Random(20240601);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            var result = Detector.Assess(new string(chars));
            Assert.NotNull(result);
            Assert.NotNull(result.Cues);
        }
    }

    [Fact]
    public void A_very_long_message_is_assessed_quickly()
    {
        var filler = string.Concat(Enumerable.Repeat("hôm nay trời đẹp em đi học về rồi ăn cơm với cả nhà ", 200));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Detector.Assess(filler + " bố em đánh em chảy máu");
        Assert.True(result.ShouldEscalate);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Parallel_assessments_agree_with_sequential_ones()
    {
        var texts = DisclosureBenchmark.Load(SafetyTestFiles.OwnData(SafetyTestFiles.OwnDev)).Select(i => i.Text).ToArray();
        var sequential = texts.Select(Detector.Assess).ToArray();
        var parallel = new DisclosureAssessment[texts.Length];
        Parallel.For(0, texts.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var index = i % texts.Length;
            var result = Detector.Assess(texts[index]);
            lock (parallel) parallel[index] = result;
            Assert.Equal(sequential[index].Level, result.Level);
            Assert.Equal(sequential[index].Category, result.Category);
            Assert.Equal(sequential[index].Reporter, result.Reporter);
            Assert.Equal(sequential[index].Cues, result.Cues);
        });
        Assert.All(parallel, Assert.NotNull);
    }

    /// <summary>Round 9's families, each a conjunction of classes, on wordings that are in no labelled set: the rule
    /// named is the one that fires, so a family is shown to catch more than the line it came from.</summary>
    [Theory]
    [InlineData("cô chủ nhiệm thấy lưng bé Na đầy vết roi, bé bảo tại bé tự ngã", "pv9.mark-sign")]
    [InlineData("thằng Tí hàng xóm mùa hè nào cũng mặc áo khoác, hôm nay tôi thấy tay nó có dấu ngón tay", "pv9.mark-sign")]
    [InlineData("con bé nhà tôi 6 tuổi cứ kêu rát chỗ kín, hỏi thì nói chú dặn không được kể", "sa9.intimate-sign")]
    [InlineData("em 15 tuổi có thai rồi, là của dượng, em không dám nói với mẹ", "sa9.pregnancy-secret")]
    [InlineData("thầy dạy đàn hay bắt em ở lại một mình sau buổi học, còn khen em đẹp", "sa9.isolated-flag")]
    [InlineData("đêm nào em cũng sợ, cứ nửa đêm là dượng mò vào phòng em", "sa9.night-door")]
    [InlineData("đứa cháu tôi đi làm ở Bình Dương vừa gọi điện kêu cứu rồi tắt máy", "mc9.cry-help-away")]
    [InlineData("em gái em theo người quen trên zalo đi Hà Nội, giờ gọi không được", "mc9.online-gone")]
    [InlineData("tui soạn xong lời từ biệt rồi, mai đăng", "sh9.farewell-note")]
    [InlineData("mẹ thấy trong cặp con có lưỡi lam dính máu", "sh9.bloody-blade")]
    [InlineData("má em cứ nói cả nhà chết chung cho xong", "pv9.die-together")]
    [InlineData("bố đang cầm can xăng nói cả nhà chết chùm", "pv9.die-together-means")]
    [InlineData("mẹ kế đuổi ra khỏi nhà, em phải ngủ vỉa hè cả đêm", "ne9.shut-out")]
    [InlineData("có người lạ cứ bấm chuông nhà, em đang ở nhà một mình", "od9.door-alone")]
    [InlineData("có chiếc ô tô lạ đỗ gần trường, ông trên xe rủ em lên chở về", "od9.car-lure")]
    [InlineData("tối qua em bị ba dạy dỗ tới gãy tay", "pv9.euph-injury")]
    [InlineData("bồ em 30 tuổi rủ em đi khách sạn qua đêm, em mới học lớp 8", "sa9.adult-partner")]
    [InlineData("cháu tôi rơi xuống hồ, kéo lên rồi mà không thở", "od9.not-breathing")]
    public void Round_9_families_catch_wordings_beyond_their_lines(string text, string rule)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Contains(result.Cues, c => c.RuleId == rule);
    }

    /// <summary>Round 9's widened classes: regional verbs of hitting and step-parents by their southern names.</summary>
    [Theory]
    [InlineData("bả quánh em hoài, đau lắm")]
    [InlineData("tía đục vô bụng em tới ói ra máu")]
    [InlineData("ổng xáng bạt tai em")]
    [InlineData("cha kế sờ ngực em")]
    public void Round_9_class_words_escalate(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 9's look-alikes: the same words in ordinary messages stay unescalated.</summary>
    [Theory]
    [InlineData("em bị bạn gái đá rồi, buồn quá")]
    [InlineData("sắp chết vì deadline rồi mọi người ơi")]
    [InlineData("nhảy dây mỗi ngày có cao lên không")]
    [InlineData("kể chuyện cô bé quàng khăn đỏ bị sói ăn thịt cho con nghe")]
    [InlineData("tôi có bầu 5 tháng, sợ sinh khó quá")]
    [InlineData("con tôi té xe bị bầm tím chân")]
    [InlineData("thầy cho em ở lại lớp để phụ đạo thêm toán")]
    [InlineData("tai em ù ù vì đi máy bay")]
    [InlineData("em viết thư cảm ơn cô nhân ngày 20/11")]
    [InlineData("giet thoi gian bang cach nao bay gio")]
    [InlineData("xe đưa đón của trường tới đón em lúc 6 giờ")]
    [InlineData("có người trên mạng đang bán khóa học tiếng Anh rẻ lắm")]
    public void Round_9_look_alikes_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 10: a question about a procedure, plan or duty for an indefinite child ("một em bị…") is that
    /// question, not a case (none, or concern when the asker speaks of themself).</summary>
    [Theory]
    [InlineData("Kế hoạch hỗ trợ can thiệp cho một em bị bạo lực phải có những nội dung gì?")]
    [InlineData("khi nao thi xa ket thuc ke hoach ho tro cho mot chau bi xam hai")]
    [InlineData("Vợ chồng tôi muốn nhận chăm sóc một bé bị bỏ rơi (không nhận làm con nuôi) thì nộp đơn ở đâu?")]
    [InlineData("Cơ quan nào có trách nhiệm hỗ trợ một bé bị bạo lực?")]
    [InlineData("Hồ sơ hỗ trợ một trẻ bị xâm hại gồm những gì?")]
    public void Procedure_questions_about_an_indefinite_child_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 10's look-alikes: a specific child (one who is there, the speaker's, in a named place, right
    /// now) in the same procedural words stays a disclosure.</summary>
    [Theory]
    [InlineData("có một em bị bố đánh, nhà trường có trách nhiệm gì?")]
    [InlineData("con tôi bị bạo lực thì kế hoạch hỗ trợ gồm những gì?")]
    [InlineData("một bé hàng xóm đang bị bố đánh, tôi phải báo ai?")]
    [InlineData("lớp tôi có một em bị bố đánh, giáo viên phải làm gì?")]
    [InlineData("em bị xâm hại thì cơ quan nào hỗ trợ?")]
    [InlineData("hàng xóm có một bé bị bố đánh hằng ngày, tôi phải báo cơ quan nào?")]
    public void Procedure_words_about_a_specific_child_still_escalate(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Typed without marks, "bị bạn" (by a friend) reads as "bị bán" (sold): a verb of what the friend did
    /// says which.</summary>
    [Theory]
    [InlineData("em bi ban bat nat thi lam sao", false)]
    [InlineData("e bi ban danh o truong", false)]
    [InlineData("em bi ban cho nguoi ta o trung quoc", true)]
    [InlineData("em bi ban sang campuchia roi", true)]
    public void Unaccented_bi_ban_is_sold_only_without_a_friends_verb(string text, bool trafficking)
    {
        var result = Detector.Assess(text);
        Assert.Equal(trafficking, result.Category == DisclosureCategory.Trafficking);
        if (trafficking) Assert.True(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 10: a parent asking whether they may hit their child is a law question in English as in
    /// Vietnamese ("đánh con có vi phạm pháp luật không").</summary>
    [Theory]
    [InlineData("is it legal to hit my child")]
    [InlineData("is it ok to slap my son when he lies")]
    [InlineData("can I spank my kid")]
    [InlineData("Am I allowed to smack my daughter?")]
    [InlineData("Is it illegal to hit my child in Vietnam?")]
    [InlineData("đánh con có vi phạm pháp luật không")]
    public void A_parent_asking_whether_hitting_their_child_is_allowed_is_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    [Theory]
    [InlineData("my husband hits our child, what should I do")]
    [InlineData("my dad hits me, is it legal?")]
    [InlineData("my husband hits my son, can I take him away?")]
    [InlineData("is it legal for my stepdad to hit me with a belt")]
    // A parent's question that goes on to an injury is no longer a law question.
    [InlineData("can I hit my child with a belt until he bleeds")]
    [InlineData("is it ok to hit my son until he bleeds")]
    public void Hitting_by_someone_else_stays_urgent_in_English_law_questions(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 10: a speaker who names their spouse or "thằng bé nhà tôi" is an adult; "chồng em" may be a
    /// child bride and stays the child's own report.</summary>
    [Theory]
    [InlineData("chồng tôi hay đánh con, tôi phải làm sao", Reporter.Adult)]
    [InlineData("vợ tôi hay đánh con", Reporter.Adult)]
    [InlineData("ck mình say xỉn về là đánh thằng bé", Reporter.Adult)]
    [InlineData("thằng bé nhà tôi bị bố dượng đánh bầm tím", Reporter.Adult)]
    [InlineData("chồng em đánh em suốt, em mới 15 tuổi", Reporter.Child)]
    [InlineData("bố em say xỉn về là đánh em", Reporter.Child)]
    [InlineData("con tôi 10 tuổi ở nhà một mình cả tuần không ai chăm", Reporter.Adult)]   // "một mình" is not the speaker here
    [InlineData("bố mẹ đi làm xa, em ở nhà một mình mấy ngày rồi không có gì ăn", Reporter.Child)]
    [InlineData("bố mẹ đi vắng cả tuần, ở nhà một mình không ai nấu cơm", Reporter.Child)]
    public void A_speaker_who_names_a_spouse_is_an_adult_reporter(string text, Reporter reporter)
    {
        var result = Detector.Assess(text);
        Assert.True(result.Level >= DisclosureLevel.Urgent, Explain(result));
        Assert.Equal(reporter, result.Reporter);
    }

    /// <summary>Round 10: whether a child may stay home alone is a question (concern at most); a child left alone
    /// for days stays urgent.</summary>
    [Theory]
    [InlineData("con tôi 10 tuổi tự ở nhà một mình được không", false)]
    [InlineData("để bé 8 tuổi ở nhà một mình buổi tối được không?", false)]
    [InlineData("con tôi 5 tuổi bị bỏ ở nhà một mình cả tuần", true)]
    [InlineData("bố mẹ đi làm xa, em 9 tuổi ở nhà một mình mấy ngày rồi không có gì ăn", true)]
    public void Asking_whether_a_child_may_stay_home_alone_is_a_question(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.Equal(escalates, result.ShouldEscalate);
    }

    /// <summary>Round 11: a child tied or locked in, and food withheld for a time, are reports; tying a chicken, a
    /// locked account, a treat refused and a pet shut in are not.</summary>
    [Theory]
    [InlineData("mẹ cột em vào chân bàn cả buổi chiều", true)]
    [InlineData("con bé nhà bên bị buộc vào gốc cây từ sáng", true)]
    [InlineData("em bị khóa trong phòng từ sáng tới giờ", true)]
    [InlineData("e bi khoa trong nha 2 ngay roi", true)]
    [InlineData("từ sáng tới giờ dì không cho em ăn gì", true)]
    [InlineData("em nhịn 3 bữa rồi vì ba phạt", true)]
    [InlineData("cách cột gà trước khi luộc cho đẹp", false)]
    [InlineData("gà bị cột chân để mang đi chợ", false)]
    [InlineData("em bị khóa tài khoản facebook rồi", false)]
    [InlineData("mẹ cột tóc cho em đi học", false)]
    [InlineData("mẹ không cho em ăn kẹo cả tuần", false)]
    public void A_child_tied_locked_in_or_kept_hungry_is_a_report(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.True(escalates == result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 11: the English may-I-hit guard is a class (a permission or legality question, a verb of
    /// discipline, the asker's own child); someone else hitting, or the speaker hit, stays urgent.</summary>
    [Theory]
    [InlineData("is it against the law to slap my daughter", false)]
    [InlineData("would it count as abuse if I spank my son", false)]
    [InlineData("is spanking my kid illegal in Vietnam", false)]
    [InlineData("could I get arrested for hitting my son", false)]
    [InlineData("is it legal for my husband to slap our daughter", true)]
    [InlineData("my dad slaps me every night, is it against the law", true)]
    [InlineData("I just saw a man slapping a little girl at the market, who do I call", true)]
    public void English_permission_questions_about_ones_own_child_are_law_questions(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.True(escalates == result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 11: a witness who saw a specific child hurt and asks whom to report to is reporting; the same
    /// question about children in general is not.</summary>
    [Theory]
    [InlineData("tôi vừa thấy một bé bị bố nó đánh ngoài chợ, phải báo cơ quan nào?", true)]
    [InlineData("sáng nay tôi thấy thằng bé hàng xóm bị mẹ nó lấy roi quất, nên báo ai ạ", true)]
    [InlineData("học sinh bị bạo lực thì phải báo cơ quan nào?", false)]
    [InlineData("trẻ em bị xâm hại thì báo cho ai", false)]
    public void A_witness_asking_whom_to_report_a_child_to_is_reporting(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.True(escalates == result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 11: self-harm said sideways (a pill count asked as "enough", how to cut, a blade held to the
    /// body now, a farewell post) escalates; a vitamin dose, a fever dose and a long sleep to rest do not.</summary>
    [Theory]
    [InlineData("em uống 20 viên thì có đủ không", DisclosureLevel.Urgent)]
    [InlineData("cắt dọc hay cắt ngang thì chết nhanh hơn", DisclosureLevel.Urgent)]
    [InlineData("e đang kề dao lam vào cổ tay", DisclosureLevel.Emergency)]
    [InlineData("mình viết sẵn status tạm biệt rồi", DisclosureLevel.Urgent)]
    [InlineData("uống 2 viên vitamin mỗi ngày có đủ không", DisclosureLevel.None)]
    [InlineData("con tôi sốt, uống thuốc hạ sốt mấy viên", DisclosureLevel.None)]
    [InlineData("em mệt quá, muốn ngủ một giấc thật dài cho hết mệt", DisclosureLevel.None)]
    [InlineData("em viết thư cảm ơn cô giáo chủ nhiệm", DisclosureLevel.None)]
    public void Self_harm_said_sideways_escalates_and_ordinary_doses_do_not(string text, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        if (level == DisclosureLevel.None) Assert.False(result.ShouldEscalate, Explain(result));
        else Assert.True(result.Level >= level && result.Category == DisclosureCategory.SelfHarm, Explain(result));
    }

    /// <summary>Round 11: a man who calls children in and closes the door, a hand on a thigh, nude pictures shown to a
    /// child are reports; a hand on a forehead for a fever is not.</summary>
    [Theory]
    [InlineData("ông hàng xóm hay gọi tụi nhỏ vào nhà rồi đóng cửa lại", true)]
    [InlineData("thầy dạy thêm hay đặt tay lên đùi em", true)]
    [InlineData("chú hàng xóm cho em coi mấy hình không mặc đồ", true)]
    [InlineData("mẹ đặt tay lên trán em xem có sốt không", false)]
    [InlineData("cô cho cả lớp xem hình cơ thể người trong giờ sinh học", false)]
    public void Grooming_signs_escalate(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.True(escalates == result.ShouldEscalate, Explain(result));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Round 12 (QA round 2 findings H1, H2, H5, H6, H7, M2): each class with look-alikes that must not move.
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>H2: typed without marks, "bi ban" + "bè", "trong lớp", "cùng lớp" or any verb is "bị bạn" (by a
    /// friend); only a buyer, a destination, a use or the end of a clause makes it "bị bán" (sold).</summary>
    [Theory]
    [InlineData("e bi ban be tay chay ko ai choi vs e")]
    [InlineData("e bi ban trong lop treu hoai")]
    [InlineData("e bi ban be che cuoi")]
    [InlineData("em bi ban cung lop noi xau")]
    [InlineData("e bi ban cho leo cay")]
    [InlineData("e bi ban len mang chui")]
    [InlineData("em bị nhốt ngoài ban công vì cửa tự khóa")]
    [InlineData("game free fire em bi ban chet hoai")]
    public void Unaccented_bi_ban_with_a_friends_words_is_not_trafficking(string text)
    {
        var result = Detector.Assess(text);
        Assert.NotEqual(DisclosureCategory.Trafficking, result.Category);
        Assert.DoesNotContain(result.Cues, c => c.Category == DisclosureCategory.Trafficking);
    }

    [Theory]
    [InlineData("em bi ban cho nguoi ta")]
    [InlineData("em bi ban sang trung quoc")]
    [InlineData("em bi ban qua ben kia lam vo")]
    [InlineData("em bi nguoi ta ban")]
    [InlineData("toi nghi con gai hang xom 14 tuoi bi ban, no di theo chi nuoi len Lang Son")]
    [InlineData("em bị bán cho một gia đình bên kia biên giới")]
    [InlineData("em bị bán rồi")]
    public void Sold_stays_trafficking_with_or_without_marks(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(DisclosureCategory.Trafficking, result.Category);
    }

    /// <summary>Teased by friends, with or without marks, is a concern (a gentle line), never a case.</summary>
    [Theory]
    [InlineData("e bi ban trong lop treu hoai")]
    [InlineData("bố em đi tù, em bị bạn bè trêu")]
    [InlineData("e bi ban be che cuoi")]
    public void Teasing_by_friends_is_a_concern(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.Level == DisclosureLevel.Concern, Explain(result));
    }

    /// <summary>"Bạn bè tẩy chay" typed without marks is not "bẻ tay" (twisting an arm): teasing stays concern at most,
    /// while a parent twisting an arm stays urgent.</summary>
    [Theory]
    [InlineData("e bi ban be tay chay ko ai choi vs e", false)]
    [InlineData("em bị tẩy chay trong nhóm chat lớp", false)]
    [InlineData("e bi bo be tay dau lam", true)]
    [InlineData("bố bẻ tay em đau lắm", true)]
    public void Friends_shunning_is_not_an_arm_twisted(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.True(escalates == result.ShouldEscalate, Explain(result));
    }

    /// <summary>H1: an adult (or any witness) naming another family's child as the victim is reporting, even when a
    /// cue reads the asker's "tôi" after a comma as its victim; a neighbour's child who hits the speaker is not this.</summary>
    [Theory]
    [InlineData("tôi nghĩ con nhà hàng xóm bị bố nó đánh, tôi gọi ai?", Reporter.Adult)]
    [InlineData("con nhà hàng xóm bị bố nó đánh suốt, tôi nên báo ai?", Reporter.Adult)]
    [InlineData("tôi thấy bé hàng xóm hay bị đánh, tôi phải làm gì", Reporter.Adult)]
    [InlineData("toi nghi con nha hang xom bi bo no danh, toi goi ai", Reporter.Adult)]
    [InlineData("em thấy bé hàng xóm bị bố nó đánh, em phải làm sao", Reporter.Adult)]
    [InlineData("who do I call if I think my neighbour's kid is being abused?", Reporter.Adult)]
    [InlineData("My neighbour's son told me his uncle abuses him. What should I do?", Reporter.Adult)]
    [InlineData("con hàng xóm 3 tuổi bị bỏ ở nhà một mình từ sáng tới tối", Reporter.Adult)]
    [InlineData("con của đồng nghiệp tôi bị bố đánh, tôi nên làm gì", Reporter.Adult)]
    [InlineData("my neighbor's daughter is being hit by her dad", Reporter.Adult)]
    [InlineData("bé hàng xóm đánh em", Reporter.Child)]
    [InlineData("thằng con nhà hàng xóm hay đánh em", Reporter.Child)]
    [InlineData("bố em đánh em, tôi phải làm gì", Reporter.Child)]
    public void Another_familys_child_harmed_makes_the_speaker_a_witness(string text, Reporter reporter)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(reporter, result.Reporter);
    }

    /// <summary>Another family's child named as harmed is a specific child, as the policy says of "bé nhà hàng xóm":
    /// a harm about it counts in a law question too. Children in general in the same question stay none.</summary>
    [Theory]
    [InlineData("bé hàng xóm bị bố đánh, theo luật thì xử lý ra sao", true)]
    [InlineData("con nhà hàng xóm bị bố đánh thì bố nó bị phạt thế nào", true)]
    [InlineData("bé hàng xóm bị xâm hại, pháp luật xử lý thế nào", true)]
    [InlineData("trẻ em bị bố đánh thì theo luật xử lý ra sao", false)]
    [InlineData("trẻ em bị xâm hại, pháp luật xử lý thế nào", false)]
    public void A_harmed_child_of_another_family_counts_in_a_law_question(string text, bool escalates)
    {
        var result = Detector.Assess(text);
        Assert.True(escalates == result.ShouldEscalate, Explain(result));
    }

    /// <summary>H6: a relative or friend named with "em" who does something to "em" is harming the speaker; the
    /// speaker with a sibling ("em với em trai") is the speaker. A sibling or friend who is harmed stays a witness.</summary>
    [Theory]
    [InlineData("anh họ em bắt em gửi ảnh khỏa thân không thì đăng ảnh em lên mạng", Reporter.Child)]
    [InlineData("bạn em bắt em gửi ảnh nude", Reporter.Child)]
    [InlineData("chị họ em dọa tung ảnh của em", Reporter.Child)]
    [InlineData("my cousin makes me send nudes or he will post my pics", Reporter.Child)]
    [InlineData("anh họ em bắt em cởi quần áo rồi làm chuyện người lớn, anh ấy dặn không được nói với ai", Reporter.Child)]
    [InlineData("ba má em bỏ đi hơn 1 tuần rồi, nhà hết gạo, em với em trai đói lắm", Reporter.Child)]
    [InlineData("anh họ em bị bố đánh, em phải làm sao", Reporter.Adult)]
    [InlineData("em gái em bị chú hàng xóm sờ ngực", Reporter.Adult)]
    [InlineData("bạn em bị người lạ dọa tung ảnh nóng", Reporter.Adult)]
    public void A_relative_acting_on_em_makes_the_speaker_the_victim(string text, Reporter reporter)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(reporter, result.Reporter);
    }

    /// <summary>H7: the passive "bị + a man who is not a parent + ôm/hôn" is sexual abuse, as the active forms are.</summary>
    [Theory]
    [InlineData("em bị thầy giáo ôm hôn")]
    [InlineData("e bi thay giao om hon")]
    [InlineData("e bi thay om")]
    [InlineData("em bị chú hôn môi")]
    [InlineData("em bị anh họ ôm chặt, em sợ lắm")]
    [InlineData("con tôi bị bảo vệ trường ôm hôn")]
    [InlineData("em bị người lạ ôm")]
    [InlineData("em bị thầy chủ nhiệm hôn vào má")]
    [InlineData("em bị bác bảo vệ hôn má")]
    public void Being_hugged_or_kissed_by_a_man_who_is_not_a_parent_is_sexual_abuse(string text)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(DisclosureCategory.SexualAbuse, result.Category);
    }

    [Theory]
    [InlineData("em được thầy ôm động viên")]
    [InlineData("em bị ốm")]
    [InlineData("em bị mẹ ôm chặt quá")]
    [InlineData("em bị cậu ấy ôm")]
    [InlineData("em bị thầy phạt nặng hơn bạn")]
    [InlineData("em bị chú phạt vì ôm mèo")]
    public void Hugs_that_are_not_abuse_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>H5: an injury on the speaker's own body with no cause is a gentle check (concern); bruises all over
    /// the body are urgent; a cause told (a fall, a ball, an insect, an allergy) keeps it out.</summary>
    [Theory]
    [InlineData("người em bị bầm tím hết", DisclosureLevel.Urgent)]
    [InlineData("em bầm tím khắp người", DisclosureLevel.Urgent)]
    [InlineData("chân em toàn vết bầm", DisclosureLevel.Urgent)]
    [InlineData("lưng em rớm máu", DisclosureLevel.Concern)]
    [InlineData("đây là ảnh vết bầm của em", DisclosureLevel.Concern)]
    [InlineData("mặt em bị sưng", DisclosureLevel.Concern)]
    [InlineData("hôm qua em trượt chân ngã cầu thang, bầm hết đầu gối", DisclosureLevel.None)]
    [InlineData("em bị bầm đầu gối vì đá banh, bôi gì cho mau hết", DisclosureLevel.None)]
    [InlineData("em bị muỗi đốt sưng cả chân", DisclosureLevel.None)]
    [InlineData("chân em bị sưng vì dị ứng", DisclosureLevel.None)]
    public void Injuries_with_no_cause_get_a_check(string text, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        Assert.True(level == result.Level, Explain(result));
    }

    /// <summary>M2: a family member locking a child in and starving them is neglect, not trafficking; a mother who
    /// left does not make the child missing; an adult with a knife at the classroom is not bullying. People who are
    /// not family holding a child, a child who ran away, and classmates with a knife keep their categories.</summary>
    [Theory]
    [InlineData("mẹ kế nhốt em trong nhà và không cho em ăn mấy ngày rồi", DisclosureCategory.Neglect)]
    [InlineData("mẹ em nhốt em trong nhà không cho đi học", DisclosureCategory.Neglect)]
    [InlineData("me e bo di may ngay r, e o nha 1 minh k co gi an", DisclosureCategory.Neglect)]
    [InlineData("mẹ em bỏ đi mấy ngày rồi, em ở nhà một mình không có gì ăn", DisclosureCategory.Neglect)]
    [InlineData("ông ta đang cầm dao đứng ngoài cửa lớp, em ấy đang chảy máu nhiều", DisclosureCategory.OtherDanger)]
    [InlineData("họ nhốt em trong căn nhà không cho về", DisclosureCategory.Trafficking)]
    [InlineData("em bị người ta nhốt ở bên kia biên giới", DisclosureCategory.Trafficking)]
    [InlineData("bố mắng, em bỏ nhà đi", DisclosureCategory.MissingChild)]
    [InlineData("em bi lac me o cho", DisclosureCategory.MissingChild)]
    [InlineData("tụi nó cầm dao đến trường đòi xử em", DisclosureCategory.BullyingWithDanger)]
    [InlineData("tụi nó đang cầm dao đứng trước cổng trường", DisclosureCategory.BullyingWithDanger)]
    [InlineData("ông ta cầm dao đứng trước cổng trường", DisclosureCategory.OtherDanger)]
    [InlineData("có người cầm dao đứng trước cổng trường", DisclosureCategory.OtherDanger)]
    public void Categories_follow_who_does_it(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 13: parents who left a child are neglect, a child who ran away stays missing; an adult with a
    /// weapon at the school is an emergency of its own (OtherDanger), whoever "ông kia" is.</summary>
    [Theory]
    [InlineData("bố mẹ em bỏ nhà đi rồi, em ở với em trai, không có gì ăn", DisclosureCategory.Neglect, DisclosureLevel.Urgent)]
    [InlineData("bo me no bo nha di lam an xa, de no o nha 1 minh may tuan", DisclosureCategory.Neglect, DisclosureLevel.Urgent)]
    [InlineData("em bỏ nhà đi 2 hôm rồi, đang ở ngoài bến xe", DisclosureCategory.MissingChild, DisclosureLevel.Urgent)]
    [InlineData("con tôi bỏ nhà đi từ hôm qua chưa về", DisclosureCategory.MissingChild, DisclosureLevel.Urgent)]
    [InlineData("ông kia cầm dao vào trường tìm con gái", DisclosureCategory.OtherDanger, DisclosureLevel.Emergency)]
    [InlineData("một người đàn ông cầm gậy đứng ở cổng trường đòi đánh học sinh", DisclosureCategory.OtherDanger, DisclosureLevel.Emergency)]
    [InlineData("ai đó để em bé trong ô tô khóa cửa ngoài bãi xe, nắng lắm", DisclosureCategory.Neglect, DisclosureLevel.Emergency)]
    public void Abandonment_and_armed_adults_get_their_category_and_level(string text, DisclosureCategory category, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        Assert.Equal(level, result.Level);
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 13: words typed without marks that read as another word ("di" as dí, "dong" as dộng, "roi" as a
    /// cane, "lac de", a pet or grandparents "bỏ nhà đi", "gia dinh" as "định") are not disclosures.</summary>
    [Theory]
    [InlineData("e di ngu som vi met, chan qua")]
    [InlineData("bo me e di du lich o da nang")]
    [InlineData("hom nay e phu me dong goi hang")]
    [InlineData("truong toi to chuc thang hanh dong vi tre em")]
    [InlineData("em bi lac de roi")]
    [InlineData("em bi cam cum 3 ngay roi")]
    [InlineData("con cho nha em bo nha di may hom nay")]
    [InlineData("ong ba em bo nha di du lich roi")]
    [InlineData("con tôi hay xem phim người lớn trên mạng, tôi phải làm gì")]
    [InlineData("tôi nên dặn con thế nào để tránh người lạ dụ dỗ")]
    [InlineData("em muốn nghỉ học để đi làm phụ gia đình")]
    [InlineData("anh hàng xóm hay nhìn em chằm chằm, em thấy khó chịu")]
    public void Unmarked_look_alikes_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 13: the same harm typed without marks or in teencode still escalates ("đánh hội đồng" is not
    /// "đánh hơi", "bit mieng" is not "biết", "a ay" is "anh ấy", "gia đình ép" is not a wish).</summary>
    [Theory]
    [InlineData("em bi danh hoi dong sau truong", DisclosureCategory.BullyingWithDanger)]
    [InlineData("me lay ban ui di vao tay e", DisclosureCategory.PhysicalViolence)]
    [InlineData("chu ay bit mieng em lai", DisclosureCategory.PhysicalViolence)]
    [InlineData("a ay bat e coi truong", DisclosureCategory.SexualAbuse)]
    [InlineData("tay em bi troi, ho dang cho em di dau k biet", DisclosureCategory.PhysicalViolence)]
    [InlineData("chu bat e lam suot ngay, k cho di hoc", DisclosureCategory.ExploitativeLabour)]
    [InlineData("bọn nó bắt em giữ đồ cho nó, không làm thì bị đánh", DisclosureCategory.ExploitativeLabour)]
    [InlineData("trẻ ở mái ấm bị người quản lý đánh", DisclosureCategory.PhysicalViolence)]
    [InlineData("em tre kinh, anh ay 30 tuoi dan k duoc noi voi ai", DisclosureCategory.SexualAbuse)]
    [InlineData("em lay bat lua ho vao tay", DisclosureCategory.SelfHarm)]
    [InlineData("hoc sinh lop toi bi gia dinh ep nghi hoc lay chong", DisclosureCategory.ChildMarriage)]
    public void Unmarked_and_teencode_disclosures_escalate(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 14: a parent's English question whether their own child's ordinary situation is allowed (home
    /// alone, walking to school, a part-time job, a phone, dating, staying out) is a question, like the Vietnamese
    /// permission frame; English fine and jail questions about a child in general are law questions.</summary>
    [Theory]
    [InlineData("my son stays home alone, is that ok")]
    [InlineData("is it ok to leave my 10 year old daughter home alone?")]
    [InlineData("can my 8 year old stay home alone")]
    [InlineData("at what age can my kid walk to school alone")]
    [InlineData("my 12 year old walks to school alone, is that legal?")]
    [InlineData("is it legal for my 15 year old to work part time")]
    [InlineData("is it legal for my daughter to date at 14")]
    [InlineData("am I allowed to let my kid stay out until 10pm")]
    [InlineData("is it okay for my child to use a phone")]
    [InlineData("How much is the fine for hitting a child?")]
    [InlineData("How much is the fine for hitting a child in Vietnam?")]
    [InlineData("what is the penalty for child abuse in Vietnam")]
    [InlineData("how many years in prison for raping a child")]
    public void English_permission_and_fine_questions_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 14, the other direction: the same words with a duration, a lack of food, a companion who harms,
    /// or the speaker as the victim stay urgent.</summary>
    [Theory]
    [InlineData("my son was left home alone for 3 days with no food", DisclosureCategory.Neglect)]
    [InlineData("is it ok to leave my 6 year old home alone for 3 days?", DisclosureCategory.Neglect)]
    [InlineData("my son stays home alone overnight, is that ok", DisclosureCategory.Neglect)]
    [InlineData("my stepdad leaves me home alone, is that ok", DisclosureCategory.Neglect)]
    [InlineData("my stepdad leaves me alone and hits me", DisclosureCategory.PhysicalViolence)]
    [InlineData("is it ok that my uncle touches me", DisclosureCategory.SexualAbuse)]
    [InlineData("is it ok to leave my daughter home alone with my brother who touches her", DisclosureCategory.SexualAbuse)]
    [InlineData("my son stays home alone and my husband hits him, is that ok", DisclosureCategory.PhysicalViolence)]
    [InlineData("my dad hits me, I'm fine", DisclosureCategory.PhysicalViolence)]
    public void English_questions_about_real_harm_stay_urgent(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 14: a parent whose child's photos were posted without nudes, a threat or money is a privacy worry
    /// (concern); nudes or a threat keep it urgent; the speaker's own photos posted stay urgent.</summary>
    [Theory]
    [InlineData("Someone posted my daughter's photos online without permission. What can I do?", DisclosureLevel.Concern)]
    [InlineData("someone posted my son's pictures on facebook", DisclosureLevel.Concern)]
    [InlineData("someone posted my daughter's nude photos online", DisclosureLevel.Urgent)]
    [InlineData("a man is threatening to post my daughter's photos unless she pays", DisclosureLevel.Urgent)]
    [InlineData("someone posted my photos online", DisclosureLevel.Urgent)]
    public void Posted_photos_of_a_child_are_urgent_only_with_nudes_or_a_threat(string text, DisclosureLevel level)
    {
        var result = Detector.Assess(text);
        Assert.Equal(level, result.Level);
        Assert.Equal(DisclosureCategory.OnlineSexualExploitation, result.Category);
    }

    /// <summary>Round 14: a teacher telling signs of a beating on a named pupil is an adult's report (urgent); the same
    /// "dấu hiệu" asked about children in general is a definition.</summary>
    [Theory]
    [InlineData("học sinh lớp tôi có dấu hiệu bị bố đánh", true)]
    [InlineData("hoc sinh lop toi co dau hieu bi bo danh", true)]
    [InlineData("hs lớp em có vết bầm, nghi bị bố mẹ đánh", true)]
    [InlineData("học sinh lớp tôi có dấu hiệu bị xâm hại", true)]
    [InlineData("dấu hiệu trẻ bị bạo hành là gì", false)]
    [InlineData("làm sao biết con tôi có dấu hiệu bị xâm hại", false)]
    public void Signs_on_a_named_pupil_are_a_report(string text, bool urgent)
    {
        var result = Detector.Assess(text);
        Assert.Equal(urgent, result.ShouldEscalate);
        if (urgent)
            Assert.Equal(Reporter.Adult, result.Reporter);
    }

    /// <summary>Round 14: retrieval questions that are about the law or a procedure, not a disclosure ("khuyet tat" is
    /// not "tát", "ai tu van cho e" is not "tự vẫn", a child's chores, "trẻ em có hoàn cảnh đặc biệt").</summary>
    [Theory]
    [InlineData("e khuyet tat co dc hoc chung truong voi ban binh thuong ko")]
    [InlineData("tre khuyet tat co duoc hoc hoa nhap o truong binh thuong khong")]
    [InlineData("e 12t moi co kinh lan dau, ai tu van cho e ve chuyen nay")]
    [InlineData("Giáo viên chủ nhiệm phối hợp với ai ở xã khi có học sinh bị bạo lực gia đình?")]
    [InlineData("em có phải làm việc nhà giúp bố mẹ không")]
    [InlineData("Con tôi bỏ học đi làm kiếm tiền thì có được xem là trẻ em có hoàn cảnh đặc biệt không")]
    public void Law_and_procedure_questions_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 14, the other direction: a slap, a wish to die, forced chores and forced work stay urgent.</summary>
    [Theory]
    [InlineData("bo tat e hoai", DisclosureCategory.PhysicalViolence)]
    [InlineData("em muon tu van", DisclosureCategory.SelfHarm)]
    [InlineData("em bị bắt làm việc nhà cả ngày không cho đi học", DisclosureCategory.ExploitativeLabour)]
    [InlineData("bố mẹ bắt em nghỉ học đi làm kiếm tiền", DisclosureCategory.ExploitativeLabour)]
    [InlineData("bé hàng xóm bị bố đánh, theo luật thì xử lý ra sao", DisclosureCategory.PhysicalViolence)]
    public void Look_alikes_of_law_questions_stay_urgent(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 14b (blind set 12): the classes its misses belonged to, in words no labelled line uses.</summary>
    [Theory]
    [InlineData("hình của tớ bị tung lên nhóm lớp, nó dọa còn tung nữa", DisclosureCategory.OnlineSexualExploitation)]
    [InlineData("má biểu tui nghỉ học đi mần rẫy phụ nhà", DisclosureCategory.ExploitativeLabour)]
    [InlineData("chắc bố mẹ sẽ sướng hơn nếu mình biến mất", DisclosureCategory.SelfHarm)]
    [InlineData("🆘", DisclosureCategory.OtherDanger)]
    [InlineData("t lai lam vay roi 🩸 dau qua", DisclosureCategory.SelfHarm)]
    [InlineData("em trai em đang ngồi trên lan can tầng thượng, gọi không nghe máy", DisclosureCategory.SelfHarm)]
    [InlineData("bố em suốt ngày chửi em là đồ súc vật", DisclosureCategory.PhysicalViolence)]
    [InlineData("dượng say xỉn rồi đang đi tìm em", DisclosureCategory.PhysicalViolence)]
    [InlineData("bé lớp tôi kể chú hay ngủ cùng rồi chỉ vào vùng kín bảo đau", DisclosureCategory.SexualAbuse)]
    [InlineData("ông ấy rủ em sang Campuchia làm việc, lo vé máy bay, em 15 tuổi", DisclosureCategory.Trafficking)]
    [InlineData("em sợ những chuyện bác làm với em mỗi đêm", DisclosureCategory.SexualAbuse)]
    [InlineData("mẹ bảo em giấu mấy vết trên đùi, đừng cho ai thấy", DisclosureCategory.PhysicalViolence)]
    [InlineData("my stepdad tried to get into my bed again", DisclosureCategory.SexualAbuse)]
    [InlineData("viết xong lá thư cho bố mẹ rồi. cảm ơn cậu đã lắng nghe mình thời gian qua", DisclosureCategory.SelfHarm)]
    public void Round_14b_classes_escalate(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 14b, the other direction: the same words in ordinary messages.</summary>
    [Theory]
    [InlineData("ảnh của em bị đăng lên nhóm lớp, em muốn xin gỡ")]
    [InlineData("con tôi 14 tuổi bảo muốn nghỉ học để đi làm kiếm tiền")]
    [InlineData("bố mẹ bắt em thôi học thêm tiếng Anh để phụ việc nhà")]
    [InlineData("mọi người sẽ vui hơn nếu em đỗ đại học năm nay")]
    [InlineData("🆘 ai giải giúp em bài hóa này với")]
    [InlineData("em lại làm thế rồi, quên làm bài tập nên bị cô nhắc")]
    [InlineData("bạn em đang ở trên sân thượng phơi đồ nên chưa nghe máy")]
    [InlineData("bạn em gọi em là đồ con hoang")]
    [InlineData("mẹ em bảo là do thua trận nên bố buồn")]
    [InlineData("bố say rồi đang tìm chìa khóa xe")]
    [InlineData("em sắp sang Trung Quốc du học theo học bổng, cần chuẩn bị giấy tờ gì")]
    [InlineData("em ghét công việc mẹ làm mỗi đêm ở quán")]
    [InlineData("cô giáo dặn em che vết thương trên tay để khỏi nhiễm trùng")]
    [InlineData("my dog tried to get into my bed last night lol")]
    [InlineData("em viết thư cho mẹ ngày 20/10, cảm ơn bot vì đã giúp em")]
    [InlineData("toi dam o nguoi duoi 16 tuoi bi xu ly the nao")]
    [InlineData("mỗi tối ba em làm việc tới nửa đêm, em lo cho sức khỏe ba")]
    public void Round_14b_look_alikes_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    /// <summary>Round 15 (blind set 13's classes): means kept ready, going to the water, self-injury moving to the neck,
    /// farewells, relayed farewells, a child not home after school or not back from swimming, taken by an online
    /// acquaintance, dragged onto a vehicle, small children without adults, eating from the rubbish, night labour with
    /// beatings, money then a storeroom, a maiming threat while hiding, a child thrown against a wall.</summary>
    [Theory]
    [InlineData("mình đã mua thuốc chuột rồi, giấu trong tủ quần áo", DisclosureCategory.SelfHarm)]
    [InlineData("em đang đứng ở giữa cầu, nước chảy xiết lắm", DisclosureCategory.SelfHarm)]
    [InlineData("tuần rồi em rạch tay, giờ em nghĩ đến cổ", DisclosureCategory.SelfHarm)]
    [InlineData("cháu gái tôi nhắn 'cảm ơn dì, cháu đi trước', giờ tắt máy rồi", DisclosureCategory.SelfHarm)]
    [InlineData("thôi em đi, ba mẹ ở lại sống vui vẻ nha", DisclosureCategory.SelfHarm)]
    [InlineData("giá mà em biến mất thì mẹ đỡ khổ", DisclosureCategory.SelfHarm)]
    [InlineData("bé nhà tôi tan trường lúc 5 giờ mà giờ 9 giờ tối chưa về", DisclosureCategory.MissingChild)]
    [InlineData("thằng cháu đi tắm ao với bạn từ chiều, giờ chưa thấy về", DisclosureCategory.MissingChild)]
    [InlineData("em họ tôi 16 tuổi đi theo anh quen qua Zalo lên Cao Bằng, giờ gọi về khóc", DisclosureCategory.Trafficking)]
    [InlineData("có mấy thằng lạ lôi con bé lên ô tô, nó khóc la", DisclosureCategory.Trafficking)]
    [InlineData("mấy đứa nhỏ xóm tôi mấy ngày nay không có người lớn, đứa nào cũng đói", DisclosureCategory.Neglect)]
    [InlineData("thằng bé hay bới thùng rác kiếm ăn, hôm qua nó xỉu ở chợ", DisclosureCategory.Neglect)]
    [InlineData("em phục vụ quán tới nửa đêm, làm đổ là chủ quán quất", DisclosureCategory.ExploitativeLabour)]
    [InlineData("chú chủ nhà cho em 100 nghìn rồi kêu vào phòng, dặn đừng nói ai", DisclosureCategory.SexualAbuse)]
    [InlineData("em trốn ngoài vườn, dượng nói tìm được thì bẻ gãy chân", DisclosureCategory.PhysicalViolence)]
    [InlineData("ổng quăng thằng bé vô tường, đầu nó sưng một cục", DisclosureCategory.PhysicalViolence)]
    public void Round_15_classes_escalate(string text, DisclosureCategory category)
    {
        var result = Detector.Assess(text);
        Assert.True(result.ShouldEscalate, Explain(result));
        Assert.Equal(category, result.Category);
    }

    /// <summary>Round 15, the other direction: the same words in ordinary messages and questions.</summary>
    [Theory]
    [InlineData("mẹ bảo em mua thuốc diệt chuột về để sẵn trong bếp")]
    [InlineData("tụi em ra bờ hồ chạy bộ, nước trong ghê")]
    [InlineData("em cắt tóc ngắn rồi, giờ đang nghĩ tới nhuộm tóc")]
    [InlineData("bạn em nhắn 'chào nha, tao đi trước' rồi về nhà")]
    [InlineData("nếu con đỗ học bổng chắc ba má đỡ khổ hơn")]
    [InlineData("con tôi tan học lúc 5 giờ, 6 giờ đã về tới nhà")]
    [InlineData("cuối tuần con tôi đi tắm biển với lớp, có cần mua áo phao không")]
    [InlineData("mẹ cho em tiền rồi bảo vào bếp lấy nước mắm")]
    [InlineData("lam heo quay phai lay dao dam lo tren da")]
    [InlineData("Bỏ mặc con tự chơi một mình thì có bị xem là bạo lực không?")]
    [InlineData("sinh con xong bo me co bat buoc phai di lam giay khai sinh cho con khong")]
    [InlineData("bo me mat khong de lai di chuc thi con duoc chia tai san the nao")]
    [InlineData("Em nam nay 13 tuoi, em rat thich choi bong da")]
    [InlineData("Toi la giao vien lop 4, cuoi nam nay truong to chuc van nghe")]
    public void Round_15_look_alikes_are_not_escalated(string text)
    {
        var result = Detector.Assess(text);
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    [Fact]
    public void A_kitchen_knife_at_home_is_not_a_danger()
    {
        var result = Detector.Assess("mẹ cầm dao thái rau đứng trong bếp");
        Assert.False(result.ShouldEscalate, Explain(result));
    }

    private static string Explain(DisclosureAssessment result) =>
        $"{result.Level} {result.Category} {result.Reporter} [{string.Join(" ", result.Cues.Select(c => $"{c.RuleId}={c.Level}"))}]";
}
