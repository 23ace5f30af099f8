using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Resources;

/// <summary>The bot's own sentences in Vietnamese (the default language).</summary>
public sealed class VietnameseUiText : UiText
{
    public static VietnameseUiText Instance { get; } = new();

    public override string Language => UiLanguages.Vietnamese;
    public override string Locale => "vi-VN";

    public override string Welcome(int retentionDays, bool escalationEnabled) =>
        "Xin chào! Mình là trợ lý hỏi đáp về quyền trẻ em và bảo vệ trẻ em theo pháp luật Việt Nam "
        + "(Luật Trẻ em 2016, Nghị định 56/2017/NĐ-CP, Tháng hành động vì trẻ em…).\n\n"
        + "Mình có thể giải thích quy định bằng lời dễ hiểu kèm điều luật làm căn cứ, chỉ cách báo khi trẻ em bị "
        + "xâm hại và cho bạn số đường dây nóng. Mình là một chương trình máy tính: mình không phải luật sư, "
        + "không thay được tư vấn viên và không phải dịch vụ cấp cứu.\n\n"
        + $"Riêng tư: mình chỉ lưu vai trò bạn chọn, ngôn ngữ và điều luật vừa nói tới để trả lời tiếp mạch, "
        + $"không lưu tên hay số điện thoại của bạn. Các thông tin này tự xóa sau {retentionDays} ngày không dùng "
        + "và không bao giờ được chia sẻ với gia đình bạn."
        + (escalationEnabled
            ? " Khi có dấu hiệu một trẻ em đang gặp nguy hiểm, mình lưu một báo cáo ngắn và chuyển cho tư vấn viên "
              + "Tổng đài 111 để họ giúp."
            : string.Empty)
        + "\n\nCần giúp gấp: gọi 111 — Tổng đài điện thoại quốc gia bảo vệ trẻ em, miễn phí, 24/7. "
        + "Nguy hiểm ngay lúc này: gọi 113 (công an) hoặc 115 (cấp cứu).\n\n"
        + RoleQuestion;

    public override string WelcomeBrief(int retentionDays) =>
        "Xin chào! Mình là trợ lý hỏi đáp về quyền trẻ em và bảo vệ trẻ em theo pháp luật Việt Nam. Mình không phải "
        + "luật sư và không phải dịch vụ cấp cứu. Mình không lưu tên hay số điện thoại của bạn, xóa dữ liệu trò "
        + $"chuyện sau {retentionDays} ngày không dùng và không chia sẻ với gia đình bạn. Cần giúp gấp: gọi 111 "
        + "(miễn phí, 24/7).";

    public override string RoleQuestion =>
        "Bạn là phụ huynh, giáo viên hay trẻ em? Chọn bên dưới để mình trả lời cho phù hợp.";

    public override string RoleChoice(Audience role) => role switch
    {
        Audience.Parent => "Tôi là phụ huynh",
        Audience.Teacher => "Tôi là giáo viên",
        Audience.Child => "Tôi là trẻ em",
        _ => "Tôi muốn hỏi chung",
    };

    public override string RoleConfirmed(Audience role) => role switch
    {
        Audience.Parent => "Cảm ơn bạn. Mình sẽ ưu tiên thông tin dành cho cha mẹ. Bạn cứ hỏi bằng lời của mình, "
                           + "ví dụ như các câu bên dưới.",
        Audience.Teacher => "Cảm ơn thầy/cô. Mình sẽ ưu tiên thông tin dành cho giáo viên và nhà trường. Thầy/cô cứ "
                            + "hỏi bằng lời của mình, ví dụ như các câu bên dưới.",
        Audience.Child => "Chào em! Em cứ hỏi mình nhé, hỏi gì cũng được. Nếu có ai làm em đau hay làm em sợ, em gọi "
                          + "111. Gọi 111 không mất tiền, cả ngày lẫn đêm đều có người nghe máy.",
        _ => "Cảm ơn bạn. Bạn cứ hỏi bằng lời của mình nhé.",
    };

    public override IReadOnlyList<string> ExampleQuestions(Audience role) => role switch
    {
        Audience.Parent => ["Con tôi bị bạn đánh ở trường, tôi nên làm gì?", "Trẻ em có những quyền gì?",
            "Tháng hành động vì trẻ em là gì?"],
        Audience.Teacher => ["Giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?",
            "Nhà trường phải làm gì để phòng chống xâm hại trẻ em?", "Tháng hành động vì trẻ em là gì?"],
        Audience.Child => ["Em bị bạn bắt nạt thì làm sao?", "Em có những quyền gì?", "Số 111 là gì?"],
        _ => ["Trẻ em có những quyền gì?", "Tháng hành động vì trẻ em là gì?"],
    };

