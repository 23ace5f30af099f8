using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ActionMonth.Bot.Tests.Telegram.Fakes;

/// <summary>
/// Telegram's HTML parse mode as strictly as the Bot API applies it (core.telegram.org/bots/api#html-style, notes
/// §4.7): only the listed tags, every &lt; &gt; &amp; outside tags escaped, only &amp;lt; &amp;gt; &amp;amp;
/// &amp;quot; and numeric entities. Returns the plain text Telegram would show, or throws with Telegram's message.
/// </summary>
public static partial class TelegramHtml
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji",
    };

    public static string ToPlain(string html)
    {
        var plain = new StringBuilder(html.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<')
            {
                var end = html.IndexOf('>', i);
                if (end < 0) throw new FormatException("Bad Request: can't parse entities: Unclosed start tag");
                var tag = TagPattern().Match(html[(i + 1)..end]);
                if (!tag.Success || !Tags.Contains(tag.Groups["name"].Value))
                    throw new FormatException($"Bad Request: can't parse entities: Unsupported start tag \"{html[(i + 1)..end]}\"");
                var name = tag.Groups["name"].Value;
                if (tag.Groups["close"].Success)
                {
                    if (open.Count == 0 || open.Pop() != name)
                        throw new FormatException($"Bad Request: can't parse entities: Unmatched end tag \"{name}\"");
                }
                else
                {
                    open.Push(name);
                }
                i = end + 1;
            }
            else if (c == '>')
            {
                throw new FormatException("Bad Request: can't parse entities: Unexpected >");
            }
            else if (c == '&')
            {
                var semicolon = html.IndexOf(';', i);
                var entity = semicolon < 0 ? string.Empty : html[(i + 1)..semicolon];
                plain.Append(entity switch
                {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    _ when entity.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                           && int.TryParse(entity[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => char.ConvertFromUtf32(hex),
                    _ when entity.StartsWith('#') && int.TryParse(entity[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var dec) =>
                        char.ConvertFromUtf32(dec),
                    _ => throw new FormatException("Bad Request: can't parse entities: Character '&' is reserved"),
                });
                i = semicolon + 1;
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }
        if (open.Count > 0) throw new FormatException($"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{open.Peek()}\"");
        return plain.ToString();
    }

    [GeneratedRegex("""^(?<close>/)?(?<name>[a-z-]+)(\s+[a-z-]+="[^"<>]*")*\s*$""")]
    private static partial Regex TagPattern();
}
