using System.Globalization;

namespace ActionMonth.Bot.Telegram.Options;

/// <summary>Escalation:Telegram: the chat where on-duty operators receive and act on cases (interfaces.md).</summary>
public sealed class OperatorChatOptions
{
    public const string Section = "Escalation:Telegram";

    /// <summary>A Telegram chat id (groups are negative, e.g. -1001234567890); empty: no operators' chat.</summary>
    public string OperatorChatId { get; set; } = string.Empty;

    public long? ChatId => long.TryParse(OperatorChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
}