    public override string Help(Audience? role) => role == Audience.Child
        ? "Em có thể hỏi mình về quyền của em, về việc ở nhà, ở trường, trên mạng. Mình sẽ trả lời bằng lời dễ hiểu.\n\n"
          + "Em có thể gõ: \"đường dây nóng\" để xem số điện thoại giúp đỡ, \"bắt đầu lại\" để nói chuyện lại từ đầu.\n\n"
          + "Nếu có ai làm em đau hay làm em sợ, em gọi 111 nhé. Không mất tiền, cả ngày lẫn đêm."
        : "Bạn có thể hỏi mình bằng lời thường, có dấu hoặc không dấu, về quyền trẻ em, cách phòng ngừa và báo khi trẻ "
          + "bị xâm hại, trách nhiệm của gia đình và nhà trường, Tháng hành động vì trẻ em. Mỗi câu trả lời có điều luật "
          + "làm căn cứ; bấm \"Xem nguyên văn\" để đọc đúng lời văn bản. Hỏi tiếp kiểu \"còn khoản 2 thì sao?\" hay "
          + "\"nói rõ hơn\" cũng được.\n\n"
          + "Lệnh: \"đường dây nóng\", \"đổi vai trò\", \"English\", \"bắt đầu lại\".\n\n"
          + "Cần giúp gấp: gọi 111 (miễn phí, 24/7); nguy hiểm ngay lúc này: 113 hoặc 115.";

    public override string ActionHotlines => "Đường dây nóng";
    public override string ActionChangeRole => "Đổi vai trò";
    public override string ActionOtherLanguage => "English";
    public override string ActionRestart => "Bắt đầu lại";

    public override string HotlinesIntro => "Các số điện thoại có thể gọi:";

    public override string HotlineEntry(Hotline hotline)
    {
        var terms = new List<string>();
        if (hotline.Free) terms.Add("miễn phí");
        if (!string.IsNullOrWhiteSpace(hotline.Hours)) terms.Add(hotline.Hours.Trim());
        var when = string.IsNullOrWhiteSpace(hotline.When) ? string.Empty : $" Gọi khi: {hotline.When.Trim()}";
        return $"• {hotline.Number} — {hotline.Name}" + (terms.Count > 0 ? $" ({string.Join(", ", terms)})." : ".") + when;
    }

    public override string HotlinesFooter =>
        "Khi trẻ em đang gặp nguy hiểm ngay lúc này, gọi 113 hoặc 115 trước, rồi gọi 111.";

    public override string RestartDone => "Mình đã xóa cuộc trò chuyện này và vai trò bạn đã chọn. Mình bắt đầu lại nhé.";
    public override string LanguageChosen => "Được, mình sẽ nói tiếng Việt.";

    public override string Greeting(Audience? role) => role == Audience.Child
        ? "Chào em! Em muốn hỏi gì nào?"
        : "Xin chào! Bạn muốn hỏi gì về quyền trẻ em hay bảo vệ trẻ em?";

