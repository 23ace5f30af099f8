using System.Globalization;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Safety;
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

    /// <summary>The case card. With <paramref name="state"/> (the case as it is now) it shows the current level (and
    /// the level the card was first posted with, when it rose), every category told, and the status including a
    /// decline and a claim timeout; <c>c.Status</c> should then be <see cref="CardStatus"/> of it.</summary>
    public static string Case(OperatorCaseMessage c, CaseState? state = null, string? actorHtml = null)
    {
        var level = state is null ? c.Level : EscalationEntity.LevelName(state.Level);
        var emergency = level.Equals(nameof(DisclosureLevel.Emergency), StringComparison.OrdinalIgnoreCase);
        var raised = !level.Equals(c.Level, StringComparison.OrdinalIgnoreCase);
        var categories = state is null ? [c.Category] : state.Categories.Select(EscalationEntity.CategoryName).ToList();
        var lines = new List<string>
        {
            emergency ? "🚨 <b>CA KHẨN CẤP – nguy hiểm ngay lúc này</b>" : "⚠️ <b>CA CẦN XỬ LÝ GẤP</b>",
            $"Mã ca: <code>{HtmlText.Escape(c.CaseId)}</code>",
            $"Mức độ: {HtmlText.Escape(LevelLabel(level))}" + (raised ? $" ⬆ (lúc đầu: {HtmlText.Escape(LevelLabel(c.Level))})" : string.Empty),
            (categories.Count > 1 ? "Các loại: " : "Loại: ") + HtmlText.Escape(string.Join("; ", categories.Select(CategoryLabel))),
            $"Kênh: {HtmlText.Escape(c.Channel)}",
            $"Lúc: {VietnamTime(c.CreatedAt)} (giờ Việt Nam)",
            "Trạng thái: " + StatusLine(c.Status, actorHtml, state),
        };
        if (!IsClosed(c.Status)) lines.Add("<i>Trả lời (reply) tin nhắn này để nhắn cho người dùng.</i>");
        return string.Join("\n", lines);
    }

    /// <summary>What the card shows as its status, stored with the card so a later notification knows whether the
    /// card must be redrawn: the case's status, except that an unclaimed case the user declined shows Declined and
    /// one past the claim timeout shows TimedOut.</summary>
    public static string CardStatus(CaseState state) => state.Status switch
    {
        CaseStatus.New or CaseStatus.Notified when state.DeclinedAt is not null => DeclinedStatus,
        CaseStatus.New or CaseStatus.Notified when state.ClaimTimedOutAt is not null => TimedOutStatus,
        CaseStatus.Notified => nameof(CaseStatus.New),
        var status => status.ToString(),
    };

    private const string DeclinedStatus = "Declined";
    private const string TimedOutStatus = "TimedOut";

    /// <summary>A few lines of several user messages relayed together (a flood held back by the relay window): as
    /// many texts as fit in about <paramref name="budget"/> characters, then how many more there are and where to read
    /// them.</summary>
    public static string UserMessages(string caseId, IReadOnlyList<string> texts, int total, int budget = 3000)
    {
        var lines = new List<string> { $"💬 Người dùng gửi {total} tin nhắn liền nhau (ca <code>{HtmlText.Escape(caseId)}</code>):" };
        var used = 0;
        var shown = 0;
        foreach (var text in texts)
        {
            // Counted and cut before escaping, so an entity is never split.
            var plain = text.Trim();
            if (shown > 0 && used + plain.Length > budget) break;
            plain = EscalationService.Shorten(plain, Math.Max(1, budget - used));
            lines.Add($"«{HtmlText.Escape(plain)}»");
            used += plain.Length;
            shown++;
        }
        if (shown < total)
        {
            lines.Add($"… +{total - shown} tin nhắn nữa: xem đủ qua API <code>GET /api/cases/{HtmlText.Escape(caseId)}?includeText=true</code>.");
        }
        return string.Join("\n", lines);
    }

    public static string UserMessage(string caseId, string text) =>
        $"💬 Người dùng (ca <code>{HtmlText.Escape(caseId)}</code>):\n{Quote(text)}";

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
        if (!string.IsNullOrWhiteSpace(text)) lines.Add(Quote(text));
        return string.Join("\n", lines);
    }

    public static string Declined(string caseId, string? text) =>
        $"🙅 Người dùng cho biết không cần tư vấn viên (ca <code>{HtmlText.Escape(caseId)}</code>). Tin nhắn sau đó không được chuyển "
        + "vào ca này nữa cho tới khi có người nhận ca; ca vẫn mở để tư vấn viên xem và đóng."
        + (string.IsNullOrWhiteSpace(text) ? string.Empty : "\n" + Quote(text));

    /// <summary>The user of a claimed case has waited for an answer: a nudge to whoever claimed it (a link for a
    /// Telegram operator) and to everyone else in the chat.</summary>
    public static string UserWaiting(string caseId, string? claimedBy)
    {
        var who = claimedBy is { } by && by.StartsWith("telegram:", StringComparison.Ordinal)
                  && long.TryParse(by["telegram:".Length..], CultureInfo.InvariantCulture, out var id)
            ? Operator(id, firstName: null)
            : claimedBy is null ? "tư vấn viên" : HtmlText.Escape(claimedBy);
        return $"⏳ Người dùng đang chờ trả lời (ca <code>{HtmlText.Escape(caseId)}</code>): {who} đã nhận ca nhưng chưa trả lời "
               + "tin nhắn mới của người dùng.";
    }

    public static string UserUnreachable(string caseId) =>
        $"📵 Chưa gửi được tin nhắn tới người dùng (ca <code>{HtmlText.Escape(caseId)}</code>) sau nhiều lần thử: có thể người dùng đã "
        + "chặn bot hoặc rời cuộc trò chuyện. Hệ thống vẫn tiếp tục thử; đừng coi là người dùng đã đọc được.";

    public static string ClaimTimedOut(string caseId) =>
        $"⏰ Ca <code>{HtmlText.Escape(caseId)}</code> chưa có ai nhận. Người dùng đã được nhắc lại số 111. Hãy bấm «Nhận ca».";

    /// <summary>A mention of an operator by Telegram id, labelled with the name Telegram gave us in this update
    /// (shown in the operators' chat only; never stored or logged).</summary>
    public static string Operator(long userId, string? firstName) =>
        $"<a href=\"tg://user?id={userId.ToString(CultureInfo.InvariantCulture)}\">{HtmlText.Escape(string.IsNullOrWhiteSpace(firstName) ? "tư vấn viên" : firstName)}</a>";

    public static bool IsClosed(string status) => status.Equals(nameof(CaseStatus.Closed), StringComparison.OrdinalIgnoreCase);

    public static bool IsClaimed(string status) => status.Equals(nameof(CaseStatus.Claimed), StringComparison.OrdinalIgnoreCase);

    private static string StatusLine(string status, string? actorHtml, CaseState? state) => status switch
    {
        _ when IsClaimed(status) => "🙋 Đã có người nhận" + (actorHtml is null ? string.Empty : ": " + actorHtml),
        _ when IsClosed(status) => "✅ Đã đóng" + (actorHtml is null ? string.Empty : " bởi " + actorHtml),
        _ when status.Equals(nameof(CaseStatus.Expired), StringComparison.OrdinalIgnoreCase) =>
            "⌛ Hết hạn: không ai nhận và người dùng im lặng quá lâu; tin nhắn mới của người dùng không còn vào ca này (vẫn nhận hoặc đóng được)",
        _ when status.Equals(DeclinedStatus, StringComparison.OrdinalIgnoreCase) =>
            "🙅 Người dùng nói không cần tư vấn viên" + (state?.DeclinedAt is { } at ? $" (lúc {VietnamTime(at)})" : string.Empty)
            + "; tin nhắn sau đó không được chuyển cho tới khi có người nhận ca",
        _ when status.Equals(TimedOutStatus, StringComparison.OrdinalIgnoreCase) =>
            "⏰ Chờ nhận quá hạn: người dùng đã được nhắc gọi 111; vẫn cần người nhận ca",
        _ => "⏳ Chờ tư vấn viên nhận",
    };

    /// <summary>The most of one user message quoted in the chat: with the lines around it, a message stays under
    /// Telegram's 4,096 characters, which a graver disclosure of Escalation:MessageMaxLength (4,000) would pass, and a
    /// message Telegram refuses would hold every later one of its case back. The whole text stays in the case.</summary>
    public const int QuoteMaxLength = 3500;

    private static string Quote(string text) =>
        $"«{HtmlText.Escape(EscalationService.Shorten(text.Trim(), QuoteMaxLength))}»";

    private static string VietnamTime(DateTimeOffset at) =>
        at.ToOffset(VietnamOffset).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

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
