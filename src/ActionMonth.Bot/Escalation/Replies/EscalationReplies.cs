using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Escalation.Replies;

/// <summary>
/// What the bot says to the user about their case, in the user's language and to a child or to an adult. Plain
/// and honest: what happened, that 111 is there (free, 24/7), and 113/115 when life is in danger now. No promises
/// beyond what the system does, no questions.
/// </summary>
public abstract class EscalationReplies
{
    public static EscalationReplies For(string? language) =>
        language == UiLanguages.English ? English.Instance : Vietnamese.Instance;

    public abstract string Locale { get; }

    /// <summary>A message of the user's that was passed to the counsellor who has claimed the case.</summary>
    public abstract string Forwarded(Reporter reporter);

    /// <summary>The short line before the bot's own answer, while the case waits for a counsellor: the message was
    /// also passed on.</summary>
    public abstract string AlsoForwarded(Reporter reporter);

    /// <summary>After the claim timeout: nobody is connected here; the message is kept for the case, but do not wait.</summary>
    public abstract string NoCounsellorConnected(Reporter reporter, DisclosureLevel level);

    /// <summary>The user asked for a counsellor while the case waits for one.</summary>
    public abstract string CounsellorRequested(Reporter reporter);

    /// <summary>The user said they need no counsellor: honoured.</summary>
    public abstract string Declined(Reporter reporter, DisclosureLevel level);

    /// <summary>A message that could not be passed on just now.</summary>
    public abstract string NotForwarded(Reporter reporter);

    public abstract string Claimed(Reporter reporter);

    /// <summary>The counsellor's words, marked as theirs.</summary>
    public abstract string FromCounsellor(string text);

    public abstract string ClaimTimedOut(Reporter reporter, DisclosureLevel level);

    public abstract string Closed(Reporter reporter, DisclosureLevel level);

    private sealed class Vietnamese : EscalationReplies
    {
        public static readonly Vietnamese Instance = new();

        public override string Locale => "vi-VN";

        public override string Forwarded(Reporter reporter) => reporter == Reporter.Adult
            ? "Tin nhắn của bạn đã được chuyển cho tư vấn viên đang phụ trách. Bạn vẫn có thể gọi 111 (miễn phí, 24/7)."
            : "Mình đã chuyển tin nhắn của em cho tư vấn viên đang nói chuyện với em. "
              + "Em vẫn có thể gọi 111 bất cứ lúc nào: không mất tiền, cả ngày lẫn đêm.";

        public override string AlsoForwarded(Reporter reporter) => reporter == Reporter.Adult
            ? "Mình cũng đã chuyển tin nhắn này cho tư vấn viên. Cần nói chuyện ngay: gọi 111 (miễn phí, 24/7)."
            : "Mình cũng đã chuyển tin nhắn này cho tư vấn viên. Cần nói chuyện ngay, em gọi 111 nhé: không mất tiền, cả ngày lẫn đêm.";

        public override string NoCounsellorConnected(Reporter reporter, DisclosureLevel level)
        {
            var text = reporter == Reporter.Adult
                ? "Lúc này chưa có tư vấn viên nào kết nối ở đây (tin nhắn vẫn được lưu vào hồ sơ để tư vấn viên xem sau). "
                  + "Đừng chờ: hãy gọi ngay 111 (miễn phí, 24/7)."
                : "Lúc này chưa có tư vấn viên nào ở đây với em (mình vẫn lưu tin nhắn để tư vấn viên xem sau). "
                  + "Em đừng chờ: hãy gọi ngay 111. Gọi 111 không mất tiền, cả ngày lẫn đêm đều có người nghe em.";
            return level == DisclosureLevel.Emergency ? text + " " + DangerNow(reporter) : text;
        }

        public override string CounsellorRequested(Reporter reporter) => reporter == Reporter.Adult
            ? "Mình đã chuyển lời đề nghị của bạn cho tư vấn viên. Khi có người nhận, họ sẽ nhắn cho bạn tại đây. "
              + "Cần nói chuyện ngay: gọi 111 (miễn phí, 24/7)."
            : "Mình đã báo tư vấn viên là em muốn nói chuyện. Khi có người nhận, họ sẽ nhắn cho em ngay tại đây. "
              + "Nếu em cần nói chuyện ngay, gọi 111 nhé: không mất tiền, cả ngày lẫn đêm.";

        public override string Declined(Reporter reporter, DisclosureLevel level)
        {
            var text = reporter == Reporter.Adult
                ? "Mình hiểu. Mình sẽ không chuyển tin nhắn của bạn cho tư vấn viên nữa; bạn cứ hỏi mình tiếp. "
                  + "Khi cần, bạn gọi 111 (miễn phí, 24/7)."
                : "Mình hiểu rồi. Mình sẽ không chuyển tin nhắn của em cho tư vấn viên nữa, em cứ hỏi mình tiếp nhé. "
                  + "Khi nào em cần, em gọi 111: không mất tiền, cả ngày lẫn đêm.";
            return level == DisclosureLevel.Emergency ? text + " " + DangerNow(reporter) : text;
        }