    public override string Wordless(Audience? role, bool sad) => (sad, role == Audience.Child) switch
    {
        (true, true) => "Em đang buồn hay đang sợ à? Nếu muốn, em cứ kể cho mình bằng chữ nhé. Nếu có ai làm em đau hay làm "
                        + "em sợ, em gọi 111: không mất tiền, cả ngày lẫn đêm đều có người nghe.",
        (true, false) => "Bạn đang buồn hay đang lo à? Nếu muốn, bạn cứ kể cho mình bằng chữ nhé. Nếu có ai làm bạn hay một "
                         + "đứa trẻ bị đau hay sợ hãi, gọi 111: miễn phí, 24/7, luôn có người nghe.",
        (false, true) => "Mình chỉ hiểu tin nhắn bằng chữ. Em hỏi mình bằng lời nhé, hoặc gõ \"trợ giúp\" để xem mình giúp được gì.",
        _ => "Mình chỉ hiểu tin nhắn bằng chữ. Bạn hỏi mình bằng lời nhé, hoặc gõ \"trợ giúp\" để xem mình giúp được gì.",
    };
    public override string AboutBot(Audience? role) => role == Audience.Child
        ? "Mình là một chương trình máy tính, không phải người thật. Nếu em muốn nói chuyện với người thật, em gọi 111 nhé: "
          + "có tư vấn viên nghe máy, không mất tiền, cả ngày lẫn đêm."
        : "Mình là một chương trình máy tính, không phải người thật. Mình trả lời câu hỏi về quyền trẻ em và bảo vệ trẻ em "
          + "theo pháp luật Việt Nam, kèm điều luật làm căn cứ. Muốn nói chuyện với người thật, hãy gọi 111: có tư vấn viên "
          + "nghe máy, miễn phí, 24/7.";
    public override string Acknowledged(Audience? role) => role == Audience.Child
        ? "Ừ. Em cứ nhắn cho mình khi cần nhé. Nếu có ai làm em đau hay làm em sợ, em gọi 111."
        : "Vâng. Bạn cứ hỏi tiếp khi cần; cần tư vấn trực tiếp thì gọi 111 (miễn phí, 24/7).";
    public override string Thanks(Audience? role) => role == Audience.Child
        ? "Không có gì đâu em. Khi nào cần, em cứ nhắn mình, hoặc gọi 111 nhé."
        : "Không có gì. Nếu cần, bạn cứ hỏi tiếp; cần tư vấn trực tiếp thì gọi 111 (miễn phí, 24/7).";

    public override string FeedbackThanks(bool positive) => positive
        ? "Cảm ơn bạn đã cho biết câu trả lời có ích."
        : "Cảm ơn bạn đã góp ý. Mình ghi lại để người phụ trách xem và sửa câu trả lời này.";

    public override string FeedbackNothingToRate => "Mình chưa trả lời câu nào để bạn đánh giá.";

    public override string CitationLine(string citations) => $"Theo {citations}.";
    public override string ArticleName(int article) => $"Điều {article}";
    public override string ClausePart(int clause) => $"khoản {clause}";
    public override string PointPart(string point) => $"điểm {point}";
    public override string FullTextAction(int article) => $"Xem nguyên văn Điều {article}";
    public override string FullTextHeading(int article, string title, string shortName) =>
        $"Nguyên văn Điều {article}. {title} ({shortName}):";
    public override string FullTextContinued(int part, int parts) => $"(tiếp theo, phần {part}/{parts})";
    public override string FullTextUnavailable(int article, string shortName) =>
        $"Mình chưa có nguyên văn Điều {article} {shortName} trong dữ liệu, nên không trích được.";
    public override string ClauseHeading(int article, int clause, string shortName) =>
        $"Khoản {clause} Điều {article} {shortName}:";
    public override string ClauseMissing(int article, int clause, string shortName, int clauseCount) => clauseCount > 0
        ? $"Điều {article} {shortName} chỉ có {clauseCount} khoản, không có khoản {clause}."
        : $"Điều {article} {shortName} không chia thành các khoản.";
    public override string ArticleMissing(int article, string shortName, int lastArticle) => lastArticle > 0
        ? $"{shortName} không có Điều {article}: điều cuối cùng của văn bản này là Điều {lastArticle}. Bạn hỏi một điều từ "
          + $"Điều 1 đến Điều {lastArticle}, hoặc hỏi bằng lời của mình nhé."
        : $"Mình không tìm thấy Điều {article} trong {shortName}.";
    public override string NoOfficialText(string shortName) =>
        $"Mình không có toàn văn {shortName}, nên không trích nguyên văn hay dẫn mục nào của văn bản được; dưới đây là phần tóm tắt từ các nguồn mình đã ghi lại.";
    public override string ExplainHeading(int article, string shortName) => $"Nói rõ hơn về Điều {article} {shortName}:";
    public override string NoEarlierArticle =>
        "Mình chưa biết bạn đang nói tới điều luật nào. Bạn hỏi lại đầy đủ giúp mình nhé, ví dụ \"Điều 26 Luật Trẻ em\".";
    public override string NoSummary(int article, string shortName) =>
        $"Mình không tự viết tóm tắt, vì mọi câu mình nói đều lấy từ nội dung đã soạn và kiểm tra sẵn; câu trả lời ở trên đã là "
        + $"bản ngắn gọn nhất mình có về Điều {article} {shortName}. Bạn có thể xem phần giải thích, đọc nguyên văn, hoặc kể "
        + "tình huống cụ thể của mình để mình tìm quy định phù hợp.";
    public override string ExamplesLead(int article, string shortName) =>
        $"Mình không có ví dụ soạn riêng cho Điều {article} {shortName}. Đây là những tình huống cụ thể có dựa vào điều này; "
        + "bấm vào một câu để xem trả lời:";
    public override string NoExamples(int article, string shortName) =>
        $"Mình không có ví dụ cho Điều {article} {shortName}, và mình không tự đặt ra ví dụ. Bạn có thể kể tình huống cụ "
        + "thể của mình để mình tìm quy định phù hợp, hoặc gọi 111 (miễn phí, 24/7) để được tư vấn.";
    public override string ActionExplain => "Nói rõ hơn";
    public override string OfficialTextQuote => "Văn bản quy định:";

