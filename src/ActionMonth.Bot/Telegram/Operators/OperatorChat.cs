using System.Globalization;
using ActionMonth.Bot.Escalation;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>The operators' chat id from Escalation:Telegram:OperatorChatId (groups are negative, e.g. -1001234567890).</summary>
public static class OperatorChat
{
    public static long? IdOf(EscalationOptions options) =>
        long.TryParse(options.Telegram.OperatorChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
}