        public override string NotForwarded(Reporter reporter) => reporter == Reporter.Adult
            ? "Lúc này mình chưa chuyển được tin nhắn của bạn cho tư vấn viên. Bạn hãy gọi 111 (miễn phí, 24/7); "
              + "nguy hiểm ngay: gọi 113 hoặc 115."
            : "Lúc này mình chưa chuyển được tin nhắn của em cho tư vấn viên. Em hãy gọi 111: không mất tiền, cả ngày lẫn đêm. "
              + "Nếu em đang gặp nguy hiểm ngay, gọi 113 hoặc 115.";

        public override string Claimed(Reporter reporter) => reporter == Reporter.Adult
            ? "Một tư vấn viên đã nhận trường hợp này và sẽ nhắn cho bạn tại đây."
            : "Một tư vấn viên đã nhận trường hợp của em và sẽ nhắn cho em tại đây.";

        public override string FromCounsellor(string text) => "Tư vấn viên: " + text;

        public override string ClaimTimedOut(Reporter reporter, DisclosureLevel level)
        {
            var text = reporter == Reporter.Adult
                ? "Xin lỗi, chưa có tư vấn viên nào trả lời bạn ở đây. Đừng chờ: hãy gọi ngay 111 (miễn phí, 24/7)."
                : "Mình xin lỗi, chưa có tư vấn viên nào trả lời em ở đây. Em đừng chờ: hãy gọi ngay 111. "
                  + "Gọi 111 không mất tiền, cả ngày lẫn đêm đều có người nghe em.";
            return level == DisclosureLevel.Emergency ? text + " " + DangerNow(reporter) : text;
        }

        public override string Closed(Reporter reporter, DisclosureLevel level)
        {
            var text = reporter == Reporter.Adult
                ? "Cuộc trò chuyện với tư vấn viên đã kết thúc. Khi cần, bạn gọi 111 (miễn phí, 24/7)."
                : "Cuộc trò chuyện với tư vấn viên đã kết thúc. Khi nào em cần, em gọi 111 nhé: không mất tiền, cả ngày lẫn đêm. "
                  + "Em cũng có thể nhắn tiếp cho mình.";
            return text + " " + DangerNow(reporter);
        }

        private static string DangerNow(Reporter reporter) => reporter == Reporter.Adult
            ? "Nếu trẻ đang gặp nguy hiểm ngay lúc này: gọi 113 (công an) hoặc 115 (cấp cứu)."
            : "Nếu em đang gặp nguy hiểm ngay lúc này, gọi 113 (công an) hoặc 115 (cấp cứu).";
    }

    private sealed class English : EscalationReplies
    {
        public static readonly English Instance = new();

        public override string Locale => "en-US";

        public override string Forwarded(Reporter reporter) =>
            "Your message has been passed to the counsellor who is talking with you. You can still call 111 at any time (free, 24/7).";

        public override string AlsoForwarded(Reporter reporter) =>
            "I have also passed this message to a counsellor. If you need to talk now, call 111 (free, 24/7).";

        public override string NoCounsellorConnected(Reporter reporter, DisclosureLevel level)
        {
            const string text = "No counsellor is connected here right now (your messages are kept for a counsellor to read later). "
                                + "Please do not wait: call 111 now. It is free, and someone answers day and night.";
            return level == DisclosureLevel.Emergency ? text + " " + DangerNow : text;
        }

        public override string CounsellorRequested(Reporter reporter) =>
            "I have told the counsellors you would like to talk. When one takes your case, they will write to you here. "
            + "If you need to talk now, call 111 (free, 24/7).";

        public override string Declined(Reporter reporter, DisclosureLevel level)
        {
            const string text = "Understood. I will not pass your messages to a counsellor any more; you can keep asking me. "
                                + "Whenever you need to, call 111 (free, 24/7).";
            return level == DisclosureLevel.Emergency ? text + " " + DangerNow : text;
        }

        public override string NotForwarded(Reporter reporter) =>
            "Your message could not be passed to a counsellor just now. Please call 111 (free, 24/7); "
            + "if someone is in danger right now, call 113 or 115.";

        public override string Claimed(Reporter reporter) => reporter == Reporter.Adult
            ? "A counsellor has taken this case and will write to you here."
            : "A counsellor has taken your case and will write to you here.";

        public override string FromCounsellor(string text) => "Counsellor: " + text;

        public override string ClaimTimedOut(Reporter reporter, DisclosureLevel level)
        {
            const string text = "I am sorry: no counsellor has answered here yet. Please do not wait: call 111 now. "
                                + "It is free, and someone answers day and night.";
            return level == DisclosureLevel.Emergency ? text + " " + DangerNow : text;
        }

        public override string Closed(Reporter reporter, DisclosureLevel level) =>
            "The conversation with the counsellor has ended. Whenever you need to, call 111 (free, 24/7). " + DangerNow;

        private const string DangerNow = "If someone is in danger right now, call 113 (police) or 115 (ambulance).";
    }
}