    public override string LowConfidence(Audience? role) => role == Audience.Child
        ? "Mình chưa hiểu rõ câu em hỏi. Em chọn một câu bên dưới, hoặc hỏi lại bằng lời khác nhé. Nếu em cần người "
          + "giúp ngay, em gọi 111, không mất tiền, cả ngày lẫn đêm."
        : "Mình chưa chắc đã hiểu đúng câu hỏi nên không muốn trả lời đoán. Có phải bạn muốn hỏi một trong các chủ đề "
          + "gần nhất dưới đây? Bạn cũng có thể hỏi lại bằng cách khác. Cần tư vấn ngay thì gọi 111 (miễn phí, 24/7).";

    public override string ClosestTopics => "Chủ đề gần nhất:";

    public override string HarmQuestionLeadIn(Audience? role) => role == Audience.Child
        ? "Em nhắc tới chuyện bị làm hại, nên trước hết đây là những người em có thể tìm đến. Nếu em muốn hỏi điều khác, "
          + "em hỏi lại bằng lời khác nhé."
        : "Câu hỏi nói tới việc trẻ em bị hại, nên trước hết đây là cách báo tin và tìm giúp đỡ. Nếu bạn muốn hỏi điều "
          + "khác, hãy hỏi lại bằng lời khác nhé.";
    public override string NoAnswer(Audience? role) => role == Audience.Child
        ? "Chuyện này mình chưa trả lời được, vì mình chỉ biết về quyền của trẻ em và cách giữ an toàn. Nhưng nếu em đang "
          + "mệt, buồn hay lo, em cứ kể với một người lớn em tin, hoặc gọi 111: ở đó có người lắng nghe cả những chuyện như "
          + "thế, không mất tiền, cả ngày lẫn đêm. Em gõ \"trợ giúp\" để xem mình giúp được gì nhé."
        : "Mình chưa có thông tin để trả lời câu này, nên không đoán. Mình chỉ trả lời về quyền trẻ em và bảo vệ trẻ em "
          + "theo pháp luật Việt Nam. Gõ \"trợ giúp\" để xem mình giúp được gì, hoặc gọi 111 (miễn phí, 24/7) để được "
          + "tư vấn.";

    public override string ContentInVietnamese => string.Empty;

    public override string MinistryReorganisationNote =>
        "Lưu ý: từ 01/03/2025, lĩnh vực trẻ em của Bộ Lao động - Thương binh và Xã hội đã chuyển sang Bộ Y tế "
        + "(Nghị định 42/2025/NĐ-CP). Ở địa phương, cơ quan nhận việc này có thể khác nhau giữa các tỉnh (ở TP Hồ Chí Minh "
        + "là Sở Y tế); để biết nơi nào đang phụ trách, hãy hỏi Ủy ban nhân dân xã/phường hoặc gọi 111.";

    public override string DistrictReorganisationNote =>
        "Lưu ý: từ 01/07/2025 không còn cấp huyện; việc trước đây của Ủy ban nhân dân cấp huyện nay do cấp xã hoặc cấp "
        + "tỉnh đảm nhận.";

    public override string LongMessage(int limit) =>
        $"Tin nhắn của bạn khá dài, nên mình trả lời phần đầu ({limit:N0} ký tự đầu tiên). Nếu còn câu hỏi khác, bạn "
        + "gửi riêng từng câu giúp mình nhé.";

