using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Resources;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>The buttons the bot offers. Questions and choices are imBack (pressing one sends its text, which the
/// bot understands typed as well); "Xem nguyên văn" and 👍/👎 are messageBack with a JSON value naming the article
/// or answer, so they work even when the conversation state is gone, and their text still works without the value.</summary>
public static class ReplyActions
{
    public static CardAction Say(string text) => new() { Type = ActionTypes.ImBack, Title = text, Value = text };

    public static CardAction FullText(UiText ui, string doc, int article)
    {
        var title = ui.FullTextAction(article);
        return new CardAction
        {
            Type = ActionTypes.MessageBack,
            Title = title,
            Text = title,
            DisplayText = title,
            Value = new JObject { ["action"] = "fulltext", ["doc"] = doc, ["article"] = article },
        };
    }

    public static IEnumerable<CardAction> Feedback(AnswerRecord answer)
    {
        foreach (var (label, vote) in new[] { ("👍", 1), ("👎", -1) })
        {
            var value = new JObject { ["action"] = "feedback", ["vote"] = vote, ["answerId"] = answer.Id };
            if (answer.CardId is not null) value["cardId"] = answer.CardId;
            if (answer.Doc is not null) value["doc"] = answer.Doc;
            if (answer.Article is { } article) value["article"] = article;
            if (answer.Clause is { } clause) value["clause"] = clause;
            yield return new CardAction
            {
                Type = ActionTypes.MessageBack, Title = label, Text = label, DisplayText = label, Value = value,
            };
        }
    }

    public static SuggestedActions Suggest(IEnumerable<CardAction> actions) => new() { Actions = actions.ToList() };
}
