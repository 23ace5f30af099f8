using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Holds back a local document (one a provincial or lower people's committee issued: a province's Action Month plan)
/// when the question does not ask about it. Such a plan restates the national duties for one place and one year, in
/// the very words of a general question ("báo tin", "xâm hại trẻ em"), so on words alone its summary beat the Law and
/// the Decree that say where and how to report. A question that names the plan, local planning ("kế hoạch", "địa
/// phương") or the place (from the issuer: "tỉnh Quảng Bình") gets it as before; otherwise its articles' scores are
/// multiplied by <see cref="SearchWeights.LocalDocument"/>.
/// </summary>
public sealed partial class LocalDocumentPrior
{
    private static readonly string[] LocalPlanning = ["kế hoạch", "địa phương"];

    private readonly HashSet<string> _localKeys;
    private readonly ScopeVocabulary _naming;

    private LocalDocumentPrior(HashSet<string> localKeys, ScopeVocabulary naming)
    {
        _localKeys = localKeys;
        _naming = naming;
    }

    /// <summary>The local documents among <paramref name="guides"/> and the phrases that name them.</summary>
    public static LocalDocumentPrior From(IEnumerable<DocumentGuide> guides)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var phrases = new List<string>(LocalPlanning);
        foreach (var guide in guides)
        {
            if (!IsLocal(guide.Issuer)) continue;
            keys.Add(DocumentNumber.Key(guide.Doc));
            phrases.AddRange(guide.Aliases);
            phrases.Add(guide.ShortName);
            phrases.AddRange(Places().Matches(guide.Issuer!).Select(m => m.Groups[1].Value));
        }
        return new LocalDocumentPrior(keys, new ScopeVocabulary(phrases));
    }

    /// <summary>Issued by a people's committee (of a province, a district or a commune), not by a national body.</summary>
    public static bool IsLocal(string? issuer) =>
        issuer is not null && issuer.TrimStart().StartsWith("Ủy ban nhân dân", StringComparison.OrdinalIgnoreCase);

    public void Apply(List<ArticleCandidate> ranked, AnalyzedQuery query, SearchWeights w)
    {
        if (_localKeys.Count == 0 || w.LocalDocument >= 1f || ranked.Count == 0) return;
        var changed = false;
        foreach (var candidate in ranked)
        {
            if (!_localKeys.Contains(candidate.DocKey)) continue;
            // Asked about only when the question names it; checked once, on the first local candidate.
            if (!changed && _naming.Mentions(Text.VietnameseText.Words(Text.VietnameseText.Normalize(query.Rewritten)))) return;
            candidate.Score *= w.LocalDocument;
            changed = true;
        }
        if (!changed) return;
        // Stable, as the aggregation's order is: equal scores keep their places.
        var reordered = ranked.OrderByDescending(c => c.Score).ToList();
        ranked.Clear();
        ranked.AddRange(reordered);
    }

    // The place names after "tỉnh" / "thành phố" in an issuer, each word capitalised: "tỉnh Quảng Bình", "tỉnh Quảng Trị mới".
    [GeneratedRegex(@"(?:tỉnh|thành phố)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)*)")]
    private static partial Regex Places();
}