    public override string AttachmentNotSupported(Audience? role) => role == Audience.Child
        ? "Mình chỉ đọc được chữ thôi, chưa xem được ảnh, hình dán hay tin nhắn thoại. Em gõ chữ cho mình nhé. Nếu em "
          + "cần người giúp ngay, em gọi 111, không mất tiền, cả ngày lẫn đêm."
        : "Mình chỉ đọc được tin nhắn chữ, chưa xem được ảnh, tệp, hình dán hay tin nhắn thoại. Bạn gõ câu hỏi giúp mình "
          + "nhé. Cần giúp gấp: gọi 111 (miễn phí, 24/7).";

    public override string RateLimited(Audience? role) => role == Audience.Child
        ? "Em nhắn nhanh quá, mình cần vài giây để đọc kịp. Em chờ một chút rồi nhắn tiếp nhé. Nếu em cần giúp ngay, gọi 111."
        : "Bạn gửi nhanh quá, mình cần vài giây để theo kịp. Bạn chờ một chút rồi gửi tiếp nhé. Cần giúp gấp: gọi 111 "
          + "(miễn phí, 24/7).";

    public override string TurnError =>
        "Xin lỗi, mình vừa gặp lỗi và chưa trả lời được. Bạn thử gửi lại sau ít phút nhé. Nếu cần giúp gấp, hãy gọi 111 "
        + "(miễn phí, 24/7); nguy hiểm ngay lúc này: 113 hoặc 115.";

    public override string SafetyTitle(Reporter reporter) => reporter == Reporter.Adult
        ? "Cảm ơn bạn đã lên tiếng. Hãy báo ngay."
        : "Em không có lỗi. Có người giúp em được.";

    public override string SafetyForChild(DisclosureLevel level, DisclosureCategory category, bool caseOpened)
    {
        var now = category == DisclosureCategory.SelfHarm
            ? "Nếu em đã làm mình bị thương hoặc đã uống thuốc, hãy gọi ngay 115 (cấp cứu) hoặc nhờ người lớn gần nhất gọi giúp."
            : "Nếu em đang gặp nguy hiểm ngay lúc này, hãy gọi ngay 113 (công an) hoặc 115 (cấp cứu), và đến chỗ có người lớn em tin tưởng.";
        var opening = category == DisclosureCategory.SelfHarm
            ? "Cảm ơn em đã nói cho mình biết. Mình tin em. Cảm thấy như vậy không phải lỗi của em, và em không phải chịu một mình."
            : "Cảm ơn em đã kể cho mình. Mình tin em. Chuyện này không phải lỗi của em.";
        var hotline = "Em hãy gọi 111 — Tổng đài quốc gia bảo vệ trẻ em. Gọi 111 không mất tiền, cả ngày lẫn đêm (24/7) "
                      + "đều có người nghe và giúp em.";
        var next = caseOpened
            ? "Mình đã báo cho tư vấn viên của Tổng đài 111. Họ có thể nhắn cho em ngay tại đây."
            : "Mình là chương trình máy tính nên không tự gọi ai được. Tư vấn viên ở số 111 thì giúp em được ngay.";
        const string privacy = "Mình không chia sẻ những gì em kể ở đây với gia đình em.";
        return level == DisclosureLevel.Emergency
            ? string.Join("\n\n", now, opening, hotline, next, privacy)
            : string.Join("\n\n", opening, hotline, now, next, privacy);
    }

