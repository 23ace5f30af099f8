namespace ActionMonth.Bot.Telegram.Outbound;

/// <summary>The callback_data of our inline buttons: "b:" and a stored button id (18 bytes, within Telegram's 64).</summary>
public static class CallbackData
{
    private const string Prefix = "b:";

    public static string For(string buttonId) => Prefix + buttonId;

    public static string? ButtonId(string? data) =>
        data is not null && data.StartsWith(Prefix, StringComparison.Ordinal) && data.Length > Prefix.Length ? data[Prefix.Length..] : null;
}
