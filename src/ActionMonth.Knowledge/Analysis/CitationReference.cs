using System.Globalization;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// Recognises a direct reference to the law in a query: "điều 6 luật trẻ em", "dieu 23 nghi dinh 56", "Điều 6 LTE",
/// "khoản 2 điều 6" (no document named → the one Luật loaded), "điều 9 thông tư 28/2019", "điểm đ khoản 1 điều 6".
/// A query that names a document we do not have ("điều 5 luật hôn nhân") is not a reference: searching is better
/// than answering with the wrong law.
/// </summary>
public static partial class CitationReference
{
    [GeneratedRegex(@"^(?:dieu|d)(\d{1,3})$")]
    private static partial Regex GluedArticle();

    [GeneratedRegex(@"^(?:khoan|k)(\d{1,2})$")]
    private static partial Regex GluedClause();

    public static Citation? Parse(string query, DocumentAliasTable aliases)
    {
        var words = VietnameseText.Words(VietnameseText.Normalize(query));
        var folded = words.Select(VietnameseText.Fold).ToList();
        int? article = null, clause = null;
        string? point = null;
        for (var i = 0; i < folded.Count; i++)
        {
            var w = folded[i];
            var next = i + 1 < folded.Count ? folded[i + 1] : null;
            if (article is null && w == "dieu" && TryNumber(next, 999, out var a)) article = a;
            else if (article is null && GluedArticle().Match(w) is { Success: true } ga && w.StartsWith("dieu", StringComparison.Ordinal)) article = int.Parse(ga.Groups[1].Value, CultureInfo.InvariantCulture);
            else if (clause is null && w == "khoan" && TryNumber(next, 99, out var k)) clause = k;
            else if (clause is null && GluedClause().Match(w) is { Success: true } gk && w.StartsWith("khoan", StringComparison.Ordinal)) clause = int.Parse(gk.Groups[1].Value, CultureInfo.InvariantCulture);
            else if (point is null && w == "diem" && i + 1 < words.Count && IsPointLetter(words[i + 1])) point = words[i + 1];
        }
        if (article is not { } n || n == 0) return null;

        var found = aliases.Find(folded) ?? aliases.Find(VietnameseText.Words(VietnameseText.Fold(TeencodeRewriter.Default.Rewrite(query))));
        string? doc = found?.Doc;
        if (doc is null)
        {
            if (NamesSomeDocument(folded)) return null;
            doc = aliases.DefaultDocument;
        }
        if (doc is null) return null;
        return new Citation(doc, n, clause, clause is null ? null : point);
    }

    private static bool TryNumber(string? word, int max, out int value)
    {
        value = 0;
        return word is not null && word.Length <= 3 && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value > 0 && value <= max;
    }

    private static bool IsPointLetter(string word) => word.Length == 1 && (word[0] is >= 'a' and <= 'z' || word[0] == 'đ');

    private static readonly HashSet<string> BareMentionFollowers = new(StringComparer.Ordinal)
    {
        "nay", "noi", "quy", "thi", "ve", "la", "co", "gi", "the", "ghi", "viet", "de", "cua", "hien", "hanh", "moi", "nhu", "sao", "ra",
    };

    private static bool NamesSomeDocument(IReadOnlyList<string> folded)
    {
        foreach (var kind in DocumentAliasTable.KindWords)
        {
            for (var i = 0; i + kind.Length <= folded.Count; i++)
            {
                var ok = true;
                for (var j = 0; j < kind.Length && ok; j++) ok = folded[i + j] == kind[j];
                if (!ok) continue;
                // "của luật", "luật này", "luật nói gì": the law in general, not a named document.
                var after = i + kind.Length < folded.Count ? folded[i + kind.Length] : null;
                if (after is null || BareMentionFollowers.Contains(after)) continue;
                return true;
            }
        }
        return false;
    }
}
