using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>Replies about the article the conversation is on: its official text ("Xem nguyên văn", split into
/// readable messages), one clause of it ("còn khoản 2 thì sao?"), and "nói rõ hơn" (the guide's explanation,
/// or the official text once the explanation has been given).</summary>
public sealed class ArticleComposer(IKnowledgeCatalog catalog, CitationFormatter citations, ReorganisationNotes notes)
{
    public ComposedReply FullText(string doc, int articleNumber, UiText ui)
    {
        // A document we know nothing of (a button value edited by hand) is not named back to the user.
        if (catalog.GetOfficialDocument(doc) is null && catalog.GetGuide(doc) is null) return Reply(ui, ui.NoEarlierArticle);
        var shortName = catalog.ShortName(doc);
        var article = catalog.GetOfficialArticle(doc, articleNumber);
        if (article is null) return Reply(ui, ui.FullTextUnavailable(articleNumber, shortName));

        var parts = OfficialTextSplitter.Split(article.FullText);
        var activities = new List<IActivity>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var heading = i == 0 ? ui.FullTextHeading(articleNumber, article.Title, shortName) : ui.FullTextContinued(i + 1, parts.Count);
            var message = MessageFactory.Text(heading + "\n\n" + parts[i]);
            message.Locale = ui.Locale;
            activities.Add(message);
        }

        var verified = citations.Verified([new Citation(doc, articleNumber)]);
        ((Activity)activities[0]).Entities = verified.Select(CitationFormatter.ToEntity).ToList();
        var reorganisation = notes.For([article.FullText], ui);
        if (reorganisation.Count > 0) activities.Add(Message(ui, string.Join("\n\n", reorganisation)));
        return new ComposedReply(activities, Article: new ArticleReference(doc, articleNumber), ArticleExplained: true);
    }

    public ComposedReply Clause(ArticleReference last, int clauseNumber, UiText ui)
    {
        var shortName = catalog.ShortName(last.Doc);
        var article = catalog.GetOfficialArticle(last.Doc, last.Article);
        if (article is null) return Reply(ui, ui.FullTextUnavailable(last.Article, shortName));
        var clause = article.Clauses.FirstOrDefault(c => c.Number == clauseNumber);
        if (clause is null) return Reply(ui, ui.ClauseMissing(last.Article, clauseNumber, shortName, article.Clauses.Count));

        var citation = new Citation(last.Doc, last.Article, clauseNumber);
        var verified = citations.Verified([citation]);
        var answer = new AnswerRecord(ComposedReply.NewAnswerId(), "clause", null, last.Doc, last.Article, clauseNumber, "high");
        var paragraphs = new List<string> { ui.ClauseHeading(last.Article, clauseNumber, shortName), clause.FullText };
        if (citations.Line(verified, ui) is { } line) paragraphs.Add(line);
        paragraphs.AddRange(notes.For([clause.FullText], ui));

        var message = Message(ui, string.Join("\n\n", paragraphs));
        message.Entities = verified.Select(CitationFormatter.ToEntity).ToList();
        message.SuggestedActions = ReplyActions.Suggest(
            new[] { ReplyActions.FullText(ui, last.Doc, last.Article) }.Concat(ReplyActions.Feedback(answer)));
        return new ComposedReply([message], answer, last with { Clause = clauseNumber });
    }

    public ComposedReply Explain(ArticleReference last, bool alreadyExplained, UiText ui)
    {
        var entry = catalog.GetGuideEntry(last.Doc, last.Article);
        if (entry is null || alreadyExplained) return FullText(last.Doc, last.Article, ui);

        var verified = citations.Verified([new Citation(last.Doc, last.Article, last.Clause)]);
        var answer = new AnswerRecord(ComposedReply.NewAnswerId(), "guide", null, last.Doc, last.Article, last.Clause, "high");
        var paragraphs = new List<string>
        {
            ui.ExplainHeading(last.Article, catalog.ShortName(last.Doc)),
            entry.Explanation.Trim(),
        };
        if (citations.Line(verified, ui) is { } line) paragraphs.Add(line);
        paragraphs.AddRange(notes.For([entry.Explanation, catalog.GetOfficialArticle(last.Doc, last.Article)?.FullText], ui));

        var message = Message(ui, string.Join("\n\n", paragraphs));
        message.Entities = verified.Select(CitationFormatter.ToEntity).ToList();
        var actions = new List<CardAction>();
        if (catalog.GetOfficialArticle(last.Doc, last.Article) is not null) actions.Add(ReplyActions.FullText(ui, last.Doc, last.Article));
        actions.AddRange(ReplyActions.Feedback(answer));
        message.SuggestedActions = ReplyActions.Suggest(actions);
        return new ComposedReply([message], answer, last, ArticleExplained: true);
    }

    /// <summary>"tóm tắt": the bot writes no summaries of its own (every sentence it says is prepared and checked), so it
    /// says so and offers the explanation and the official text of the article.</summary>
    public ComposedReply NoSummary(ArticleReference last, UiText ui)
    {
        var message = Message(ui, ui.NoSummary(last.Article, catalog.ShortName(last.Doc)));
        var actions = new List<CardAction> { ReplyActions.Say(ui.ActionExplain) };
        if (catalog.GetOfficialArticle(last.Doc, last.Article) is not null) actions.Add(ReplyActions.FullText(ui, last.Doc, last.Article));
        message.SuggestedActions = ReplyActions.Suggest(actions);
        return new ComposedReply([message]);
    }

    private static ComposedReply Reply(UiText ui, string text) => new([Message(ui, text)]);

    private static Activity Message(UiText ui, string text)
    {
        var message = MessageFactory.Text(text);
        message.Locale = ui.Locale;
        return message;
    }
}
