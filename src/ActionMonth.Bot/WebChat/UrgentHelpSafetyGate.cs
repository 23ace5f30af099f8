using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.WebChat;

/// <summary>
/// The page's "Tôi cần giúp đỡ ngay" button sends a message whose value is <c>{"action":"urgent-help"}</c>. Pressing
/// it is an explicit request for help now, so it counts as an urgent disclosure (category other danger, cue
/// <see cref="CueId"/>) whatever the words: the safety gate then sends the safety reply with 111 and opens a case,
/// exactly as for a typed disclosure. The detector still reads the text first, and a stronger reading (emergency, a
/// known category) wins. Typed words alone are left to the detector.
/// </summary>
public sealed class UrgentHelpSafetyGate(ISafetyGate inner, ILogger<UrgentHelpSafetyGate> logger) : ISafetyGate
{
    public const string Action = "urgent-help";
    public const string CueId = "button-urgent-help";

    public DisclosureAssessment Assess(IMessageActivity activity)
    {
        var assessment = inner.Assess(activity);
        if (!IsUrgentHelpRequest(activity) || assessment.Level >= DisclosureLevel.Urgent) return assessment;
        logger.LogInformation("Urgent help requested with the button on activity {ActivityId}", activity.Id);
        var category = assessment.Category == DisclosureCategory.None ? DisclosureCategory.OtherDanger : assessment.Category;
        return new DisclosureAssessment(DisclosureLevel.Urgent, category, assessment.Reporter,
            [.. assessment.Cues, new DisclosureCue(CueId, category, DisclosureLevel.Urgent)]);
    }

    public Task<SafetyOutcome> RespondAsync(ITurnContext turnContext, DisclosureAssessment assessment, TurnSession session,
        CancellationToken cancellationToken) => inner.RespondAsync(turnContext, assessment, session, cancellationToken);

    // Any client can post any value: only a string "action" is read, anything else is not the button (never a throw here,
    // which runs before the detector's answer is sent).
    public static bool IsUrgentHelpRequest(IMessageActivity activity) =>
        activity.Value is JObject value && value["action"] is JValue { Type: JTokenType.String } action && (string?)action == Action;
}
