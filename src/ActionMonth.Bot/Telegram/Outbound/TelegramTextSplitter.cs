namespace ActionMonth.Bot.Telegram.Outbound;

/// <summary>
/// Cuts a text into pieces of at most <c>max</c> characters (Telegram's limit is 4,096 after entity parsing,
/// notes §4.6), at the last paragraph break, else the last sentence end or line break, else the last space, in the
/// second half of the window; a hard cut only for a text with no break at all, and never inside a surrogate pair.
/// Returns ranges over the original text so formatting can be applied per piece.
/// </summary>
public static class TelegramTextSplitter
{
    public const int TelegramMaxLength = 4096;

    private static readonly char[] SentenceEnds = ['.', '!', '?', '…', ';'];
    private static readonly char[] Closers = ['»', '"', '\'', ')', ']', '”', '’'];

    public static IReadOnlyList<Range> Split(string text, int max = TelegramMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var pieces = new List<Range>();
        var position = SkipSpace(text, 0);
        while (position < text.Length)
        {
            var end = TrimEnd(text, position, text.Length);
            if (end - position <= max)
            {
                pieces.Add(position..end);
                break;
            }
            var cut = Cut(text, position, max);
            var pieceEnd = TrimEnd(text, position, cut);
            if (pieceEnd > position) pieces.Add(position..pieceEnd);
            position = SkipSpace(text, cut);
        }
        return pieces;
    }

    /// <summary>Where the piece starting at <paramref name="start"/> ends (exclusive).</summary>
    private static int Cut(string text, int start, int max)
    {
        var limit = start + max;                 // the piece may end at most here
        var floor = start + max / 2;             // breaks earlier than this waste too much room
        var paragraph = text.LastIndexOf("\n\n", limit - 1, limit - floor, StringComparison.Ordinal);
        if (paragraph >= floor) return paragraph;

        for (var i = limit - 1; i >= floor; i--)
        {
            var c = text[i];
            if (c == '\n') return i;
            if (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) && IsSentenceEnd(text, i)) return i + 1;
        }
        for (var i = limit - 1; i >= floor; i--)
        {
            if (char.IsWhiteSpace(text[i])) return i;
        }
        return char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
    }

    private static bool IsSentenceEnd(string text, int i)
    {
        while (i > 0 && Array.IndexOf(Closers, text[i]) >= 0) i--;
        return Array.IndexOf(SentenceEnds, text[i]) >= 0;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i;
    }

    private static int TrimEnd(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
