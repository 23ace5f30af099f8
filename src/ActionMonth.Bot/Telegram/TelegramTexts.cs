namespace ActionMonth.Bot.Telegram;

/// <summary>The few words the Telegram channel says itself (the bot's replies come from the bot): the command menu,
/// button notices, and the operators' chat, which hotline staff read in Vietnamese.</summary>
public static class TelegramTexts
{
    /// <summary>The "/" menu. A bare "help" or "/help" is a concern to the disclosure detector (someone alone may be
    /// asking for help, not for the menu), so /help answers with one line about 111 and then the menu, and opens no
    /// case; "help me", "cứu em với" and the like are urgent. /menu does the same without the 111 line.</summary>
    public static readonly (string Command, string Description)[] Commands =
    [
        ("start", "Bắt đầu, chọn bạn là phụ huynh, giáo viên hay trẻ em"),
        ("help", "Mình giúp được gì và cách hỏi"),
        ("hotline", "Các số khẩn cấp: 111 bảo vệ trẻ em, 113, 114, 115"),
        ("restart", "Bắt đầu lại cuộc trò chuyện"),
    ];

    public const string ButtonExpired = "Nút này đã cũ. Bạn gõ lại câu hỏi giúp mình nhé. Cần giúp gấp: gọi 111.";

    public const string OperatorsOnly = "Chỉ tư vấn viên trong nhóm trực mới xử lý được ca này.";
    public const string OperationsUnavailable = "Hệ thống xử lý ca chưa bật, chưa thao tác được.";
    public const string CaseNotFound = "Không tìm thấy ca này.";
    public const string CaseClaimedByAnother = "Ca này đã có tư vấn viên khác nhận.";
    public const string CaseAlreadyClosed = "Ca này đã đóng.";
    public const string CaseNotClaimed = "Hãy bấm «Nhận ca» trước khi trả lời hoặc đóng ca.";
    public const string Claimed = "Bạn đã nhận ca. Trả lời (reply) tin nhắn này để nhắn cho người dùng.";
    public const string ClosedDone = "Đã đóng ca.";
    public const string RelayDone = "✅ Đã gửi tới người dùng.";
    public const string RelayTextOnly = "Chỉ gửi được tin nhắn chữ tới người dùng.";
    public const string ActionFailed = "Chưa thực hiện được, vui lòng thử lại.";

    public const string ClaimButton = "🙋 Nhận ca";
    public const string CloseButton = "✅ Đóng ca";
}