    public override string SafetyForAdult(DisclosureLevel level, bool caseOpened, string? reportingCitations)
    {
        if (level == DisclosureLevel.Emergency)
        {
            // Life in danger now: the numbers first and without conditions; the law can wait.
            return "Hãy gọi ngay 115 (cấp cứu) nếu trẻ bị thương, khó thở hoặc bất tỉnh, và 113 (công an) nếu trẻ đang bị tấn "
                   + "công, đe dọa hoặc bị đưa đi. Gọi ngay bây giờ, đừng chờ.\n\n"
                   + "Trong lúc chờ: ở bên trẻ, giữ trẻ tránh xa người gây hại nếu làm được mà không nguy hiểm cho bạn, và làm "
                   + "theo hướng dẫn của nhân viên 115 qua điện thoại.\n\n"
                   + "Khi trẻ đã được cấp cứu hoặc đã an toàn, hãy gọi 111 — Tổng đài điện thoại quốc gia bảo vệ trẻ em (miễn "
                   + "phí, 24/7) để được hướng dẫn các bước tiếp theo.\n\n"
                   + (caseOpened
                       ? "Mình đã báo cho tư vấn viên của Tổng đài 111; họ có thể nhắn cho bạn tại đây."
                       : "Mình là chương trình máy tính nên không tự gọi cấp cứu thay bạn được.");
        }
        var steps = new List<string>
        {
            "1. Nếu trẻ đang gặp nguy hiểm ngay lúc này: gọi 113 (công an) hoặc 115 (cấp cứu).",
            "2. Gọi 111 — Tổng đài điện thoại quốc gia bảo vệ trẻ em (miễn phí, 24/7) để báo và được hướng dẫn.",
            "3. Người phát hiện trẻ bị xâm hại hoặc có nguy cơ bị xâm hại phải báo ngay cho Tổng đài 111, cơ quan công an "
            + "hoặc Ủy ban nhân dân xã/phường nơi xảy ra việc. Khi trẻ đang bị tổn hại nghiêm trọng, cơ quan có thẩm quyền "
            + "phải có biện pháp can thiệp khẩn cấp trong vòng 12 giờ."
            + (string.IsNullOrEmpty(reportingCitations) ? string.Empty : $" ({reportingCitations})"),
            "4. Ở bên trẻ và giữ trẻ an toàn. Đừng hỏi dồn hay bắt trẻ kể lại nhiều lần; để người có chuyên môn hỏi.",
        };
        var next = caseOpened
            ? "Mình đã báo cho tư vấn viên của Tổng đài 111; họ có thể nhắn cho bạn tại đây."
            : "Mình là chương trình máy tính nên không tự báo thay bạn được; hãy gọi 111.";
        return "Cảm ơn bạn đã lên tiếng vì trẻ. Báo ngay là việc đúng và cần thiết.\n\n"
               + string.Join("\n", steps) + "\n\n" + next
               + " Những gì bạn kể ở đây không được chia sẻ với gia đình trẻ.";
    }

    public override string SafetyTitleAdultEmergency => "Gọi ngay 115 (cấp cứu) hoặc 113 (công an).";
    public override string SafetyTitleChildWitness => "Em đã làm đúng khi kể.";

    public override string SafetyForChildWitness(DisclosureLevel level, DisclosureCategory category, bool caseOpened)
    {
        var parts = new List<string>
        {
            "Em đã làm đúng khi kể ra. Em không phải tự mình lo chuyện này.",
            "Hãy kể ngay với một người lớn em tin: bố mẹ, thầy cô hoặc người thân. Kể cả khi bạn dặn em giữ bí mật, kể cho "
            + "người lớn là để giúp bạn, không phải phản bội bạn.",
        };
        if (category == DisclosureCategory.SelfHarm)
            parts.Add("Nếu bạn em nói muốn chết, muốn biến mất hay tự làm đau mình, đừng giữ chuyện đó một mình: hãy báo cho "
                      + "người lớn ngay hôm nay, và ở gần bạn nếu em làm được.");
        parts.Add("Em cũng có thể gọi 111 — Tổng đài quốc gia bảo vệ trẻ em, không mất tiền, cả ngày lẫn đêm — để kể về bạn "
                  + "và hỏi em nên làm gì.");
        const string now = "Nếu bạn em đang gặp nguy hiểm ngay lúc này, hãy báo người lớn gần nhất hoặc gọi 113 (công an), "
                           + "115 (cấp cứu).";
        if (level == DisclosureLevel.Emergency) parts.Insert(0, now);
        else parts.Add(now);
        parts.Add(caseOpened
            ? "Mình đã báo cho tư vấn viên của Tổng đài 111. Họ có thể nhắn cho em ngay tại đây."
            : "Mình là chương trình máy tính nên không tự gọi ai được; người lớn em tin và số 111 thì giúp được.");
        return string.Join("\n\n", parts);
    }

