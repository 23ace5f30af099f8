using System.Text.RegularExpressions;
using ActionMonth.Bot.Conversation.Understanding;

namespace ActionMonth.Bot.Escalation.Handoff;

/// <summary>
/// Recognises a user saying they do not want a counsellor ("thôi, không cần tư vấn viên", "em không muốn nói chuyện
/// với tư vấn viên nữa", "I don't need a counsellor"). Only a short message that is that and nothing else: "em không
/// muốn tư vấn viên nói với bố mẹ" is a worry to relay, not a decline, and must not stop the relay.
/// </summary>
public static partial class CounsellorDeclineRecognizer
{
    private const int MaxLength = 80;

    public static bool IsDecline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return false;
        var key = TextKey.Of(text);
        return Vietnamese().IsMatch(key) || English().IsMatch(key);
    }

    // Folded keys (TextKey): no diacritics, no punctuation, single spaces.
    [GeneratedRegex(@"^(?:(?:thoi|da|vang|ok|oke|um|uhm|khong|ko|k|cam on|thanks) )*(?:em |toi |minh |chau |con )?(?:khong|ko|k|hong|hok|cha) "
                    + @"(?:can|muon) (?:noi chuyen (?:voi|cung) |gap |lien lac (?:voi )?|chuyen (?:cho|toi) |gui (?:cho|toi) )?(?:nguoi |co |chu |anh |chi )?"
                    + @"tu van(?: vien)?(?: (?:nua|dau|a|nhe|nha|roi|ca|cam on|dau a))*$", RegexOptions.CultureInvariant)]
    private static partial Regex Vietnamese();

    [GeneratedRegex(@"^(?:(?:no|ok|okay|thanks|thank you) )*(?:i )?(?:dont|don'?t|don t|do not) (?:need|want) (?:a |any |to talk to a |to talk to any )?"
                    + @"(?:counsell?or|human|person)s?(?: (?:now|anymore|thanks|thank you))*$", RegexOptions.CultureInvariant)]
    private static partial Regex English();
}
