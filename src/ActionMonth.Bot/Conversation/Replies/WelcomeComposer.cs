using ActionMonth.Bot.Resources;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Storage;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>The welcome, the role question and what follows a role choice, plus help and the hotline list.</summary>
public sealed class WelcomeComposer(
    IKnowledgeCatalog catalog,
    KnowledgeReadiness readiness,
    HotlineDirectory hotlines,
    IOptions<StorageOptions> storage,
    EscalationAvailability escalation)
{
    private int RetentionDays => Math.Max(1, storage.Value.StateRetentionDays);

    /// <summary>The welcome ends with the role choice and the other language: someone who reads only English meets a
    /// Vietnamese welcome first, and "English" is the one word they need.</summary>
    public Activity Welcome(UiText ui)
    {
        var message = WithRoleChoices(Message(ui, ui.Welcome(RetentionDays, escalation.Enabled)), ui);
        message.SuggestedActions.Actions.Add(ReplyActions.Say(ui.ActionOtherLanguage));
        return message;
    }

    public Activity Brief(UiText ui) => Message(ui, ui.WelcomeBrief(RetentionDays));

    public Activity RoleQuestion(UiText ui) => WithRoleChoices(Message(ui, ui.RoleQuestion), ui);

    public Activity RoleConfirmed(Audience role, UiText ui)
    {
        var message = Message(ui, ui.RoleConfirmed(role));
        message.SuggestedActions = ReplyActions.Suggest(Examples(role, ui).Select(ReplyActions.Say));
        return message;
    }

    public Activity Help(Audience? role, UiText ui)
    {
        var message = Message(ui, ui.Help(role));
        message.SuggestedActions = ReplyActions.Suggest(
            new[] { ui.ActionHotlines, ui.ActionChangeRole, ui.ActionOtherLanguage, ui.ActionRestart }.Select(ReplyActions.Say));
        return message;
    }

    public Activity Hotlines(UiText ui)
    {
        var lines = hotlines.All().Select(ui.HotlineEntry);
        return Message(ui, ui.HotlinesIntro + "\n" + string.Join("\n", lines) + "\n\n" + ui.HotlinesFooter);
    }

    public static Activity Message(UiText ui, string text)
    {
        var message = MessageFactory.Text(text);
        message.Locale = ui.Locale;
        return message;
    }

    /// <summary>Example questions for a role: real cards of that audience when the content is Vietnamese (each is
    /// sure to have an answer), else the UI's examples.</summary>
    private IEnumerable<string> Examples(Audience role, UiText ui)
    {
        var fromCards = ui.Language == State.UiLanguages.Vietnamese && readiness.IsReady
            ? catalog.Cards.Where(c => c.Audience == role).Select(c => c.Question).Take(3).ToList()
            : [];
        return fromCards.Count >= 3 ? fromCards : fromCards.Concat(ui.ExampleQuestions(role)).Distinct().Take(3);
    }

    private static Activity WithRoleChoices(Activity message, UiText ui)
    {
        message.SuggestedActions = ReplyActions.Suggest(
            new[] { Audience.Parent, Audience.Teacher, Audience.Child }.Select(r => ReplyActions.Say(ui.RoleChoice(r))));
        return message;
    }
}
