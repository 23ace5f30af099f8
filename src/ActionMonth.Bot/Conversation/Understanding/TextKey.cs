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

    // The key of the last text this thread asked about. One message's text is keyed by the command recognizer, the
    // follow-up recognizer and again for a contextual follow-up, back to back on one thread: the same string instance,
    // so a reference check finds it. The key depends on the text alone, so sharing it is never wrong, only a hit or not.
    [ThreadStatic] private static string? _lastText;
    [ThreadStatic] private static string? _lastKey;

    public static string Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        if (ReferenceEquals(text, _lastText) && _lastKey is { } known) return known;
        var key = Make(text);
        _lastKey = key;
        _lastText = text;
        return key;
    }

    private static string Make(string text)
    {
        var folded = VietnameseText.Fold(text.Trim());
        // One pass: kept characters, each run of anything else as one space, none at either end.
        var buffer = folded.Length <= 256 ? stackalloc char[folded.Length] : new char[folded.Length];
        var length = 0;
        var space = false;
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
            {
                if (space && length > 0) buffer[length++] = ' ';
                space = false;
                buffer[length++] = c;
            }
            else space = true;
        }
        ReadOnlySpan<char> key = buffer[..length];
        key = Trim(key);
        return key.Length == folded.Length && key.SequenceEqual(folded) ? folded : new string(key);
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> key)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var particle in Trailing)
            {
                // Ends with " " + particle.
                if (key.Length > particle.Length && key.EndsWith(particle, StringComparison.Ordinal) && key[^(particle.Length + 1)] == ' ')
                {
                    key = key[..^(particle.Length + 1)];
                    changed = true;
                }
            }
            foreach (var particle in Leading)
            {
                // Starts with particle + " ".
                if (key.Length > particle.Length && key.StartsWith(particle, StringComparison.Ordinal) && key[particle.Length] == ' ')
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
