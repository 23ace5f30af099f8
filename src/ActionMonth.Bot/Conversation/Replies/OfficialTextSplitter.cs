using System.Text;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>Splits a long official article into messages a person can read on a phone: at line (clause and
/// point) boundaries, and inside an over-long line at sentence ends, then spaces.</summary>
public static class OfficialTextSplitter
{
    public const int DefaultMaxLength = 1500;

    public static IReadOnlyList<string> Split(string text, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 100);
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.Length == 0) continue;
            foreach (var piece in Pieces(line, maxLength))
            {
                if (current.Length > 0 && current.Length + 1 + piece.Length > maxLength)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
                if (current.Length > 0) current.Append('\n');
                current.Append(piece);
            }
        }
        if (current.Length > 0) parts.Add(current.ToString());
        return parts;
    }

    private static IEnumerable<string> Pieces(string line, int maxLength)
    {
        while (line.Length > maxLength)
        {
            var cut = line.LastIndexOfAny(['.', ';', ':'], maxLength - 1);
            if (cut < maxLength / 2) cut = line.LastIndexOf(' ', maxLength - 1);
            if (cut < maxLength / 2) cut = maxLength - 1;
            yield return line[..(cut + 1)].TrimEnd();
            line = line[(cut + 1)..].TrimStart();
        }
        if (line.Length > 0) yield return line;
    }
}
