using ActionMonth.Bot.Conversation.Flow;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Resources;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Bots;

/// <summary>
/// The one bot behind every channel. The order of a message turn is the product's most important rule:
/// (1) the safety gate reads the whole message and answers a disclosure first, ending the turn;
/// (2) a conversation with an open escalation case is relayed to it: to the operator only once one has claimed it,
/// otherwise the turn goes on and the bot answers too;
/// then the per-user rate limit; (3) commands and small talk; (4) questions.
/// Turns of one conversation run one at a time (except that a disclosure never waits for that), and state is
/// saved once at the end of the turn.
/// </summary>
public sealed class ActionMonthBot(
    ISafetyGate safety,
    EscalationAvailability escalation,
    UserRateLimiter rateLimiter,
    ConversationTurnLock turnLock,
    LanguageDetector languages,
    BotStateAccessors state,
    MessageResponder responder,
    WelcomeComposer welcome,
    FeedbackRecorder feedback,
    ILogger<ActionMonthBot> logger) : ActivityHandler
{
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        // Step 1 begins before anything that can wait: the detector is pure and reads the full text.
        var assessment = activity.Type == ActivityTypes.Message ? safety.Assess(activity.AsMessageActivity()) : null;

        var wait = assessment?.ShouldEscalate == true ? TimeSpan.Zero : ConversationTurnLock.MaxWait;
        using (await turnLock.AcquireAsync(ConversationKey(activity), wait, cancellationToken).ConfigureAwait(false))
        {
            // A message goes straight to its handler with its assessment (ActivityHandler would dispatch it the same way,
            // but the assessment would have to travel through the turn state); every other type is ActivityHandler's.
            if (assessment is not null)
                await OnMessageAsync(new DelegatingTurnContext<IMessageActivity>(turnContext), assessment, cancellationToken).ConfigureAwait(false);
            else
                await base.OnTurnAsync(turnContext, cancellationToken).ConfigureAwait(false);
            await state.SaveAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Only reached if ActivityHandler dispatches a message itself; <see cref="OnTurnAsync"/> normally does.</summary>
    protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
        OnMessageAsync(turnContext, safety.Assess(turnContext.Activity), cancellationToken);

    private async Task OnMessageAsync(ITurnContext<IMessageActivity> turnContext, DisclosureAssessment assessment,
        CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var session = await state.LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        languages.Apply(session.Profile, activity.Text ?? string.Empty);

        // (1) Safety.
        var outcome = await safety.RespondAsync(turnContext, assessment, session, cancellationToken).ConfigureAwait(false);
        if (outcome != SafetyOutcome.Continue)
        {
            session.Conversation.Welcomed = true;
            SafetyFollowUps.Start(session.Conversation, toChild: outcome == SafetyOutcome.AnsweredChild);
            return;
        }

        // (2) A conversation with an open case: relayed to it. Claimed, the person talks with the user and the turn ends
        // here; unclaimed, the bot still answers (the service has said the message was passed on, or that nobody is
        // connected after the claim timeout), and a user who declined a counsellor is answered as usual.
        if (escalation.Service is { } service
            && await service.TryRouteToOpenCaseAsync(turnContext, cancellationToken).ConfigureAwait(false))
        {
            // A person has taken over the conversation the safety reply began; once they close it, the Q&A answers plainly.
            session.Conversation.AfterSafety = null;
            return;
        }

        switch (rateLimiter.Check(UserKey(activity)))
        {
            case RateDecision.LimitedNotify:
                var ui = UiText.For(session.Profile.Language);
                await turnContext.SendActivityAsync(WelcomeComposer.Message(ui, ui.RateLimited(session.Profile.Role)),
                    cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Rate limit reached on activity {ActivityId}", activity.Id);
                return;
            case RateDecision.LimitedQuiet:
                return;
        }

        // (3) Commands, (4) questions.
        await responder.RespondAsync(turnContext, session, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded,
        ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var botId = turnContext.Activity.Recipient?.Id;
        if (membersAdded.All(m => m.Id == botId)) return;
        var session = await state.LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        if (session.Conversation.Welcomed) return;
        session.Conversation.Welcomed = true;
        await turnContext.SendActivityAsync(welcome.Welcome(UiText.For(session.Profile.Language)), cancellationToken)
            .ConfigureAwait(false);
    }

    protected override async Task OnReactionsAddedAsync(IList<MessageReaction> messageReactions,
        ITurnContext<IMessageReactionActivity> turnContext, CancellationToken cancellationToken)
    {
        var vote = messageReactions.Select(FeedbackRecorder.VoteOf).FirstOrDefault(v => v != 0);
        if (vote == 0) return;
        var session = await state.LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await feedback.RecordAsync(turnContext, session, new UserCommand(CommandKind.Feedback, Vote: vote), "reaction",
            cancellationToken).ConfigureAwait(false);
    }

    private static string ConversationKey(IActivity activity) => $"{activity.ChannelId}/{activity.Conversation?.Id}";

    private static string UserKey(IActivity activity) => $"{activity.ChannelId}/{activity.From?.Id}";
}
