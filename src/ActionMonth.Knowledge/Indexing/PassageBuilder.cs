using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>Turns a <see cref="KnowledgeSnapshot"/> into the passages that are indexed.</summary>
public static class PassageBuilder
{
    public static IReadOnlyList<Passage> Build(KnowledgeSnapshot snapshot)
    {
        var titles = DocumentTitles.From(snapshot);
        var passages = new List<Passage>();
        foreach (var doc in snapshot.Documents)
        {
            var docTitle = titles.Title(doc.Number);
            foreach (var article in doc.Articles)
            {
                var citation = new[] { new Citation(doc.Number, article.Number) };
                // The chapter and section names ("Mục 2. BỔN PHẬN CỦA TRẺ EM") say what the article is about too.
                var heading = new[] { article.Title, Context(article.Chapter), Context(article.Section) }.Where(s => s.Length > 0).ToList();
                passages.Add(new Passage($"o:{doc.Number}:{article.Number}", HitKind.Official, PassageLevel.Article, doc.Number, docTitle,
                    article.Number, null, article.Title, null, null, Audience.All, heading, article.FullText, citation));
                foreach (var clause in article.Clauses)
                {
                    var body = article.Intro.Length > 0 ? article.Intro + "\n" + clause.FullText : clause.FullText;
                    passages.Add(new Passage($"o:{doc.Number}:{article.Number}:{clause.Number}", HitKind.Official, PassageLevel.Clause,
                        doc.Number, docTitle, article.Number, null, article.Title, clause.Number, null, Audience.All, [article.Title], body,
                        [new Citation(doc.Number, article.Number, clause.Number)]));
                }
            }
        }
        foreach (var guide in snapshot.Guides)
        {
            var docTitle = titles.Title(guide.Doc);
            foreach (var entry in guide.Entries)
            {
                var id = entry.Article is { } n ? $"g:{guide.Doc}:{n}" : $"g:{guide.Doc}:muc-{entry.Section}";
                var official = titles.ArticleTitle(guide.Doc, entry.Article) ?? entry.Title;
                var cites = entry.Article is { } a ? new List<Citation> { new(guide.Doc, a) } : [];
                passages.Add(new Passage(id, HitKind.Guide, PassageLevel.GuideEntry, guide.Doc, docTitle, entry.Article, entry.Section,
                    official, null, null, Audience.All, [entry.Title, .. entry.Keywords], entry.Explanation, cites));
            }
        }
        foreach (var card in snapshot.Cards)
        {
            var first = card.Citations[0];
            passages.Add(new Passage($"c:{card.Id}", HitKind.Faq, PassageLevel.Card, first.Doc, titles.Title(first.Doc), first.Article,
                null, titles.ArticleTitle(first.Doc, first.Article), first.Clause, card.Id, card.Audience,
                [card.Question, .. card.Variants], card.Answer, card.Citations));
        }
        return passages;
    }

    private static string Context(string? heading) => heading is null ? "" : VietnameseText.ToNfc(heading);
}

/// <summary>Display titles of documents and articles: our guide's title when there is one ("Luật Trẻ em"), else the
/// official first line with its all-capitals kind word tamed ("NGHỊ ĐỊNH quy định …" → "Nghị định quy định …").</summary>
public sealed class DocumentTitles
{
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), string> _articleTitles = [];

    public static DocumentTitles From(KnowledgeSnapshot snapshot)
    {
        var t = new DocumentTitles();
        foreach (var doc in snapshot.Documents)
        {
            t._titles[DocumentNumber.Key(doc.Number)] = Tame(doc.Title);
            foreach (var a in doc.Articles) t._articleTitles[(DocumentNumber.Key(doc.Number), a.Number)] = a.Title;
        }
        foreach (var guide in snapshot.Guides)
        {
            t._titles[DocumentNumber.Key(guide.Doc)] = guide.Title;
            foreach (var e in guide.Entries.Where(e => e.Article is not null))
                t._articleTitles.TryAdd((DocumentNumber.Key(guide.Doc), e.Article!.Value), e.Title);
        }
        return t;
    }

    public string Title(string doc) => _titles.TryGetValue(DocumentNumber.Key(doc), out var t) ? t : doc;

    public string? ArticleTitle(string doc, int? article) =>
        article is { } n && _articleTitles.TryGetValue((DocumentNumber.Key(doc), n), out var t) ? t : null;

    /// <summary>Lower-cases the leading all-capitals words except the first letter.</summary>
    internal static string Tame(string title)
    {
        var words = title.Split(' ');
        var capsWords = words.TakeWhile(w => w.Any(char.IsLetter) && w.Where(char.IsLetter).All(char.IsUpper)).Count();
        if (capsWords == 0) return title;
        for (var i = 0; i < capsWords; i++) words[i] = words[i].ToLowerInvariant();
        var joined = string.Join(' ', words);
        return char.ToUpperInvariant(joined[0]) + joined[1..];
    }
}
