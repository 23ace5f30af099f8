using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Search;

/// <summary>One article (or guide section) with the passages that matched it, best first.</summary>
public sealed class ArticleCandidate(string doc, int? article, string? section, string? docKey = null)
{
    public string Doc { get; } = doc;
    /// <summary>The document's comparison key (<see cref="DocumentNumber.Key"/>).</summary>
    public string DocKey { get; } = docKey ?? DocumentNumber.Key(doc);
    public int? Article { get; } = article;
    public string? Section { get; } = section;
    public List<(Passage Passage, float Score)> Passages { get; } = [];
    public float Score { get; set; }
    public Passage Best => Passages[0].Passage;
    public float BestScore => Passages[0].Score;

    /// <summary>The best-scoring clause passage of an official article, if any clause matched.</summary>
    public (Passage Passage, float Score)? BestClause =>
        Passages.Where(p => p.Passage.Level == PassageLevel.Clause).Select(p => ((Passage, float)?)p).FirstOrDefault();
}

/// <summary>
/// Folds passage hits into articles: an article scores its best passage plus a share of its next two (several
/// passages agreeing is evidence, but one article must not win on length alone). A card counts for every
/// article it cites, the first fully and the others a little less.
/// </summary>
public static class ArticleAggregator
{
    public static List<ArticleCandidate> Aggregate(IEnumerable<(Passage Passage, float Score)> hits, SearchWeights w, Audience? audience)
    {
        var byKey = new Dictionary<(string, int?, string?), ArticleCandidate>();
        foreach (var (passage, raw) in hits)
        {
            var score = raw * passage.Kind switch { HitKind.Faq => w.CardWeight, HitKind.Guide => w.GuideWeight, _ => w.OfficialWeight };
            if (audience is { } a && passage.Level == PassageLevel.Card && passage.Audience != Audience.All && passage.Audience != a)
                continue;
            if (passage.Level == PassageLevel.Card)
            {
                var seen = new HashSet<(string, int)>();
                for (var i = 0; i < passage.Citations.Count; i++)
                {
                    var c = passage.Citations[i];
                    if (!seen.Add((DocumentNumber.Key(c.Doc), c.Article))) continue;
                    Add(byKey, c.Doc, c.Article, null, passage, i == 0 ? score : score * w.SecondaryCitation);
                }
            }
            else
            {
                Add(byKey, passage.Doc, passage.Article, passage.Article is null ? passage.Section : null, passage, score);
            }
        }
        foreach (var candidate in byKey.Values)
        {
            candidate.Passages.Sort((x, y) => y.Score.CompareTo(x.Score));
            var p = candidate.Passages;
            candidate.Score = p[0].Score + (p.Count > 1 ? w.SecondPassage * p[1].Score : 0) + (p.Count > 2 ? w.ThirdPassage * p[2].Score : 0);
        }
        var result = byKey.Values.ToList();
        result.Sort((x, y) => y.Score.CompareTo(x.Score));
        return result;
    }

    private static void Add(Dictionary<(string, int?, string?), ArticleCandidate> byKey, string doc, int? article, string? section, Passage passage, float score)
    {
        var key = (DocumentNumber.Key(doc), article, section);
        if (!byKey.TryGetValue(key, out var candidate)) byKey[key] = candidate = new ArticleCandidate(doc, article, section, key.Item1);
        candidate.Passages.Add((passage, score));
    }
}
