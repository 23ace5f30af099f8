using System.Collections.Concurrent;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>The part of an answer that depends only on the knowledge and the reply language: the message text
/// (body, citation line, reorganisation notes), the citations the catalog confirms, the article the answer is about
/// and the label of its "Xem nguyên văn" button. Nothing about the user or the turn.</summary>
public sealed record AnswerBody(
    string Text,
    IReadOnlyList<Citation> Verified,
    ArticleReference? Article,
    string? FullTextTitle);

/// <summary>
/// Makes each <see cref="AnswerBody"/> once per card (or article and clause) and language, instead of folding, joining
/// and verifying the same catalog texts on every answer; also the questions of a card's related cards and the cards
/// citing an article, per role. Everything is keyed by knowledge and language or role, never by user or turn, and
/// starts again when the catalog reloads (a new catalog has a new card list).
/// </summary>
public sealed class AnswerBodies(IKnowledgeCatalog catalog, CitationFormatter citations, ReorganisationNotes notes)
{
    // Article keys come from search hits and from conversation state (a document number as the user's button sent it):
    // past this many the bodies are made per answer, as before, rather than kept.
    private const int MaxArticleBodies = 4096;

    private Generation? _current;

    /// <summary>The body of a card's answer.</summary>
    public AnswerBody ForCard(KnowledgeCard card, UiText ui) =>
        Current().Cards.GetOrAdd((card, ui.Language), static (key, state) => state.Self.Compose(key.Item1.Answer, key.Item1.Citations, state.Ui),
            (Self: this, Ui: ui));

    /// <summary>The body of an answer about one article (the guide's explanation, else the official wording of the
    /// clause or article), or null when the catalog has neither.</summary>
    public AnswerBody? ForArticle(string doc, int article, int? clause, UiText ui, out bool explained)
    {
        var generation = Current();
        var key = (doc, article, clause, ui.Language);
        if (generation.Articles.TryGetValue(key, out var cached))
        {
            explained = cached.Explained;
            return cached.Body;
        }
        var entry = catalog.GetGuideEntry(doc, article);
        var official = entry is null ? catalog.GetOfficialArticle(doc, article) : null;
        explained = entry is not null;
        if (entry is null && official is null) return null;
        var body = Compose(entry?.Explanation ?? AnswerComposer.Quote(official!, clause, ui), [new Citation(doc, article, clause)], ui);
        if (generation.Articles.Count < MaxArticleBodies) generation.Articles.TryAdd(key, (body, explained));
        return body;
    }

    /// <summary>The body of an answer from a guide section that cites no article (a directive or local plan we only
    /// describe): the section's whole text, not the search snippet, opened by a plain note when the catalog holds no
    /// official text of the document. Null when the guide has no such section.</summary>
    public AnswerBody? ForGuideSection(string doc, string section, UiText ui)
    {
        var generation = Current();
        var key = (doc, section, ui.Language);
        if (generation.Sections.TryGetValue(key, out var cached)) return cached;
        if (catalog.GetGuide(doc) is not { } guide) return null;
        var entry = guide.Entries.FirstOrDefault(e => e.Article is null && e.Section == section);
        if (entry is null) return null;
        var text = catalog.GetOfficialDocument(doc) is null
            ? ui.NoOfficialText(guide.ShortName) + "\n\n" + entry.Explanation.Trim()
            : entry.Explanation;
        var body = Compose(text, entry.Citations, ui);
        if (generation.Sections.Count < MaxArticleBodies) generation.Sections.TryAdd(key, body);
        return body;
    }

    /// <summary>The questions of the cards a card lists as related, in its order (unknown ids left out).</summary>
    public IReadOnlyList<string> RelatedQuestions(KnowledgeCard card) =>
        Current().Related.GetOrAdd(card, static (c, catalog) =>
        {
            var questions = new List<string>(c.Related.Count);
            foreach (var id in c.Related)
                if (catalog.GetCard(id) is { } related) questions.Add(related.Question);
            return questions.ToArray();
        }, catalog);

