using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content.Scanning;

/// <summary>
/// A tolerant sentence splitter for plain-language explanations: a sentence ends at '.', '!', '?' or '…' followed by
/// a space and a capital letter, a digit, a quote or a bracket; a bullet ("- ") or numbered line ("1. ") is a
/// sentence of its own; a fragment of fewer than three words ("(Điều 4).") belongs to the sentence before it, and
/// common abbreviations ("TP.", "v.v.") do not end a sentence. Good enough to count sentences, not to parse them.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly string[] Abbreviations = ["tp.", "v.v.", "ts.", "ths.", "pgs.", "gs.", "bs.", "st.", "tr.", "vd.", "đ."];

    [GeneratedRegex(@"(?<=[.!?…])[""”'»)]*\s+(?=[\p{Lu}\d""“'«(\[])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(?:[-*•]\s|\d{1,2}[.)]\s)")]
    private static partial Regex ListItem();

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var paragraph = new List<string>();

        void FlushParagraph()
        {
            if (paragraph.Count == 0) return;
            var joined = string.Join(' ', paragraph);
            paragraph.Clear();
            var start = 0;
            foreach (Match m in SentenceEnd().Matches(joined))
            {
                var candidate = joined[start..m.Index];
                if (EndsWithAbbreviation(candidate)) continue;
                Add(candidate);
                start = m.Index + m.Length;
            }
            Add(joined[start..]);
        }

        void Add(string sentence)
        {
            sentence = sentence.Trim();
            if (sentence.Length == 0) return;
            if (VietnameseText.Words(sentence).Count < 3 && sentences.Count > 0) sentences[^1] += " " + sentence;
            else sentences.Add(sentence);
        }

        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) { FlushParagraph(); continue; }
            if (ListItem().IsMatch(line)) { FlushParagraph(); Add(line); continue; }
            paragraph.Add(line);
        }
        FlushParagraph();
        return sentences;
    }

    private static bool EndsWithAbbreviation(string candidate)
    {
        var lastWord = candidate.TrimEnd()[(candidate.TrimEnd().LastIndexOf(' ') + 1)..].ToLowerInvariant();
        return Abbreviations.Contains(lastWord);
    }
}
