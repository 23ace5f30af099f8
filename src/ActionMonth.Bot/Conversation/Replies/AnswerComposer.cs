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
    ReorganisationNotes notes,
    ArticleComposer articles)
{
    private const int MaxRelated = 3;
    private const int MaxQuoteLength = 900;
    private readonly AnswerBodies _bodies = new(catalog, citations, notes);

    public ComposedReply Answer(string question, Audience? role, UiText ui)
    {
        // English questions are searched with the Vietnamese words the knowledge base uses; a question longer than
        // the engine takes is searched by its first part.
        var query = ui.Language == State.UiLanguages.English ? EnglishQueryTranslator.Default.Translate(question) ?? question : question;
        query = FirstPart(query, KnowledgeSearchEngine.MaxQueryLength);
        SearchResult result;
        try
        {
            var audience = role is null or Audience.All ? (Audience?)null : role;
            result = cache.Search(search, query, new SearchOptions(Top: 5, Audience: audience));
            // The role leaves out cards written for the others; when that leaves no sure answer, the question is asked
            // for everyone: a teacher who asks a parent's question is better served by the parent's card than by nothing.
            if (audience is not null && result.Confidence <= Confidence.Low)
            {
                var everyone = cache.Search(search, query, new SearchOptions(Top: 5));
                if (everyone.Confidence > result.Confidence) result = everyone;
            }
            else if (audience is not null && !CardFor(result, audience.Value))
            {
                // Nor by a passage that merely shares words with the question, when a card for others fits it far better
                // (a parent asking what schools must do: the teachers' card, not the police ministry's article).
                // An adult is not answered in the words written for a child ("em"), however well they fit.
                var everyone = cache.Search(search, query, new SearchOptions(Top: 5));
                if (FarBetter(everyone, result) && !(audience != Audience.Child && CardFor(everyone, Audience.Child))) result = everyone;
            }
            else if (audience is null)
            {
                result = AsTheSpeaker(query, Speaker(question, ui), result);
            }
        }
        catch (ArgumentException)
        {
            // Empty or over-long for the engine: nothing we can look up.
            result = new SearchResult(question, Confidence.None, []);
        }

        // "Điều 200 Luật Trẻ em": say what the document has rather than answer whatever its words found.
        if (result.MissingArticle is { } missing) return Text(MissingArticle(missing.Doc, missing.Article, ui), ui);

        // "Báo ở đâu, báo ai, làm sao để tố giác": where to report, in the words for the asker, whatever else matched.
        if (ReportingQuestion.Asks(question) && ReportingCard(Asker(question, role, ui)) is { } where && !Answers(result, where))
            return ReportingAnswer(where, result, role, ui, leadIn: false);

        // A question about a child being harmed never gets "no information": it gets how to report and find help.
        var aboutHarm = result.Confidence <= Confidence.Low && HarmTopic.Mentions(question);
        var reporting = aboutHarm ? ReportingCard(role) : null;
        // Without a role, "no answer" and "not sure" speak to a child who writes like one ("bn e bao e beo"): the child's
        // texts are the warm ones, never a cold "no information".
        var addressed = role ?? (WritesAsAChild(question) ? Audience.Child : null);
        if (result.Hits.Count == 0 || result.Confidence == Confidence.None)
            return reporting is null ? NoAnswer(addressed, ui) : ReportingAnswer(reporting, result, role, ui);
        if (result.Confidence == Confidence.Low) return LowConfidence(result, addressed, ui, reporting);
        return FromHits(result, role, ui);
    }

    /// <summary>"em" of themself (<see cref="SpeakerCues"/>), or "e" as children type it, with no adult's words.</summary>
    private static bool WritesAsAChild(string question) => SpeakerCues.Guess(question) switch
    {
        Audience.Child => true,
        null => (" " + TextKey.Of(question) + " ").Contains(" e ", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Without a chosen role, the best card may be written for the other side: "em" to an adult asking about
    /// a child, "con bạn" to a child asking for themself. The question is then asked again for the audience its words
    /// suggest (<see cref="SpeakerCues"/>). A card for that audience is taken when it is sure enough, as it would be
    /// for a user who had chosen that role; another answer (an article) only when the engine is as sure of it.</summary>
    private SearchResult AsTheSpeaker(string query, Audience? guessed, SearchResult result)
    {
        if (result.Hits.Count == 0 || result.Hits[0].CardId is not { } id || catalog.GetCard(id) is not { } card
            || card.Audience == Audience.All) return result;
        if (guessed is not { } speaker || (speaker == Audience.Child) == (card.Audience == Audience.Child))
            return result;
        var asSpeaker = cache.Search(search, query, new SearchOptions(Top: 5, Audience: speaker));
        if (asSpeaker.Hits.Count == 0 || asSpeaker.Confidence <= Confidence.Low) return result;
        // A card written for the speaker is taken when it is sure enough; anything else only when it is as sure and the
        // card for the others does not fit far better.
        if (CardFor(asSpeaker, speaker)) return asSpeaker;
        return asSpeaker.Confidence >= result.Confidence && !FarBetter(result, asSpeaker) ? asSpeaker : result;
    }

    /// <summary>Who the words say is asking: <see cref="SpeakerCues"/> in Vietnamese; in English, an adult naming their
    /// own child ("my 13-year-old son") is a parent, one naming their pupils a teacher.</summary>
    private static Audience? Speaker(string question, UiText ui) => ui.Language != State.UiLanguages.English
        ? SpeakerCues.Guess(question)
        : EnglishSpeakerCues.NamesOwnPupils(question) ? Audience.Teacher
        : EnglishSpeakerCues.NamesOwnChild(question) ? Audience.Parent
        : null;

    /// <summary>The first hit is a card written for <paramref name="audience"/>.</summary>
    private bool CardFor(SearchResult result, Audience audience) =>
        result.Hits.Count > 0 && result.Hits[0].CardId is { } id && catalog.GetCard(id)?.Audience == audience;

    /// <summary><paramref name="better"/>'s first hit is a card scoring well above <paramref name="other"/>'s first hit.</summary>
    private static bool FarBetter(SearchResult better, SearchResult other) =>
        better.Hits.Count > 0 && better.Hits[0].CardId is not null && better.Confidence >= other.Confidence
        && (other.Hits.Count == 0 || other.Hits[0].Score < FarBetterShare * better.Hits[0].Score);

    // Below this share of the other result's top score, a first hit is a weak match beside it.
    private const float FarBetterShare = 0.8f;

    /// <summary>The plain-language text about one article (guide explanation, else its official wording),
    /// used for "điều 27 thì sao?" within the document under discussion.</summary>
    public ComposedReply AboutArticle(string doc, int article, int? clause, Audience? role, UiText ui)
    {
        var body = _bodies.ForArticle(doc, article, clause, ui, out var explained);
        if (body is null) return Text(MissingArticle(doc, article, ui), ui);
        var related = new RelatedQuestions();
        related.AddRange(_bodies.CardsCiting(doc, article, role));
        return Compose(ui, body, cardId: null, kind: explained ? "guide" : "official", related, Confidence.High, explained);
    }

    /// <summary>"ví dụ?": the questions of the cards that rest on the article are its concrete cases; without any, the
    /// bot says it has no example rather than make one up.</summary>
    public ComposedReply Examples(ArticleReference last, Audience? role, UiText ui)
    {
        var related = new RelatedQuestions();
        related.AddRange(_bodies.CardsCiting(last.Doc, last.Article, role));
        var shortName = catalog.ShortName(last.Doc);
        var actions = new List<CardAction>(related.Count + 1);
        related.AddActionsTo(actions);
        var text = related.Count == 0
            ? ui.NoExamples(last.Article, shortName)
            : ui.ExamplesLead(last.Article, shortName) + "\n" + string.Join("\n", actions.Select(a => "• " + a.Title));
        if (catalog.GetOfficialArticle(last.Doc, last.Article) is not null) actions.Add(ReplyActions.FullText(ui, last.Doc, last.Article));
        var reply = MessageFactory.Text(text);
        reply.Locale = ui.Locale;
        reply.SuggestedActions = new SuggestedActions { Actions = actions };
        return new ComposedReply([reply]);
    }

    private ComposedReply FromHits(SearchResult result, Audience? role, UiText ui)
    {
        var hits = result.Hits;
        // "khoản 9 điều 4 luật trẻ em": the clause asked for, in its own words ("nói rõ hơn" then explains the article).
        if (result.IsCitationLookup && hits[0] is { Kind: HitKind.Official, Article: { } looked, Clause: { } clause } lookup)
            return articles.Clause(new ArticleReference(lookup.Doc, looked), clause, ui);
        var hit = PlainLanguageHit(hits);
        var related = new RelatedQuestions();

        if (hit.Kind == HitKind.Faq && hit.CardId is not null && catalog.GetCard(hit.CardId) is { } card)
        {
            related.AddRange(_bodies.RelatedQuestions(card));
            AddQuestionsOf(related, hits, hit, exclude: card.Id);
            return Compose(ui, _bodies.ForCard(card, ui), card.Id, "faq", related, result.Confidence, explained: false);
        }

        if (hit.Article is { } article)
        {
            related.AddRange(_bodies.CardsCiting(hit.Doc, article, role));
            AddQuestionsOf(related, hits, hit, exclude: null);
            var body = _bodies.ForArticle(hit.Doc, article, hit.Clause, ui, out var explained)
                       ?? _bodies.Compose(hit.Snippet, [new Citation(hit.Doc, article, hit.Clause)], ui);
            return Compose(ui, body, null, explained ? "guide" : "official", related, result.Confidence, explained);
        }

        // A guide section without articles (e.g. a directive we describe from sources): its whole text, no citation
        // of the document itself. The snippet only when the section is gone (a reload between search and answer).
        AddQuestionsOf(related, hits, hit, exclude: null);
        var section = hit.Section is { } id ? _bodies.ForGuideSection(hit.Doc, id, ui) : null;
        return Compose(ui, section ?? _bodies.Compose(hit.Snippet, hit.Citations ?? [], ui), null, "guide", related, result.Confidence,
            explained: false);
    }

    private static ComposedReply Compose(UiText ui, AnswerBody body, string? cardId, string kind, RelatedQuestions related,
        Confidence confidence, bool explained)
    {
        var verified = body.Verified;
        var main = verified.Count > 0 ? verified[0] : null;
        var answer = new AnswerRecord(ComposedReply.NewAnswerId(), kind, cardId, main?.Doc, main?.Article, main?.Clause,
            ConfidenceName(confidence));

        var reply = MessageFactory.Text(body.Text);
        reply.Locale = ui.Locale;
        var entities = new List<Entity>(verified.Count);
        foreach (var citation in verified) entities.Add(CitationFormatter.ToEntity(citation));
        reply.Entities = entities;
        var actions = new List<CardAction>(related.Count + 3);
        related.AddActionsTo(actions);
        if (body.FullTextTitle is { } title) actions.Add(ReplyActions.FullText(title, main!.Doc, main.Article));
        ReplyActions.AddFeedback(actions, answer);
        reply.SuggestedActions = new SuggestedActions { Actions = actions };

        return new ComposedReply([reply], answer, body.Article, explained);
    }

    private static string ConfidenceName(Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        Confidence.Low => "low",
        Confidence.None => "none",
        _ => confidence.ToString().ToLowerInvariant(),
    };

    /// <summary>Up to three distinct, non-blank related questions in the order offered (what
    /// <c>Where(q => !blank).Distinct().Take(3)</c> gave), without a LINQ chain per answer.</summary>
    private sealed class RelatedQuestions
    {
        private readonly string?[] _questions = new string?[MaxRelated];

        public int Count { get; private set; }

        public void Add(string? question)
        {
            if (Count == MaxRelated || string.IsNullOrWhiteSpace(question)) return;
            for (var i = 0; i < Count; i++)
                if (string.Equals(_questions[i], question, StringComparison.Ordinal)) return;
            _questions[Count++] = question;
        }

        public void AddRange(IReadOnlyList<string> questions)
        {
            for (var i = 0; i < questions.Count && Count < MaxRelated; i++) Add(questions[i]);
        }

        public void AddActionsTo(List<CardAction> actions)
        {
            for (var i = 0; i < Count; i++) actions.Add(ReplyActions.Say(_questions[i]!));
        }
    }

    // The card on reporting harm and finding help, per role: the one a question about harm falls back to.
    private KnowledgeCard? ReportingCard(Audience? role) => catalog.GetCard(ReportingCardId(role));

    private static string ReportingCardId(Audience? role) => role switch
    {
        Audience.Teacher => "teacher-where-to-report",
        Audience.Child => "child-who-can-i-tell",
        _ => "parent-where-to-report",
    };

    /// <summary>The engine already answers, surely, with this card, or with another card that names where to report (111 and the
    /// police or the commune office), written for a child when the asker is one and for adults (parents or teachers)
    /// when not: a card for the case asked about (a stepfather, a neighbour's child, child marriage) says where to report
    /// in its own words. A card on whether one must report names none of them and is not enough.</summary>
    private bool Answers(SearchResult result, KnowledgeCard card) =>
        // Only a sure answer counts: at low confidence the reply would be "not sure" with a list of topics, even with
        // this very card at the top of it.
        result.Confidence >= Confidence.Medium && result.Hits.Count > 0 && result.Hits[0].CardId is { } id
        && (id == card.Id || catalog.GetCard(id) is { } other
            && (other.Audience == Audience.All || (other.Audience == Audience.Child) == (card.Audience == Audience.Child))
            && NamesWhereToReport(other.Answer));

    private static bool NamesWhereToReport(string answer) =>
        answer.Contains("111", StringComparison.Ordinal)
        && (answer.Contains("công an", StringComparison.OrdinalIgnoreCase) || answer.Contains("xã/phường", StringComparison.OrdinalIgnoreCase)
            || answer.Contains("UBND xã", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whose card answers where to report: a child's, for a child; the school's when the question names school
    /// staff as the ones who must report ("giáo viên phát hiện … thì phải báo cho ai", "who should a teacher report abuse
    /// to"); else the chosen role's; else what the question says of its asker; else a parent's card, which speaks to any adult.</summary>
    private static Audience? Asker(string question, Audience? role, UiText ui)
    {
        if (role == Audience.Child) return role;
        if (ReportingQuestion.NamesStaffAsReporter(question)) return Audience.Teacher;
        if (role is not null and not Audience.All) return role;
        return Speaker(question, ui);
    }

    /// <summary>A question about harm the engine could not answer: the reporting card for the role, opened by a line
    /// saying why it is given, with the card's related questions. Without the lead-in, the card answers the question
    /// asked (where to report), so it is given as sure.</summary>
    private ComposedReply ReportingAnswer(KnowledgeCard card, SearchResult result, Audience? role, UiText ui, bool leadIn = true)
    {
        var body = _bodies.ForCard(card, ui);
        if (leadIn) body = body with { Text = ui.HarmQuestionLeadIn(role) + "\n\n" + body.Text };
        var related = new RelatedQuestions();
        related.AddRange(_bodies.RelatedQuestions(card));
        return Compose(ui, body, card.Id, "faq", related, leadIn ? result.Confidence : Confidence.High, explained: false);
    }

    private ComposedReply LowConfidence(SearchResult result, Audience? role, UiText ui, KnowledgeCard? reporting)
    {
        // About harm: how to report comes first among the topics offered.
        var candidates = result.Hits.Select(TopicOf);
        if (reporting is not null) candidates = candidates.Prepend(reporting.Question);
        var topics = candidates.OfType<string>().Distinct(StringComparer.Ordinal).Take(MaxRelated).ToList();
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

    private static ComposedReply Text(string text, UiText ui) => new([WelcomeComposer.Message(ui, text)]);

    private string MissingArticle(string doc, int article, UiText ui) =>
        ui.ArticleMissing(article, catalog.ShortName(doc), catalog.GetOfficialDocument(doc)?.Articles.Select(a => a.Number).DefaultIfEmpty(0).Max() ?? 0);

    /// <summary>An official hit ranks first when the question quotes the law closely; if a card or the guide
    /// covers the same article among the hits, that plain-language text is the better answer.</summary>
    private static SearchHit PlainLanguageHit(IReadOnlyList<SearchHit> hits)
    {
        var first = hits[0];
        if (first.Kind != HitKind.Official) return first;
        return hits.FirstOrDefault(h => h.Kind != HitKind.Official && h.Article == first.Article
                                        && DocumentNumber.Same(h.Doc, first.Doc)) ?? first;
    }

    /// <summary>The questions of the other FAQ hits (all hits but <paramref name="chosen"/>), but <paramref name="exclude"/>.</summary>
    private void AddQuestionsOf(RelatedQuestions related, IReadOnlyList<SearchHit> hits, SearchHit chosen, string? exclude)
    {
        for (var i = 0; i < hits.Count && related.Count < MaxRelated; i++)
        {
            var h = hits[i];
            if (ReferenceEquals(h, chosen) || h.Kind != HitKind.Faq || h.CardId is null || h.CardId == exclude) continue;
            related.Add(catalog.GetCard(h.CardId)?.Question);
        }
    }

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

    internal static string Quote(OfficialArticle article, int? clauseNumber, UiText ui)
    {
        var text = clauseNumber is { } n && article.Clauses.FirstOrDefault(c => c.Number == n) is { } clause
            ? clause.FullText
            : article.FullText;
        if (text.Length > MaxQuoteLength) text = OfficialTextSplitter.Split(text, MaxQuoteLength)[0] + " …";
        return $"{ui.OfficialTextQuote}\n«{text}»";
    }
}
