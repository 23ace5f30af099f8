using System.Text;
using ActionMonth.Knowledge.Analysis;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Cuts a short window of a passage around where the query matched and marks the matched words with **…**
/// (Markdown bold, which Web Chat renders). Matching runs on the folded analysis with its offsets, so "xam hai"
/// marks "xâm hại" in the official text; a word is marked when it is part of a matched syllable pair or is itself
/// a salient query term (common words such as "có", "và" alone are not marked).
/// </summary>
public static class SnippetHighlighter
{
    public const int MaxLength = 240;
    private static readonly VietnameseAnalyzer Folded = new(FieldForm.Folded);

    public static string Highlight(string text, IReadOnlySet<string> salientTerms, IReadOnlySet<string> pairs, int maxLength = MaxLength) =>
        string.IsNullOrEmpty(text) ? "" : Highlight(text, AnalyzedToken.Analyze(Folded, "snippet", text), salientTerms, pairs, maxLength);

    /// <summary>As above, with the text's folded tokens already analysed.</summary>
    public static string Highlight(string text, IReadOnlyList<AnalyzedToken> tokens, IReadOnlySet<string> salientTerms,
        IReadOnlySet<string> pairs, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var marked = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (salientTerms.Contains(tokens[i].Term)) marked[i] = true;
            if (i + 1 < tokens.Count && pairs.Contains(tokens[i].Term + VietnameseAnalyzer.PairSeparator + tokens[i + 1].Term))
                marked[i] = marked[i + 1] = true;
        }
        var (from, to) = Window(text, tokens, marked, maxLength);
        var sb = new StringBuilder(to - from + 16);
        if (from > 0) sb.Append('…');
        var position = from;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!marked[i] || tokens[i].Start < from || tokens[i].End > to) continue;
            var end = i;
            // Merge a run of marked words separated only by spaces into one bold span.
            while (end + 1 < tokens.Count && marked[end + 1] && tokens[end + 1].End <= to
                   && text.AsSpan(tokens[end].End, tokens[end + 1].Start - tokens[end].End).IsWhiteSpace())
                end++;
            sb.Append(text, position, tokens[i].Start - position).Append("**")
              .Append(text, tokens[i].Start, tokens[end].End - tokens[i].Start).Append("**");
            position = tokens[end].End;
            i = end;
        }
        sb.Append(text, position, to - position);
        if (to < text.Length) sb.Append('…');
        return sb.ToString().Replace('\n', ' ');
    }

    /// <summary>The character window of at most <paramref name="maxLength"/> with the most marked words, starting
    /// and ending on word boundaries.</summary>
    private static (int From, int To) Window(string text, IReadOnlyList<AnalyzedToken> tokens, bool[] marked, int maxLength)
    {
        if (text.Length <= maxLength) return (0, text.Length);
        var bestStart = 0;
        var bestCount = -1;
        var right = 0;
        var count = 0;
        for (var left = 0; left < tokens.Count; left++)
        {
            while (right < tokens.Count && tokens[right].End - tokens[left].Start <= maxLength)
            {
                if (marked[right]) count++;
                right++;
            }
            if (count > bestCount) { bestCount = count; bestStart = left; }
            if (marked[left]) count--;
        }
        if (tokens.Count == 0) return (0, Math.Min(text.Length, maxLength));
        // Begin at the first marked word of the best window, then step back a few words for context.
        var first = bestStart;
        while (first < right && first < tokens.Count - 1 && !marked[first]) first++;
        var start = first;
        while (start > 0 && tokens[first].Start - tokens[start - 1].Start < maxLength / 6) start--;
        var from = tokens[start].Start;
        // Prefer the start of the line (a clause or point) when it is close.
        var lineStart = from == 0 ? 0 : text.LastIndexOf('\n', from - 1) + 1;
        if (from - lineStart < maxLength / 4) from = lineStart;
        var to = from;
        foreach (var t in tokens)
        {
            if (t.End - from > maxLength) break;
            if (t.Start >= from) to = t.End;
        }
        if (to < text.Length && ".;:".Contains(text[to])) to++;
        return (from, Math.Max(to, Math.Min(text.Length, from + 1)));
    }
}
