using System.Diagnostics;
using ActionMonth.Bot.Conversation.Flow;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Safety;

/// <summary>
/// Runs the disclosure detector on the whole text of every message and answers what it finds. Logs the decision
/// (level, category, reporter, the rule ids that fired, the activity id): never the text.
/// </summary>
public sealed class SafetyGate(
    IDisclosureDetector detector,
    SafetyReplyComposer composer,
    EscalationAvailability escalation,
    ILogger<SafetyGate> logger) : ISafetyGate
{
    /// <summary>TurnState key under which an opened case is kept for the rest of the turn.</summary>
    public const string CaseKey = "ActionMonth.EscalationCase";

    /// <summary>Messages after the gentle concern line before it is said again.</summary>
    public const int ConcernLineQuietMessages = 5;

    private static readonly DisclosureAssessment DetectorFailed =
        new(DisclosureLevel.Concern, DisclosureCategory.OtherDanger, Reporter.Unknown, []);

    public DisclosureAssessment Assess(IMessageActivity activity)
    {
        var text = activity.Text ?? string.Empty;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var assessment = detector.Assess(text);
            if (assessment.Level != DisclosureLevel.None)
            {
                logger.LogInformation(
                    "Disclosure assessed for activity {ActivityId}: {Level} {Category} reporter={Reporter} cues={Cues} in {ElapsedUs} µs",
                    activity.Id, assessment.Level, assessment.Category, assessment.Reporter,
                    string.Join(",", assessment.Cues.Select(c => c.RuleId)), (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            }
            return assessment;
        }
        catch (Exception ex)
        {
            logger.LogCritical("Disclosure detector failed on activity {ActivityId}: {ExceptionType}; treating the message as a concern",
                activity.Id, ex.GetType().FullName);
            return DetectorFailed;
        }
    }

    public async Task<SafetyOutcome> RespondAsync(ITurnContext turnContext, DisclosureAssessment assessment, TurnSession session,
        CancellationToken cancellationToken)
    {
        var ui = UiText.For(session.Profile.Language);
        if (!assessment.ShouldEscalate)
        {
            var conversation = session.Conversation;
            var quiet = conversation.ConcernLineQuiet;
            conversation.ConcernLineQuiet = Math.Max(0, quiet - 1);
            if (assessment.Level == DisclosureLevel.Concern && quiet == 0)
            {
                conversation.ConcernLineQuiet = ConcernLineQuietMessages;
                // A concern is no disclosure: the chosen role decides who the line speaks to (a teacher is not "em"); with
                // no role, the detector's reading of who is speaking does.
                // Within the messages after a safety reply, the line speaks to whom that reply spoke.
                var listener = conversation.AfterSafety is { ToChild: true } ? Audience.Child
                    : session.Profile.Role ?? ListenerWithoutRole(assessment, turnContext.Activity.Text, ui);
                var line = MessageFactory.Text(ui.ConcernLine(listener));
                line.Locale = ui.Locale;
                await turnContext.SendActivityAsync(line, cancellationToken).ConfigureAwait(false);
            }
            return SafetyOutcome.Continue;
        }

        var opened = await OpenCaseAsync(turnContext, assessment, cancellationToken).ConfigureAwait(false);
        if (opened is not null)
        {
            turnContext.TurnState[CaseKey] = opened;
            var entity = EscalationEntity.From(opened);
            turnContext.OnSendActivities(async (_, activities, next) =>
            {
                foreach (var activity in activities)
                {
                    activity.Entities ??= new List<Entity>();
                    if (!activity.Entities.Any(e => e.Type == EscalationEntity.EntityType)) activity.Entities.Add(entity);
                }
                return await next().ConfigureAwait(false);
            });
        }

        if (KeepsAdult(assessment, session, turnContext.Activity.Text)) assessment = assessment with { Reporter = Reporter.Adult };
        // The follow-ups speak to whom this reply speaks (the composer's own reading of the reporter and the role).
        var toChild = session.Profile.Role == Audience.Child
                      || SafetyReplyComposer.ReporterOf(assessment, session.Profile.Role) == Reporter.Child;

        IActivity reply;
        try
        {
            reply = composer.Compose(assessment, session.Profile.Role, ui, turnContext.Activity.ChannelId, opened is not null);
        }
        catch (Exception ex)
        {
            // Whatever broke (the catalog, a card), the child still gets the words and the numbers.
            logger.LogCritical("Safety card could not be built for activity {ActivityId}: {ExceptionType}; sending the text alone",
                turnContext.Activity.Id, ex.GetType().FullName);
            var adult = SafetyReplyComposer.ReporterOf(assessment, session.Profile.Role) == Reporter.Adult;
            reply = MessageFactory.Text(adult
                ? ui.SafetyForAdult(assessment.Level, opened is not null, null)
                : ui.SafetyForChild(assessment.Level, assessment.Category, opened is not null));
        }
        await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Safety reply sent for activity {ActivityId} ({Level}, case {CaseId})",
            turnContext.Activity.Id, assessment.Level, opened?.CaseId ?? "none");
        return toChild ? SafetyOutcome.AnsweredChild : SafetyOutcome.AnsweredAdult;
    }

    /// <summary>With no role, the detector's reading of who speaks; but an English speaker naming their child ("is it legal
    /// to leave my 8 year old home alone") is an adult, which the detector, reading "home alone" as the speaker, misses.</summary>
    private static Audience? ListenerWithoutRole(DisclosureAssessment assessment, string? text, UiText ui)
    {
        if (SafetyReplyComposer.ReporterOf(assessment, null) != Reporter.Child) return null;
        if (ui.Language == UiLanguages.English && EnglishSpeakerCues.NamesOwnChild(text)) return null;
        return Audience.Child;
    }

    /// <summary>A parent or teacher whom this conversation has just answered as an adult is still that adult when they
    /// go on about it: "tôi sợ báo rồi con bị trù dập" reads to the detector as a speaker's own disclosure, and was
    /// answered "Cảm ơn em", with every follow-up after it written for a child. A first disclosure keeps the detector's
    /// reading of a child, so a child who pressed "phụ huynh" by mistake still gets the child's reply.
    /// An English-speaking parent or teacher who names the child ("a pupil told me her stepfather touches her") is the
    /// adult too: the detector's English reading of "me" made it a child's own disclosure.
    /// With no role, an English speaker naming their own child ("my 13-year-old was hit by her teacher") is the parent,
    /// not a child telling of themself ("Thank you for telling me … not your fault" went to that parent).</summary>
    private static bool KeepsAdult(DisclosureAssessment assessment, TurnSession session, string? text)
    {
        if (SafetyReplyComposer.ReporterOf(assessment, session.Profile.Role) != Reporter.Child) return false;
        var english = session.Profile.Language == UiLanguages.English;
        return session.Profile.Role switch
        {
            Audience.Parent or Audience.Teacher =>
                session.Conversation.AfterSafety is { ToChild: false } || english && EnglishSpeakerCues.NamesAChild(text),
            null => english && EnglishSpeakerCues.NamesOwnChild(text),
            _ => false,
        };
    }

    private async Task<EscalationCase?> OpenCaseAsync(ITurnContext turnContext, DisclosureAssessment assessment,
        CancellationToken cancellationToken)
    {
        if (escalation.Service is not { } service) return null;
        try
        {
            return await service.OpenCaseAsync(turnContext, assessment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The reply with 111 goes out regardless; the lost case must be seen by whoever watches the logs.
            logger.LogCritical("ESCALATION FAILED for activity {ActivityId} ({Level} {Category}): {ExceptionType}; the safety reply is sent without a case",
                turnContext.Activity.Id, assessment.Level, assessment.Category, ex.GetType().FullName);
            return null;
        }
    }
}
