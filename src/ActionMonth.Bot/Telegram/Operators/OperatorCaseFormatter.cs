using System.Globalization;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Telegram.Storage;
using ActionMonth.Knowledge.Safety;
using Telegram.Bot.Extensions;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>
/// The messages of the operators' chat, in Vietnamese: the case card (level, category, channel, time in Vietnam,
/// case id, status and who claimed it) and the thread replies under it (what the user wrote, reminders). User text
/// is escaped and quoted, and only ever comes from the notification, which the escalation flow fills for this chat.
/// </summary>
public static class OperatorCaseFormatter
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static string Case(OperatorCaseMessage c, string? actorHtml = null)
    {
        var emergency = c.Level.Equals(nameof(DisclosureLevel.Emergency), StringComparison.OrdinalIgnoreCase);
        var lines = new List<string>
        {
            emergency ? "🚨 <b>CA KHẨN CẤP – nguy hiểm ngay lúc này</b>" : "⚠️ <b>CA CẦN XỬ LÝ GẤP</b>",
            $"Mã ca: <code>{HtmlText.Escape(c.CaseId)}</code>",
            $"Mức độ: {HtmlText.Escape(LevelLabel(c.Level))}",
            $"Loại: {HtmlText.Escape(CategoryLabel(c.Category))}",
            $"Kênh: {HtmlText.Escape(c.Channel)}",
            $"Lúc: {c.CreatedAt.ToOffset(VietnamOffset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture)} (giờ Việt Nam)",
            "Trạng thái: " + StatusLine(c.Status, actorHtml),
        };
        if (!IsClosed(c.Status)) lines.Add("<i>Trả lời (reply) tin nhắn này để nhắn cho người dùng.</i>");
        return string.Join("\n", lines);
    }

    public static string UserMessage(string caseId, string text) =>
        $"💬 Người dùng (ca <code>{HtmlText.Escape(caseId)}</code>):\n«{HtmlText.Escape(text.Trim())}»";

    /// <summary>A graver disclosure in an open case: the case's level now, every category told, and what the user
    /// wrote when the notification carries it.</summary>
    public static string Escalated(string caseId, string level, IReadOnlyList<string> categories, string? text)
    {
        var emergency = level.Equals(nameof(DisclosureLevel.Emergency), StringComparison.OrdinalIgnoreCase);
        var lines = new List<string>
        {
            (emergency ? "🚨 <b>CA NÂNG MỨC – nguy hiểm ngay lúc này</b>" : "⚠️ <b>CA NÂNG MỨC</b>") + $" (ca <code>{HtmlText.Escape(caseId)}</code>)",
            $"Mức độ: {HtmlText.Escape(LevelLabel(level))}",
            $"Các loại: {HtmlText.Escape(string.Join("; ", categories.Select(CategoryLabel)))}",
        };
        if (!string.IsNullOrWhiteSpace(text)) lines.Add($"«{HtmlText.Escape(text.Trim())}»");
        return string.Join("\n", lines);
    }

    public static string Declined(string caseId, string? text) =>
        $"🙅 Người dùng cho biết không cần tư vấn viên (ca <code>{HtmlText.Escape(caseId)}</code>). Tin nhắn sau đó không được chuyển "
        + "vào ca này nữa cho tới khi có người nhận ca; ca vẫn mở để tư vấn viên xem và đóng."
        + (string.IsNullOrWhiteSpace(text) ? string.Empty : $"\n«{HtmlText.Escape(text.Trim())}»");

    public static string ClaimTimedOut(string caseId) =>
        $"⏰ Ca <code>{HtmlText.Escape(caseId)}</code> chưa có ai nhận. Người dùng đã được nhắc lại số 111. Hãy bấm «Nhận ca».";

    /// <summary>A mention of an operator by Telegram id, labelled with the name Telegram gave us in this update
    /// (shown in the operators' chat only; never stored or logged).</summary>
    public static string Operator(long userId, string? firstName) =>
        $"<a href=\"tg://user?id={userId.ToString(CultureInfo.InvariantCulture)}\">{HtmlText.Escape(string.IsNullOrWhiteSpace(firstName) ? "tư vấn viên" : firstName)}</a>";

    public static bool IsClosed(string status) => status.Equals(nameof(CaseStatus.Closed), StringComparison.OrdinalIgnoreCase);

    public static bool IsClaimed(string status) => status.Equals(nameof(CaseStatus.Claimed), StringComparison.OrdinalIgnoreCase);

    private static string StatusLine(string status, string? actorHtml) => status switch
    {
        _ when IsClaimed(status) => "🙋 Đã có người nhận" + (actorHtml is null ? string.Empty : ": " + actorHtml),
        _ when IsClosed(status) => "✅ Đã đóng" + (actorHtml is null ? string.Empty : " bởi " + actorHtml),
        _ when status.Equals(nameof(CaseStatus.Expired), StringComparison.OrdinalIgnoreCase) =>
            "⌛ Hết hạn: không ai nhận; tin nhắn mới của người dùng không còn vào ca này (vẫn nhận hoặc đóng được)",
        _ => "⏳ Chờ tư vấn viên nhận",
    };

    private static string LevelLabel(string level) => level.ToLowerInvariant() switch
    {
        "emergency" => "khẩn cấp (emergency)",
        "urgent" => "gấp (urgent)",
        "concern" => "đáng lo ngại (concern)",
        _ => level,
    };

    public static string CategoryLabel(string category) => category.ToLowerInvariant() switch
    {
        "physicalviolence" => "bạo lực thể chất",
        "sexualabuse" => "xâm hại tình dục",
        "onlinesexualexploitation" => "bóc lột, tống tiền tình dục trên mạng",
        "selfharm" => "tự hại, ý định tự tử",
        "trafficking" => "mua bán, bắt cóc trẻ em",
        "neglect" => "bỏ mặc, bỏ rơi",
        "exploitativelabour" => "bóc lột lao động, ép ăn xin",
        "childmarriage" => "tảo hôn",
        "missingchild" => "trẻ mất tích, đi lạc",
        "bullyingwithdanger" => "bắt nạt nguy hiểm",
        "otherdanger" => "nguy hiểm khác",
        _ => category,
    } + $" ({category})";
}
