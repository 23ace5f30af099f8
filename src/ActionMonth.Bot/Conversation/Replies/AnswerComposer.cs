using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>
/// Answers a question from the knowledge base: the best plain-language answer (an FAQ card, else the guide's
/// explanation of the article, else the official wording itself), its citation line and entities, the official
/// text button, up to three related questions and 👍/👎. Low confidence says so and offers the closest topics;
/// no answer says so. Nothing here invents content: every sentence of an answer comes from knowledge/ or the
/// official texts, every citation is confirmed by the catalog.
/// </summary>
public sealed class AnswerComposer(
    IKnowledgeSearch search,
    SearchResultCache cache,
    IKnowledgeCatalog catalog,
    CitationFormatter citations,
    ReorganisationNotes notes)
{
    private const int MaxRelated = 3;
    private const int MaxQuoteLength = 900;

    public ComposedReply Answer(string question, Audience? role, UiText ui)
    {
        // English questions are searched with the Vietnamese words the knowledge base uses; a question longer than
        // the engine takes is searched by its first part.
        var query = ui.Language == State.UiLanguages.English ? EnglishQueryTranslator.Default.Translate(question) ?? question : question;
        query = FirstPart(query, KnowledgeSearchEngine.MaxQueryLength);
        SearchResult result;
        try
        {
            result = cache.Search(search, query, new SearchOptions(Top: 5, Audience: role is null or Audience.All ? null : role));
        }
        catch (ArgumentException)
        {
            // Empty or over-long for the engine: nothing we can look up.
            result = new SearchResult(question, Confidence.None, []);
        }

        if (result.Hits.Count == 0 || result.Confidence == Confidence.None) return NoAnswer(role, ui);
        if (result.Confidence == Confidence.Low) return LowConfidence(result, role, ui);
        return FromHits(result, role, ui);
    }

    /// <summary>The plain-language text about one article (guide explanation, else its official wording),
    /// used for "điều 27 thì sao?" within the document under discussion.</summary>
    public ComposedReply AboutArticle(string doc, int article, int? clause, Audience? role, UiText ui)
    {
        var entry = catalog.GetGuideEntry(doc, article);
        var official = catalog.GetOfficialArticle(doc, article);
        if (entry is null && official is null) return Text(ui.ArticleMissing(article, catalog.ShortName(doc)));
        var body = entry?.Explanation ?? Quote(official!, clause, ui);
        return Compose(ui, body, [new Citation(doc, article, clause)], cardId: null, kind: entry is null ? "official" : "guide",
            related: RelatedToArticle(doc, article, role), confidence: Confidence.High,
            explained: entry is not null);
    }

    private ComposedReply FromHits(SearchResult result, Audience? role, UiText ui)
    {
        var hit = PlainLanguageHit(result.Hits);
        var others = result.Hits.Where(h => !ReferenceEquals(h, hit)).ToList();

        if (hit.Kind == HitKind.Faq && hit.CardId is not null && catalog.GetCard(hit.CardId) is { } card)
        {
            var related = card.Related.Select(catalog.GetCard).OfType<KnowledgeCard>().Select(c => c.Question)
                .Concat(QuestionsOf(others, exclude: card.Id));
            return Compose(ui, card.Answer, card.Citations, card.Id, "faq", related, result.Confidence, explained: false);
        }

        if (hit.Article is { } article)
        {
            var entry = catalog.GetGuideEntry(hit.Doc, article);
            var official = catalog.GetOfficialArticle(hit.Doc, article);
            var body = entry?.Explanation ?? (official is not null ? Quote(official, hit.Clause, ui) : hit.Snippet);
            var related = RelatedToArticle(hit.Doc, article, role).Concat(QuestionsOf(others, exclude: null));
            return Compose(ui, body, [new Citation(hit.Doc, article, hit.Clause)], null,
                entry is not null ? "guide" : "official", related, result.Confidence, explained: entry is not null);
        }

        // A guide section without articles (e.g. a directive we describe from sources): its text, no citation.
        return Compose(ui, hit.Snippet, hit.Citations ?? [], null, "guide", QuestionsOf(others, exclude: null),
            result.Confidence, explained: false);
    }

    private ComposedReply Compose(UiText ui, string body, IEnumerable<Citation> cited, string? cardId, string kind,
        IEnumerable<string> related, Confidence confidence, bool explained)
    {
        var verified = citations.Verified(cited);
        var main = verified.FirstOrDefault();
        var answer = new AnswerRecord(ComposedReply.NewAnswerId(), kind, cardId, main?.Doc, main?.Article, main?.Clause,
            confidence.ToString().ToLowerInvariant());

        var paragraphs = new List<string>();
        if (!string.IsNullOrEmpty(ui.ContentInVietnamese)) paragraphs.Add(ui.ContentInVietnamese);
        paragraphs.Add(body.Trim());
        if (citations.Line(verified, ui) is { } line) paragraphs.Add(line);
        paragraphs.AddRange(notes.For(new[] { body }.Concat(verified.Select(OfficialTextOf)), ui));

        var reply = MessageFactory.Text(string.Join("\n\n", paragraphs));
        reply.Locale = ui.Locale;
        reply.Entities = verified.Select(CitationFormatter.ToEntity).ToList();
        var actions = related.Where(q => !string.IsNullOrWhiteSpace(q)).Distinct(StringComparer.Ordinal)
            .Take(MaxRelated).Select(ReplyActions.Say).ToList();
        if (main is not null && catalog.GetOfficialArticle(main.Doc, main.Article) is not null)
            actions.Add(ReplyActions.FullText(ui, main.Doc, main.Article));
        actions.AddRange(ReplyActions.Feedback(answer));
        reply.SuggestedActions = ReplyActions.Suggest(actions);

        var article = main is null ? null : new ArticleReference(main.Doc, main.Article, main.Clause);
        return new ComposedReply([reply], answer, article, explained);
    }

    private ComposedReply LowConfidence(SearchResult result, Audience? role, UiText ui)
    {
        var topics = result.Hits.Select(TopicOf).OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxRelated).ToList();
        var text = ui.LowConfidence(role);
        if (topics.Count > 0) text += "\n\n" + ui.ClosestTopics + "\n" + string.Join("\n", topics.Select(t => "• " + t));
        var reply = MessageFactory.Text(text);
        reply.Locale = ui.Locale;
        reply.SuggestedActions = ReplyActions.Suggest(topics.Select(ReplyActions.Say));
        return new ComposedReply([reply], new AnswerRecord(ComposedReply.NewAnswerId(), "low", null, null, null, null, "low"));
    }

    private static ComposedReply NoAnswer(Audience? role, UiText ui)
    {
        var reply = MessageFactory.Text(ui.NoAnswer(role));
        reply.Locale = ui.Locale;
        reply.SuggestedActions = ReplyActions.Suggest([ReplyActions.Say(ui.ActionHotlines)]);
        return new ComposedReply([reply], new AnswerRecord(ComposedReply.NewAnswerId(), "none", null, null, null, null, "none"));
    }

    private static ComposedReply Text(string text) => new([MessageFactory.Text(text)]);

    /// <summary>An official hit ranks first when the question quotes the law closely; if a card or the guide
    /// covers the same article among the hits, that plain-language text is the better answer.</summary>
    private static SearchHit PlainLanguageHit(IReadOnlyList<SearchHit> hits)
    {
        var first = hits[0];
        if (first.Kind != HitKind.Official) return first;
        return hits.FirstOrDefault(h => h.Kind != HitKind.Official && h.Article == first.Article
                                        && DocumentNumber.Same(h.Doc, first.Doc)) ?? first;
    }

    /// <summary>Cards that cite the article, the user's own audience first, then cards for everyone.</summary>
    private IEnumerable<string> RelatedToArticle(string doc, int article, Audience? role) =>
        catalog.Cards.Where(c => c.Citations.Any(x => x.Article == article && DocumentNumber.Same(x.Doc, doc)))
            .OrderBy(c => c.Audience == role ? 0 : c.Audience == Audience.All ? 1 : 2)
            .Select(c => c.Question);

    private IEnumerable<string> QuestionsOf(IEnumerable<SearchHit> hits, string? exclude) =>
        hits.Where(h => h.Kind == HitKind.Faq && h.CardId is not null && h.CardId != exclude)
            .Select(h => catalog.GetCard(h.CardId!)?.Question).OfType<string>();

    private string? TopicOf(SearchHit hit)
    {
        if (hit.Kind == HitKind.Faq && hit.CardId is not null) return catalog.GetCard(hit.CardId)?.Question;
        if (hit.Article is { } article)
        {
            var title = hit.ArticleTitle ?? catalog.GetOfficialArticle(hit.Doc, article)?.Title;
            return $"Điều {article} {catalog.ShortName(hit.Doc)}" + (string.IsNullOrEmpty(title) ? string.Empty : $": {title}");
        }
        return null;
    }

    private string? OfficialTextOf(Citation citation)
    {
        var article = catalog.GetOfficialArticle(citation.Doc, citation.Article);
        if (article is null) return null;
        if (citation.Clause is { } number && article.Clauses.FirstOrDefault(c => c.Number == number) is { } clause)
            return clause.FullText;
        return article.FullText;
    }

    /// <summary>The text up to <paramref name="limit"/> characters, ending at the last sentence end inside it (or
    /// the last space when no sentence ends early enough).</summary>
    public static string FirstPart(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = text.LastIndexOfAny(['?', '.', '!', '\n'], limit - 1);
        if (cut < 5) cut = text.LastIndexOf(' ', limit - 1);
        if (cut < 5) cut = limit - 1;
        return text[..(cut + 1)].Trim();
    }

    private static string Quote(OfficialArticle article, int? clauseNumber, UiText ui)
    {
        var text = clauseNumber is { } n && article.Clauses.FirstOrDefault(c => c.Number == n) is { } clause
            ? clause.FullText
            : article.FullText;
        if (text.Length > MaxQuoteLength) text = OfficialTextSplitter.Split(text, MaxQuoteLength)[0] + " …";
        return $"{ui.OfficialTextQuote}\n«{text}»";
    }
}
