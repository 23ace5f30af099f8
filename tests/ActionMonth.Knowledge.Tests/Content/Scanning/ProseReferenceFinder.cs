using System.Globalization;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content.Scanning;

/// <summary>A reference to the law written in running text, and the words it was read from.</summary>
public sealed record ProseReference(Citation Citation, string Text);

/// <summary>
/// Finds references to the law in running text that name their document right after the article: "Điều 23 Nghị định
/// 56/2017/NĐ-CP", "khoản 2 Điều 6 Luật Trẻ em", "Điều 63 khoản 2 của Luật Trẻ em". The document is recognised by
/// the engine's own <see cref="DocumentAliasTable"/>. A bare "Điều 84" is left alone: without its document it cannot
/// be checked (in a guide it often means another document named further on).
/// </summary>
public static partial class ProseReferenceFinder
{
    private const int MaxAliasWords = 10;

    // A reference never runs across punctuation: "(Luật Điều 11, TT 28/2019)" is two references, not "Điều 11 TT 28".
    [GeneratedRegex(@"[,;:()\[\]—–]|\.(?:\s|$)")]
    private static partial Regex Break();

    public static IReadOnlyList<ProseReference> Find(string line, DocumentAliasTable aliases) =>
        Break().Split(line).SelectMany(part => FindInPart(part, aliases)).ToList();

    private static List<ProseReference> FindInPart(string line, DocumentAliasTable aliases)
    {
        var words = VietnameseText.Words(VietnameseText.Normalize(line));
        var folded = words.Select(VietnameseText.Fold).ToList();
        var found = new List<ProseReference>();
        for (var i = 0; i + 1 < folded.Count; i++)
        {
            if (folded[i] != "dieu" || !TryNumber(folded[i + 1], out var article)) continue;
            var start = i;
            int? clause = null;
            string? point = null;
            // Before: "điểm a khoản 2 Điều 6", "khoản 2 Điều 6".
            if (start >= 2 && folded[start - 2] == "khoan" && TryNumber(folded[start - 1], out var k1))
            {
                clause = k1;
                start -= 2;
                if (start >= 2 && folded[start - 2] == "diem" && IsPointLetter(words[start - 1])) { point = words[start - 1]; start -= 2; }
            }
            // After: "Điều 6 khoản 2 điểm a".
            var next = i + 2;
            if (clause is null && next + 1 < folded.Count && folded[next] == "khoan" && TryNumber(folded[next + 1], out var k2))
            {
                clause = k2;
                next += 2;
                if (next + 1 < folded.Count && folded[next] == "diem" && IsPointLetter(words[next + 1])) { point = words[next + 1]; next += 2; }
            }
            if (next < folded.Count && folded[next] == "cua") next++;
            var following = folded.Skip(next).Take(MaxAliasWords).ToList();
            if (aliases.Find(following) is not { Start: 0 } doc) continue;
            var end = next + doc.Length;
            found.Add(new ProseReference(new Citation(doc.Doc, article, clause, clause is null ? null : point),
                string.Join(' ', words.Skip(start).Take(end - start))));
        }
        return found;
    }

    private static bool TryNumber(string word, out int value) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is > 0 and < 1000;

    private static bool IsPointLetter(string word) => word.Length == 1 && (word[0] is >= 'a' and <= 'z' || word[0] == 'đ');
}
