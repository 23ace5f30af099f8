using System.Globalization;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Which articles refer to which: our guide entry for an article cites the articles it implements, details or points
/// to (the decree's article on follow-up visits cites the Law's article on follow-up), and a card citing several
/// articles ties them together. A legal question often needs such a pair, so the links are kept both ways, article
/// to article (clauses are dropped). Keys are <see cref="DocumentNumber.Key"/> and article number. Immutable.
/// </summary>
public sealed partial class ArticleReferenceGraph
{
    private static readonly (string Doc, int Article)[] None = [];
    private readonly Dictionary<(string Doc, int Article), (string Doc, int Article)[]> _links;

    private ArticleReferenceGraph(Dictionary<(string Doc, int Article), (string Doc, int Article)[]> links) => _links = links;

    public static ArticleReferenceGraph Empty { get; } = new([]);

    /// <summary>The links of the guide entries' citations and, given the official texts, of the references they make
    /// themselves ("theo quy định tại Điều 75 và khoản 1 Điều 78 Luật trẻ em", "Điều 32 Nghị định này"). Cards are left
    /// out: a card is already counted for every article it cites when it matches the question, which is the same
    /// evidence.</summary>
    public static ArticleReferenceGraph From(IEnumerable<DocumentGuide> guides, IEnumerable<OfficialDocument>? documents = null,
        DocumentAliasTable? aliases = null)
    {
        var sets = new Dictionary<(string, int), HashSet<(string, int)>>();
        foreach (var doc in documents ?? [])
        {
            var key = DocumentNumber.Key(doc.Number);
            foreach (var article in doc.Articles)
                foreach (var (toDoc, toArticle) in References(article.FullText, doc.Number, aliases))
                {
                    var to = (DocumentNumber.Key(toDoc), toArticle);
                    if (to == (key, article.Number)) continue;
                    Link(sets, (key, article.Number), to);
                    Link(sets, to, (key, article.Number));
                }
        }
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

    // "Điều 75 và khoản 1 Điều 78 Luật trẻ em", "các Điều 47, 48, 49 Luật trẻ em": every article of the list, then
    // (looked at, not consumed) the words that name the document.
    [GeneratedRegex(@"[Đđ]iều\s+(?<a>\d{1,3})(?:\s*(?:,|và)\s*(?:khoản\s+\d{1,2}\s+)?(?:[Đđ]iều\s+)?(?<a>\d{1,3})\b)*(?=(?:\s+của)?\s+(?<tail>[^.;:]{0,50}))")]
    private static partial Regex ArticleMention();

    /// <summary>The articles a text refers to, with the document named right after them: "… này" is the text's own
    /// document, a name the alias table knows ("Luật trẻ em", "Nghị định số 56/2017/NĐ-CP") is that document; a
    /// mention naming no document, or one we do not have, is left out rather than guessed.</summary>
    internal static IEnumerable<(string Doc, int Article)> References(string text, string ownDoc, DocumentAliasTable? aliases)
    {
        foreach (Match m in ArticleMention().Matches(VietnameseText.ToNfc(text)))
        {
            var tail = VietnameseText.Words(VietnameseText.Fold(m.Groups["tail"].Value));
            string? doc = null;
            if (tail.Count >= 2 && tail[1] == "nay" && tail[0] is "luat" or "nghi" || tail.Count >= 3 && tail[2] == "nay") doc = ownDoc;
            else if (aliases?.Find(tail.Take(8).ToList()) is { Start: 0 } found) doc = found.Doc;
            if (doc is null) continue;
            foreach (Capture a in m.Groups["a"].Captures) yield return (doc, int.Parse(a.Value, CultureInfo.InvariantCulture));
        }
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