    /// <summary>The questions of the cards that cite the article, the role's own audience first, then cards for
    /// everyone, then the rest, each group in catalog order.</summary>
    public IReadOnlyList<string> CardsCiting(string doc, int article, Audience? role)
    {
        var generation = Current();
        var byArticle = generation.CardsByArticle.Value;
        if (!byArticle.TryGetValue((DocumentNumber.Key(doc), article), out var cards)) return [];
        return generation.Citing.GetOrAdd((cards, role), static key =>
        {
            var (cards, role) = key;
            // A stable sort on the group, as OrderBy is.
            return cards.OrderBy(c => c.Audience == role ? 0 : c.Audience == Audience.All ? 1 : 2).Select(c => c.Question).ToArray();
        });
    }

    /// <summary>Exactly what AnswerComposer has always put in an answer's message, made once.</summary>
    public AnswerBody Compose(string body, IEnumerable<Citation> cited, UiText ui)
    {
        var verified = citations.Verified(cited);
        var main = verified.Count > 0 ? verified[0] : null;

        var paragraphs = new List<string>();
        if (!string.IsNullOrEmpty(ui.ContentInVietnamese)) paragraphs.Add(ui.ContentInVietnamese);
        paragraphs.Add(body.Trim());
        if (citations.Line(verified, ui) is { } line) paragraphs.Add(line);
        paragraphs.AddRange(notes.For(new[] { body }.Concat(verified.Select(OfficialTextOf)), ui));

        var fullText = main is not null && catalog.GetOfficialArticle(main.Doc, main.Article) is not null
            ? ui.FullTextAction(main.Article)
            : null;
        var article = main is null ? null : new ArticleReference(main.Doc, main.Article, main.Clause);
        return new AnswerBody(string.Join("\n\n", paragraphs), verified, article, fullText);
    }

    private string? OfficialTextOf(Citation citation)
    {
        var article = catalog.GetOfficialArticle(citation.Doc, citation.Article);
        if (article is null) return null;
        if (citation.Clause is { } number && article.Clauses.FirstOrDefault(c => c.Number == number) is { } clause)
            return clause.FullText;
        return article.FullText;
    }

    private Generation Current()
    {
        var cards = catalog.Cards;
        var current = Volatile.Read(ref _current);
        if (current is not null && ReferenceEquals(current.CardList, cards)) return current;
        // Two turns may both start a new generation after a reload; either one is right.
        current = new Generation(cards);
        Volatile.Write(ref _current, current);
        return current;
    }

    /// <summary>What is kept for one catalog.</summary>
    private sealed class Generation(IReadOnlyList<KnowledgeCard> cards)
    {
        public IReadOnlyList<KnowledgeCard> CardList { get; } = cards;
        // By card instance (a record compares by value, hashing the whole answer text).
        public ConcurrentDictionary<(KnowledgeCard, string), AnswerBody> Cards { get; } = new(new CardKeyComparer());
        public ConcurrentDictionary<(string, int, int?, string), (AnswerBody Body, bool Explained)> Articles { get; } = new();
        public ConcurrentDictionary<(string, string, string), AnswerBody> Sections { get; } = new();
        public ConcurrentDictionary<KnowledgeCard, string[]> Related { get; } = new(ReferenceEqualityComparer.Instance);
        public ConcurrentDictionary<(KnowledgeCard[], Audience?), string[]> Citing { get; } = new(new CitingKeyComparer());

        public Lazy<Dictionary<(string, int), KnowledgeCard[]>> CardsByArticle { get; } = new(() =>
            cards.SelectMany(card => card.Citations.Select(c => (Key: (DocumentNumber.Key(c.Doc), c.Article), Card: card)))
                .GroupBy(x => x.Key)
                // A card citing the article twice is listed once, at its place in the catalog.
                .ToDictionary(g => g.Key, g => g.Select(x => x.Card).Distinct().ToArray()));
    }

    private sealed class CardKeyComparer : IEqualityComparer<(KnowledgeCard, string)>
    {
        public bool Equals((KnowledgeCard, string) x, (KnowledgeCard, string) y) =>
            ReferenceEquals(x.Item1, y.Item1) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal);

        public int GetHashCode((KnowledgeCard, string) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item1), key.Item2);
    }

    private sealed class CitingKeyComparer : IEqualityComparer<(KnowledgeCard[], Audience?)>
    {
        public bool Equals((KnowledgeCard[], Audience?) x, (KnowledgeCard[], Audience?) y) =>
            ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;

        public int GetHashCode((KnowledgeCard[], Audience?) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item1), key.Item2);
    }
}
