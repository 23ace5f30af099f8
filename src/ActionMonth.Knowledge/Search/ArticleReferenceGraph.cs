using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Which articles refer to which: our guide entry for an article cites the articles it implements, details or points
/// to (the decree's article on follow-up visits cites the Law's article on follow-up), and a card citing several
/// articles ties them together. A legal question often needs such a pair, so the links are kept both ways, article
/// to article (clauses are dropped). Keys are <see cref="DocumentNumber.Key"/> and article number. Immutable.
/// </summary>
public sealed class ArticleReferenceGraph
{
    private static readonly (string Doc, int Article)[] None = [];
    private readonly Dictionary<(string Doc, int Article), (string Doc, int Article)[]> _links;

    private ArticleReferenceGraph(Dictionary<(string Doc, int Article), (string Doc, int Article)[]> links) => _links = links;

    public static ArticleReferenceGraph Empty { get; } = new([]);

    /// <summary>The links of the guide entries' citations. Cards are left out: a card is already counted for every
    /// article it cites when it matches the question, which is the same evidence.</summary>
    public static ArticleReferenceGraph From(IEnumerable<DocumentGuide> guides)
    {
        var sets = new Dictionary<(string, int), HashSet<(string, int)>>();
        foreach (var guide in guides)
            foreach (var entry in guide.Entries)
            {
                if (entry.Article is not { } article) continue;
                var from = (DocumentNumber.Key(guide.Doc), article);
                foreach (var c in entry.Citations)
                {
                    var to = (DocumentNumber.Key(c.Doc), c.Article);
                    if (to == from) continue;
                    Link(sets, from, to);
                    Link(sets, to, from);
                }
            }
        var links = new Dictionary<(string, int), (string, int)[]>(sets.Count);
        foreach (var (key, set) in sets) links[key] = [.. set];
        return new ArticleReferenceGraph(links);
    }

    private static void Link(Dictionary<(string, int), HashSet<(string, int)>> sets, (string, int) from, (string, int) to)
    {
        if (!sets.TryGetValue(from, out var set)) sets[from] = set = [];
        set.Add(to);
    }

    /// <summary>The articles linked to this one, by document key and number; empty when none.</summary>
    public IReadOnlyList<(string Doc, int Article)> Linked(string docKey, int article) =>
        _links.TryGetValue((docKey, article), out var linked) ? linked : None;

    public bool AreLinked(string docKey, int article, string otherDocKey, int otherArticle)
    {
        var linked = Linked(docKey, article);
        for (var i = 0; i < linked.Count; i++)
            if (linked[i].Article == otherArticle && string.Equals(linked[i].Doc, otherDocKey, StringComparison.Ordinal)) return true;
        return false;
    }
}
