using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Safety;

/// <summary>
/// The safety reply (issue 5 §2). For a child: thanks and belief, not their fault, 111 (free, 24/7), 113 or 115
/// when in danger now, what happens next, and that nothing is shared with their family. For an adult reporting
/// about a child: the reporting path (who to tell, how fast, with the rules it rests on) plus 111. The numbers
/// are always in the text; the card adds call buttons where the channel supports tel: actions. No questions, no
/// promises, no filler.
/// </summary>
public sealed class SafetyReplyComposer(CitationFormatter citations, KnowledgeReadiness readiness, EscalationAvailability escalation)
{
    // Who must report, to whom, and the 12-hour intervention rule: NĐ 56/2017 Điều 25 khoản 1 and Điều 26 khoản 3,
    // Luật Trẻ em Điều 51 khoản 1. Shown only when the catalog confirms them in the indexed texts.
    private static readonly Citation[] ReportingRules =
    [
        new("56/2017/NĐ-CP", 25, 1),
        new("56/2017/NĐ-CP", 26, 3),
        new("102/2016/QH13", 51, 1),
    ];

    public Activity Compose(DisclosureAssessment assessment, Audience? role, UiText ui, string? channelId, bool caseOpened)
    {
        var reporter = ReporterOf(assessment, role);
        // A child who chose "trẻ em" telling about a friend or sibling: still a child, who needs an adult, not the
        // adult's reporting path.
        var childWitness = reporter == Reporter.Adult && role == Audience.Child;
        // An adult facing a child's life in danger gets the numbers first and no legal paragraph (nothing to cite).
        var adultEmergency = reporter == Reporter.Adult && assessment.Level == DisclosureLevel.Emergency;
        IReadOnlyList<Citation> cited = [];
        string text;
        if (childWitness)
        {
            text = ui.SafetyForChildWitness(assessment.Level, assessment.Category, caseOpened);
        }
        else if (reporter == Reporter.Adult)
        {
            // Never wait for the index: before it has loaded, the path is given without its references.
            cited = readiness.IsReady && !adultEmergency ? citations.Verified(ReportingRules) : [];
            var line = cited.Count == 0 ? null : string.Join("; ", cited.Select(c => citations.Describe(c, ui)));
            text = ui.SafetyForAdult(assessment.Level, caseOpened, line);
        }
        else
        {
            text = ui.SafetyForChild(assessment.Level, assessment.Category, caseOpened);
        }

        var numbers = NumbersInOrder(assessment);
        var card = new HeroCard
        {
            Title = childWitness ? ui.SafetyTitleChildWitness : adultEmergency ? ui.SafetyTitleAdultEmergency : ui.SafetyTitle(reporter),
            Subtitle = string.Join(" · ", numbers),
            Buttons = ChannelCapabilities.SupportsCallActions(channelId)
                ? numbers.Select(n => new CardAction { Type = ActionTypes.Call, Title = ui.CallAction(n), Value = "tel:" + n }).ToList()
                : [],
        };

        var reply = (Activity)MessageFactory.Attachment(card.ToAttachment(), text);
        reply.Locale = ui.Locale;
        reply.Entities = cited.Select(CitationFormatter.ToEntity).ToList();
        var choices = childWitness
            ? new[] { ui.ChoiceConnectCounsellor, ui.ChoiceAskMore(Reporter.Child) }
            : reporter == Reporter.Adult
                ? new[] { ui.ChoiceConnectCounsellor, ui.ChoiceAskMore(reporter) }
                : new[] { ui.ChoiceConnectCounsellor, ui.ChoiceSafeNow, ui.ChoiceAskMore(reporter) };
        // Without escalation nobody can be connected here: the button would only say so (111 is in the text and card).
        reply.SuggestedActions = ReplyActions.Suggest(choices.Where(c => escalation.Enabled || c != ui.ChoiceConnectCounsellor)
            .Select(ReplyActions.Say));
        return reply;
    }

    /// <summary>Who the reply speaks to: the detector's reading of who speaks wins; when it cannot tell, a user who chose
    /// parent or teacher is an adult, and anyone else gets the child's reply, which is the gentler one.</summary>
    public static Reporter ReporterOf(DisclosureAssessment assessment, Audience? role) => assessment.Reporter switch
    {
        Reporter.Adult => Reporter.Adult,
        // The detector reads an adult speaker from the words ("chồng tôi…", "con tôi…"); a chosen role does not overrule
        // a child's reading, because a child who picked the wrong button must still get the reply written for a child.
        Reporter.Child => Reporter.Child,
        _ => role is Audience.Parent or Audience.Teacher ? Reporter.Adult : Reporter.Child,
    };

    private static string[] NumbersInOrder(DisclosureAssessment assessment) => assessment.Level switch
    {
        DisclosureLevel.Emergency when assessment.Category == DisclosureCategory.SelfHarm => ["115", "111", "113"],
        DisclosureLevel.Emergency => ["113", "115", "111"],
        _ => ["111", "113", "115"],
    };
}
