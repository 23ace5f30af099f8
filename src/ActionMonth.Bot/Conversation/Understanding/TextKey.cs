using System.Text;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>The form of a short message that commands and follow-ups are matched on: diacritics folded, lower
/// case, punctuation gone, polite particles at either end dropped ("Cảm ơn bạn nhé!" → "cam on ban"), Telegram's
/// "/cmd@botname" reduced to "/cmd". Emoji are kept, so 👍 stays 👍.</summary>
public static class TextKey
{
    private static readonly string[] Trailing = ["a", "di", "nhe", "nha", "nhen", "ha", "oi", "ban oi", "bot oi", "please", "pls"];
    private static readonly string[] Leading = ["ban oi", "bot oi", "oi", "alo", "da", "please"];

    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var folded = VietnameseText.Fold(text.Trim());
        var sb = new StringBuilder(folded.Length);
        var slashCommand = folded.StartsWith('/');
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (slashCommand && c == '@')
            {
                // "/start@ActionMonthBot" → "/start": skip the bot name up to the next space.
                while (i + 1 < folded.Length && !char.IsWhiteSpace(folded[i + 1])) i++;
                continue;
            }
            if (char.IsLetterOrDigit(c) || c == '/' || c == '\'' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol)
                sb.Append(c);
            else sb.Append(' ');
        }
        var key = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return Trim(key);
    }

    private static string Trim(string key)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var particle in Trailing)
            {
                if (key.Length > particle.Length && key.EndsWith(" " + particle, StringComparison.Ordinal))
                {
                    key = key[..^(particle.Length + 1)];
                    changed = true;
                }
            }
            foreach (var particle in Leading)
            {
                if (key.Length > particle.Length && key.StartsWith(particle + " ", StringComparison.Ordinal))
                {
                    key = key[(particle.Length + 1)..];
                    changed = true;
                }
            }
        }
        while (changed);
        return key;
    }
}
