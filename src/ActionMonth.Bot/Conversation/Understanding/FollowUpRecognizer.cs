using System.Globalization;
using System.Text.RegularExpressions;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>Recognises follow-ups on the folded message (<see cref="TextKey"/>). Only whole short messages count:
/// "khoản 2 Điều 26 Luật Trẻ em quy định gì" names its document and is an ordinary question.</summary>
public sealed partial class FollowUpRecognizer
{
    private static readonly HashSet<string> Elaborations = new(StringComparer.Ordinal)
    {
        "noi ro hon", "giai thich them", "giai thich ro hon", "chi tiet hon", "cu the hon", "noi ro hon duoc khong",
        "giai thich", "la sao", "nghia la gi", "y la gi", "the nghia la sao", "nghia la sao", "noi them", "noi them di",
        "ro hon", "chi tiet", "cu the", "giai thich giup", "noi ro hon di", "giai thich di", "ban noi ro hon",
        "tell me more", "explain", "explain more", "more detail", "more details", "what does that mean",
        "explain that", "can you explain", "in more detail",
    };

    // "tóm tắt", "ví dụ?": asked of the answer just given, they are not questions of their own (searched, "tóm tắt" had
    // reached the summary of Directive 28 and "ví dụ" the Quảng Bình plan).
    private static readonly HashSet<string> Summaries = new(StringComparer.Ordinal)
    {
        "tom tat", "tom tat giup", "tom tat giup toi", "tom tat giup minh", "tom tat giup em", "tom tat lai", "tom lai",
        "noi ngan gon", "ngan gon", "noi gon", "noi gon lai", "tom tat ngan gon", "summarize", "summarise", "summary",
        "in short", "sum up", "short version", "tldr",
    };

    private static readonly HashSet<string> Examples = new(StringComparer.Ordinal)
    {
        "vi du", "cho vi du", "vi du di", "co vi du khong", "vi du nhu the nao", "vi du cu the", "cho minh vi du",
        "cho toi vi du", "cho em vi du", "lay vi du", "cho xin vi du", "vi du nhu nao", "example", "examples",
        "for example", "an example", "give me an example", "give an example", "for instance", "any examples",
    };

    // Phrases that point back at the article under discussion. Longest first, so "quy dinh do" wins over "do".
    private static readonly string[] Anaphors =
    [
        "quy dinh nay", "quy dinh do", "dieu luat nay", "dieu luat do", "dieu nay", "dieu do", "khoan nay", "khoan do",
        "luat nay", "luat do", "viec nay", "viec do", "cai nay", "cai do",
        "this article", "that article", "this rule", "that rule", "this law", "that law",
    ];

    // Each anaphor as a whole-word pattern, made once rather than on every message.
    private static readonly string[] PaddedAnaphors = Array.ConvertAll(Anaphors, a => " " + a + " ");

    public FollowUp Recognize(string text)
    {
        var key = TextKey.Of(text);
        if (key.Length == 0) return FollowUp.None;
        if (Elaborations.Contains(key)) return new FollowUp(FollowUpKind.Elaborate);
        if (Summaries.Contains(key)) return new FollowUp(FollowUpKind.Summary);
        if (Examples.Contains(key)) return new FollowUp(FollowUpKind.Example);

        var clause = ClausePattern().Match(key);
        if (clause.Success) return new FollowUp(FollowUpKind.Clause, Clause: int.Parse(clause.Groups["clause"].Value, CultureInfo.InvariantCulture));

        var article = ArticlePattern().Match(key);
        if (article.Success)
        {
            return new FollowUp(FollowUpKind.Article, Article: int.Parse(article.Groups["article"].Value, CultureInfo.InvariantCulture),
                Clause: article.Groups["clause"].Success ? int.Parse(article.Groups["clause"].Value, CultureInfo.InvariantCulture) : null);
        }

        // The key's words are single-spaced, so 14 words or fewer is at most 13 spaces.
        if (key.AsSpan().Count(' ') <= 13)
        {
            var padded = " " + key + " ";
            for (var i = 0; i < Anaphors.Length; i++)
            {
                if (padded.Contains(PaddedAnaphors[i], StringComparison.Ordinal))
                    return new FollowUp(FollowUpKind.Contextual, Anaphor: Anaphors[i]);
            }
        }
        return FollowUp.None;
    }

    /// <summary>The question with the pointer replaced by what it points at: "điều đó áp dụng cho ai" about
    /// Điều 26 becomes "quyền được bảo vệ để không bị bóc lột sức lao động áp dụng cho ai (Luật Trẻ em 2016)".</summary>
    public static string Contextualise(string text, string anaphor, string articleTitle, string documentName)
    {
        var key = TextKey.Of(text);
        var replaced = (" " + key + " ").Replace(" " + anaphor + " ", " " + articleTitle + " ", StringComparison.Ordinal).Trim();
        return $"{replaced} ({documentName})";
    }

    private const string Lead = @"^(?:(?:con|the con|vay con|the|con ve|vay|what about|and|how about) )?";
    private const string Tail = @"(?: (?:thi sao|the nao|noi gi|quy dinh gi|la gi|thi the nao|noi ve gi|quy dinh the nao|ra sao|thi|sao|nua))*$";

    [GeneratedRegex(Lead + @"(?:khoan|clause) (?<clause>\d{1,2})" + Tail)]
    private static partial Regex ClausePattern();

    [GeneratedRegex(Lead + @"(?:dieu|article) (?<article>\d{1,3})(?: (?:khoan|clause) (?<clause>\d{1,2}))?" + Tail)]
    private static partial Regex ArticlePattern();
}
