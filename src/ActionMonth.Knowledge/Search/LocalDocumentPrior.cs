using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Holds back a local document (one a provincial or lower people's committee issued: a province's Action Month plan)
/// when the question does not ask about it. Such a plan restates the national duties for one place and one year, in
/// the very words of a general question ("báo tin", "xâm hại trẻ em"), so on words alone its summary beat the Law and
/// the Decree that say where and how to report. A question that names plans ("kế hoạch"), the document (its aliases,
/// its short name) or its place (from the issuer: "tỉnh Quảng Bình") gets it as before; otherwise its articles' scores
/// are multiplied by <see cref="SearchWeights.LocalDocument"/> before the confidence is decided, since the answer then
/// comes from what follows it.
/// </summary>
public sealed partial class LocalDocumentPrior
{
    // Plans in general: "kế hoạch tháng hành động của tỉnh". Not "địa phương", which every question about "chính quyền
    // địa phương" has.
    private static readonly ScopeVocabulary AnyPlan = new(["kế hoạch"]);

    private readonly Dictionary<string, ScopeVocabulary> _naming;

    private LocalDocumentPrior(Dictionary<string, ScopeVocabulary> naming) => _naming = naming;

    /// <summary>The local documents among <paramref name="guides"/> and the phrases that name each.</summary>
    public static LocalDocumentPrior From(IEnumerable<DocumentGuide> guides)
    {
        var naming = new Dictionary<string, ScopeVocabulary>(StringComparer.Ordinal);
        foreach (var guide in guides)
        {
            if (!IsLocal(guide.Issuer)) continue;
            var phrases = new List<string>(guide.Aliases) { guide.ShortName };
            phrases.AddRange(Places().Matches(guide.Issuer!).Select(m => m.Groups[1].Value));
            naming[DocumentNumber.Key(guide.Doc)] = new ScopeVocabulary(phrases);
        }
        return new LocalDocumentPrior(naming);
    }

    /// <summary>Issued by a people's committee (of a province, a district or a commune), not by a national body; the
    /// older spelling "Uỷ" and the abbreviation "UBND" included.</summary>
    public static bool IsLocal(string? issuer)
    {
        if (issuer is null) return false;
        var folded = VietnameseText.Fold(issuer.Trim());
        return folded.StartsWith("uy ban nhan dan", StringComparison.OrdinalIgnoreCase)
               || folded.StartsWith("ubnd", StringComparison.OrdinalIgnoreCase);
    }

    public void Apply(List<ArticleCandidate> ranked, AnalyzedQuery query, SearchWeights w)
    {
        if (_naming.Count == 0 || w.LocalDocument >= 1f || ranked.Count == 0) return;
        IReadOnlyList<string>? words = null;
        var changed = false;
        foreach (var candidate in ranked)
        {
            if (!_naming.TryGetValue(candidate.DocKey, out var naming)) continue;
            words ??= VietnameseText.Words(VietnameseText.Normalize(query.Rewritten));
            if (AnyPlan.Mentions(words) || naming.Mentions(words)) continue;
            candidate.Score *= w.LocalDocument;
            changed = true;
        }
        if (!changed) return;
        // Stable, as the aggregation's order is: equal scores keep their places.
        var reordered = ranked.OrderByDescending(c => c.Score).ToList();
        ranked.Clear();
        ranked.AddRange(reordered);
    }

    // The place names in an issuer, each word capitalised: "tỉnh Quảng Bình", "Thành phố Huế", "xã Hòa Bình".
    [GeneratedRegex(@"\b(?i:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)")]
    private static partial Regex Places();
}
