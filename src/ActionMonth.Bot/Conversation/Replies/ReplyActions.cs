using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Resources;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>The buttons the bot offers. Questions and choices are imBack (pressing one sends its text, which the
/// bot understands typed as well); "Xem nguyên văn" and 👍/👎 are messageBack with a JSON value naming the article
/// or answer, so they work even when the conversation state is gone, and their text still works without the value.</summary>
public static class ReplyActions
{
    public static CardAction Say(string text) => new() { Type = ActionTypes.ImBack, Title = text, Value = text };

    public static CardAction FullText(UiText ui, string doc, int article) => FullText(ui.FullTextAction(article), doc, article);

    /// <summary>"Xem nguyên văn Điều N" with its label already made (<see cref="UiText.FullTextAction"/>).</summary>
    public static CardAction FullText(string title, string doc, int article) => new()
    {
        Type = ActionTypes.MessageBack,
        Title = title,
        Text = title,
        DisplayText = title,
        Value = new ButtonValue { Action = ButtonValue.FullTextAction, Doc = doc, Article = article },
    };

    public static IEnumerable<CardAction> Feedback(AnswerRecord answer) => [Feedback(answer, "👍", 1), Feedback(answer, "👎", -1)];

    /// <summary>Adds 👍 and 👎 for <paramref name="answer"/>.</summary>
    public static void AddFeedback(List<CardAction> actions, AnswerRecord answer)
    {
        actions.Add(Feedback(answer, "👍", 1));
        actions.Add(Feedback(answer, "👎", -1));
    }

    private static CardAction Feedback(AnswerRecord answer, string label, int vote)
    {
        var value = new ButtonValue
        {
            Action = ButtonValue.FeedbackAction, Vote = vote, AnswerId = answer.Id, CardId = answer.CardId,
            Doc = answer.Doc, Article = answer.Article, Clause = answer.Clause,
        };
        return new CardAction { Type = ActionTypes.MessageBack, Title = label, Text = label, DisplayText = label, Value = value };
    }

    public static SuggestedActions Suggest(IEnumerable<CardAction> actions) => new() { Actions = actions.ToList() };
}
