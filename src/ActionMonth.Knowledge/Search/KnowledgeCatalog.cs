using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;

namespace ActionMonth.Knowledge.Search;

/// <summary>An immutable catalog of one <see cref="KnowledgeSnapshot"/>, keyed by document number
/// (<see cref="DocumentNumber.Key"/>), article number and card id.</summary>
public sealed class KnowledgeCatalog : IKnowledgeCatalog
{
    private readonly KnowledgeSnapshot _snapshot;
    private readonly Dictionary<string, OfficialDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), OfficialArticle> _articles = [];
    private readonly Dictionary<string, DocumentGuide> _guides = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), GuideEntry> _entries = [];
    private readonly Dictionary<string, KnowledgeCard> _cards = new(StringComparer.Ordinal);

    public KnowledgeCatalog(KnowledgeSnapshot snapshot, Analysis.DocumentAliasTable? aliases = null)
    {
        _snapshot = snapshot;
        foreach (var doc in snapshot.Documents)
        {
            var key = DocumentNumber.Key(doc.Number);
            _documents[key] = doc;
            foreach (var a in doc.Articles) _articles[(key, a.Number)] = a;
        }
        foreach (var guide in snapshot.Guides)
        {
            var key = DocumentNumber.Key(guide.Doc);
            _guides[key] = guide;
            foreach (var e in guide.Entries.Where(e => e.Article is not null)) _entries.TryAdd((key, e.Article!.Value), e);
        }
        foreach (var card in snapshot.Cards) _cards.TryAdd(card.Id, card);
        References = ArticleReferenceGraph.From(snapshot.Guides, snapshot.Documents, aliases ?? Analysis.DocumentAliasTable.Build(snapshot));
        LocalDocuments = LocalDocumentPrior.From(snapshot.Guides);
        Ages = Analysis.AgeMentions.FromLimitsIn(snapshot.Documents.SelectMany(d => d.Articles).Select(a => a.FullText));
    }

    /// <summary>The ages the official texts set as limits; other ages in a question are its details.</summary>
    public Analysis.AgeMentions Ages { get; }

    /// <summary>The local documents (a province's plan) and what names them, for ranking.</summary>
    public LocalDocumentPrior LocalDocuments { get; }

    /// <summary>Which articles our guides and the official texts tie together (for ranking an article's companions).</summary>
    public ArticleReferenceGraph References { get; }

    public IReadOnlyList<OfficialDocument> Documents => _snapshot.Documents;
    public IReadOnlyList<DocumentGuide> Guides => _snapshot.Guides;

    public OfficialDocument? GetOfficialDocument(string doc) => _documents.GetValueOrDefault(DocumentNumber.Key(doc));
    public OfficialArticle? GetOfficialArticle(string doc, int article) => _articles.GetValueOrDefault((DocumentNumber.Key(doc), article));
    public DocumentGuide? GetGuide(string doc) => _guides.GetValueOrDefault(DocumentNumber.Key(doc));
    public GuideEntry? GetGuideEntry(string doc, int article) => _entries.GetValueOrDefault((DocumentNumber.Key(doc), article));
    public KnowledgeCard? GetCard(string id) => _cards.GetValueOrDefault(id);
    public IReadOnlyList<KnowledgeCard> Cards => _snapshot.Cards;
    public IReadOnlyList<Hotline> Hotlines => _snapshot.Hotlines;
    public IReadOnlyList<KnowledgeLoadError> LoadErrors => _snapshot.Errors;

    public string ShortName(string doc) => GetGuide(doc)?.ShortName ?? GetOfficialDocument(doc)?.Number ?? doc;

    /// <summary>The document number as the official text (or, failing that, the guide) writes it.</summary>
    public string? CanonicalNumber(string doc) => GetOfficialDocument(doc)?.Number ?? GetGuide(doc)?.Doc;

    public bool CitationExists(Citation citation) =>
        CitationChecker.Problem(citation, _snapshot.Documents, _snapshot.Guides) is null;
}

/// <summary>The catalog of whatever generation the index currently serves; what DI hands out as
/// <see cref="IKnowledgeCatalog"/>, so holders never keep a stale catalog across reloads.</summary>
public sealed class CurrentKnowledgeCatalog(KnowledgeIndex index) : IKnowledgeCatalog
{
    private IKnowledgeCatalog Catalog => index.Current.Catalog;
    public OfficialDocument? GetOfficialDocument(string doc) => Catalog.GetOfficialDocument(doc);
    public OfficialArticle? GetOfficialArticle(string doc, int article) => Catalog.GetOfficialArticle(doc, article);
    public DocumentGuide? GetGuide(string doc) => Catalog.GetGuide(doc);
    public GuideEntry? GetGuideEntry(string doc, int article) => Catalog.GetGuideEntry(doc, article);
    public KnowledgeCard? GetCard(string id) => Catalog.GetCard(id);
    public IReadOnlyList<KnowledgeCard> Cards => Catalog.Cards;
    public IReadOnlyList<Hotline> Hotlines => Catalog.Hotlines;
    public string ShortName(string doc) => Catalog.ShortName(doc);
    public bool CitationExists(Citation citation) => Catalog.CitationExists(citation);
    public IReadOnlyList<KnowledgeLoadError> LoadErrors => Catalog.LoadErrors;
}