    public override string SafetyFollowUp(bool toChild, string? reportingCitation) => toChild
        ? "Mình vẫn ở đây với em. Em không cần chờ ai cho phép: em có thể gọi 111 bất cứ lúc nào, không mất tiền, cả ngày lẫn "
          + "đêm, và kể với một người lớn em tin (bố hoặc mẹ, thầy cô, người thân). Nếu em không có điện thoại, hãy nhờ thầy "
          + "cô, hàng xóm hoặc một người lớn em tin gọi giúp. Nếu em đang gặp nguy hiểm ngay lúc này, hãy đến chỗ đông người "
          + "và gọi 113 (hoặc 115 nếu em bị thương).\n\n"
          + "Kể ra là việc đúng, và chuyện xảy ra không phải lỗi của em. Người ở 111 lắng nghe, khuyên em và báo cho những "
          + "người có thể bảo vệ em; em có thể hỏi họ chuyện gì sẽ xảy ra tiếp theo. Nếu bây giờ em chưa muốn kể thêm cũng "
          + "không sao: lúc nào em sẵn sàng, mình và 111 vẫn ở đây."
        : "Đừng chờ thêm: hãy báo ngay cho Tổng đài 111 (miễn phí, 24/7), công an hoặc Ủy ban nhân dân xã/phường nơi xảy ra "
          + "việc. "
          + (reportingCitation is null
              ? string.Empty
              : $"Người phát hiện trẻ bị xâm hại hoặc có nguy cơ bị xâm hại phải thông báo ngay ({reportingCitation}). ")
          + "Bạn không cần có bằng chứng chắc chắn; việc xác minh là của cơ quan chức năng. Đừng tự đến đối chất với người bị "
          + "nghi ngờ hay hỏi dồn trẻ: việc đó có thể làm trẻ gặp nguy hiểm hơn. Nếu trẻ đang gặp nguy hiểm ngay lúc này, gọi "
          + "113 (công an) hoặc 115 (cấp cứu).";

    public override string SafetyFollowUpAgain(bool toChild) => toChild
        ? "Mình vẫn ở đây. Em có thể gọi 111 bất cứ lúc nào, không mất tiền, hoặc nhờ một người lớn em tin gọi giúp; nếu đang "
          + "nguy hiểm thì gọi 113. Em muốn kể hay hỏi gì thêm thì cứ nhắn cho mình."
        : "Hãy báo ngay cho Tổng đài 111 (miễn phí, 24/7), công an hoặc Ủy ban nhân dân xã/phường; nếu trẻ đang gặp nguy hiểm "
          + "thì gọi 113 hoặc 115. Không có điện thoại thì nhờ người bên cạnh gọi giúp, hoặc đến thẳng công an hay Ủy ban "
          + "nhân dân xã/phường gần nhất.";

    public override string SafetyReminder =>
        "Về chuyện bạn vừa kể: nếu chưa báo, hãy gọi ngay 111 (miễn phí, 24/7); nếu trẻ đang gặp nguy hiểm, gọi 113 hoặc "
        + "115. Còn câu bạn vừa hỏi, mình trả lời bên dưới.";

    public override string CallAction(string number) => $"Gọi {number}";
    public override string ChoiceConnectCounsellor => "Kết nối với tư vấn viên";
    public override string ChoiceSafeNow => "Em đang an toàn";
    public override string ChoiceAskMore(Reporter reporter) => reporter == Reporter.Adult ? "Tôi muốn hỏi thêm" : "Em muốn hỏi thêm";

    public override string ConcernLine(Audience? role) => role == Audience.Child
        ? "Nếu có chuyện gì làm em buồn hay sợ, em có thể nói với mình, hoặc gọi 111 — không mất tiền, cả ngày lẫn đêm."
        : "Nếu có trẻ nào đang gặp chuyện không ổn, bạn có thể gọi 111 (miễn phí, 24/7) để được tư vấn.";

    public override string CounsellorNotConnected(Audience? role) => role == Audience.Child
        ? "Ở đây mình chưa nối máy trực tiếp được. Em gọi 111 nhé: không mất tiền, cả ngày lẫn đêm, có cô chú tư vấn viên "
          + "nghe em nói. Nếu em đang gặp nguy hiểm ngay, gọi 113 hoặc 115."
        : "Ở đây mình chưa nối máy trực tiếp được. Bạn gọi 111 (miễn phí, 24/7) để nói chuyện với tư vấn viên. Nguy hiểm "
          + "ngay lúc này: gọi 113 hoặc 115.";

    public override string SafeNowReply =>
        "Mình mừng vì em đang an toàn. Bất cứ lúc nào em cần, số 111 luôn có người nghe máy, không mất tiền. Em có thể "
        + "nhắn tiếp cho mình nếu muốn.";

    public override string AskMoreReply(Audience? role) => role == Audience.Child
        ? "Em cứ hỏi nhé. Mình sẽ trả lời bằng lời dễ hiểu."
        : "Bạn cứ hỏi tiếp nhé.";
}
