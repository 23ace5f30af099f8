using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>Reads a "cite:" value: "102/2016/QH13 Điều 26", "… Điều 26 khoản 2", "… Điều 25 khoản 1 điểm a".</summary>
public static partial class CitationSyntax
{
    [GeneratedRegex(@"^(?<doc>\S+)\s+(?:Điều|Dieu)\s+(?<article>\d+)(?:\s*,?\s+(?:khoản|khoan)\s+(?<clause>\d+))?(?:\s*,?\s+(?:điểm|diem)\s+(?<point>[a-zđ]))?\s*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Cite();

    public static bool TryParse(string value, out Citation citation)
    {
        var m = Cite().Match(value.Trim());
        if (!m.Success)
        {
            citation = new Citation("", 0);
            return false;
        }
        int? clause = m.Groups["clause"].Success ? int.Parse(m.Groups["clause"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var point = m.Groups["point"].Success ? m.Groups["point"].Value.ToLowerInvariant() : null;
        citation = new Citation(m.Groups["doc"].Value, int.Parse(m.Groups["article"].Value, System.Globalization.CultureInfo.InvariantCulture), clause, point);
        return true;
    }

    /// <summary>The canonical text form, as the knowledge files write it.</summary>
    public static string Format(Citation c) =>
        $"{c.Doc} Điều {c.Article}" + (c.Clause is { } k ? $" khoản {k}" : "") + (c.Point is { } p ? $" điểm {p}" : "");
}
