using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Escalation.Channels;
using ActionMonth.Bot.Escalation.Handoff;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Escalation.Replies;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// Opens escalation cases for the safety gate and routes the messages of a conversation with an open case to the
/// operators (see <see cref="TryRouteToOpenCaseAsync"/> for what the user gets while the case waits or is handled).
/// A case and its notifications are stored in one transaction before the safety reply is sent; when the database
/// does not answer within Escalation:CaseStoreBudgetMilliseconds the reply goes out anyway (it always
/// carries 111) and the case is handed to the <see cref="CaseRescueQueue"/>. Logs ids, levels and categories only.
/// </summary>
public sealed class EscalationService(
    ICaseStore store,
    CaseRescueQueue rescue,
    OutboxSignal signal,
    BotStateAccessors state,
    IOptionsMonitor<EscalationOptions> options,
    TimeProvider time,
    CommandRecognizer commands,
    ILogger<EscalationService> logger) : IEscalationService
{
    public async Task<EscalationCase> OpenCaseAsync(ITurnContext turnContext, DisclosureAssessment assessment, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var draft = await DraftAsync(turnContext, assessment, cancellationToken).ConfigureAwait(false);
        if (rescue.Find(draft.InboundKey) is { } waiting)
        {
            logger.LogWarning("Activity {ActivityId} arrived again while its case {CaseId} is still waiting to be stored", activity.Id, waiting.CaseId);
            throw new CaseStorageDelayedException(waiting.CaseId);
        }

        // On a thread of its own: SQLite waits for a lock synchronously, and the reply must not wait with it.
        var storing = Task.Run(() => store.OpenCaseAsync(draft, CancellationToken.None), CancellationToken.None);
        var budget = TimeSpan.FromMilliseconds(Math.Max(100, options.CurrentValue.CaseStoreBudgetMilliseconds));
        OpenCaseResult result;
        try
        {
            result = await storing.WaitAsync(budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            rescue.Adopt(draft, storing);
            var reason = ex is TimeoutException ? $"no answer within {budget.TotalMilliseconds} ms" : ex.GetType().FullName;
            logger.LogError(
                "ESCALATION CASE NOT STORED YET: case {CaseId} for activity {ActivityId} ({Level} {Category}, channel {ChannelId}, "
                + "conversation {ConversationId}): {Reason}; kept in memory and retried, the safety reply with 111 goes out now",
                draft.CaseId, activity.Id, draft.Level, draft.Category, draft.ChannelId, draft.ConversationId, reason);
            throw new CaseStorageDelayedException(draft.CaseId);
        }

        signal.Notify();
        var stored = result.Case;
        logger.LogInformation("Escalation case {CaseId} {Outcome} for activity {ActivityId} ({Level} {Category}, channel {ChannelId}, status {Status})",
            stored.CaseId, result.Outcome, activity.Id, stored.Level, stored.Category, stored.ChannelId, stored.Status);
        return new EscalationCase(stored.CaseId, stored.Level, stored.Category);
    }

    /// <summary>TurnState key set when this turn's message was relayed to an open case (whether or not the Q&amp;A then
    /// answers it), for the metrics.</summary>
    public const string RelayedKey = "ActionMonth.RelayedToCase";

    /// <summary>
    /// Step 2 of a message turn. Returns true when the turn is done here, false when the Q&amp;A answers it (steps 3-4):
    /// <list type="bullet">
    /// <item>no open case: false;</item>
    /// <item>claimed (a person is talking with the user): relayed to that person, acknowledged, true;</item>
    /// <item>unclaimed, "không cần tư vấn viên": honoured (the words go to the case as a decline), acknowledged, true;</item>
    /// <item>unclaimed, "Kết nối với tư vấn viên": relayed (ending a decline), the request acknowledged, true;</item>
    /// <item>unclaimed and declined: nothing relayed, false;</item>
    /// <item>unclaimed: relayed, a short line that it was (or, after the claim timeout, that nobody is connected here and
    /// 111 now), then false: the bot answers as usual, its replies marked with the case.</item>
    /// </list>
    /// </summary>
    public async Task<bool> TryRouteToOpenCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Message || activity.Conversation?.Id is not { } conversationId) return false;

        CaseRecord? open;
        try
        {
            // A plain read (no write lock): this runs on every message of every conversation.
            open = await Task.Run(() => store.FindOpenCaseAsync(activity.ChannelId, conversationId, CancellationToken.None), CancellationToken.None)
                .WaitAsync(Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Open case lookup failed for activity {ActivityId}: {ExceptionType}; the message is answered as usual",
                activity.Id, ex.GetType().FullName);
            return false;
        }
        if (open is null) return false;

        var replies = EscalationReplies.For(open.Language);
        var inboundKey = CaseIdentifiers.InboundKey(activity.ChannelId, conversationId, activity.Id);
        var text = activity.AsMessageActivity()?.Text;
        var declining = !open.IsClaimed && CounsellorDeclineRecognizer.IsDecline(text);
        var requesting = !open.IsClaimed && !declining
                         && commands.Recognize(activity.Value, text ?? string.Empty).Kind == CommandKind.ConnectCounsellor;
        if (open.DeclinedAt is not null && !open.IsClaimed && !requesting) return false;

        RelayResult? routed;
        try
        {
            var now = time.GetUtcNow();
            var relayed = RelayedText(activity);
            routed = await Task.Run(() => declining
                    ? store.DeclineAsync(activity.ChannelId, conversationId, inboundKey, relayed, now, CancellationToken.None)
                    : store.RelayUserMessageAsync(activity.ChannelId, conversationId, inboundKey, relayed, requesting, now, CancellationToken.None),
                    CancellationToken.None)
                .WaitAsync(Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Message of activity {ActivityId} could not be passed to case {CaseId}: {ExceptionType}; the user is given 111",
                activity.Id, open.CaseId, ex.GetType().FullName);
            await ReplyAsync(turnContext, open, replies.NotForwarded(open.Reporter), replies.Locale, cancellationToken).ConfigureAwait(false);
            // Nobody may be reading: the bot still answers what it can, unless a person had taken over.
            return open.IsClaimed;
        }
        if (routed is null) return false;

        var escalation = routed.Case;
        if (routed.Relayed) signal.Notify();
        turnContext.TurnState[RelayedKey] = routed.Relayed;
        logger.LogInformation("Message of activity {ActivityId} {Outcome} case {CaseId} ({Status})", activity.Id,
            declining ? "declined a counsellor in" : requesting ? "asked for a counsellor in" : routed.Relayed ? "passed to" : "not passed to",
            escalation.CaseId, escalation.Status);

        if (escalation.IsClaimed)
        {
            await ReplyAsync(turnContext, escalation, replies.Forwarded(escalation.Reporter), replies.Locale, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        var timedOut = escalation.ClaimTimedOutAt is not null;
        if (declining)
        {
            await ReplyAsync(turnContext, escalation, replies.Declined(escalation.Reporter, escalation.Level), replies.Locale, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        if (requesting)
        {
            await ReplyAsync(turnContext, escalation, timedOut
                ? replies.NoCounsellorConnected(escalation.Reporter, escalation.Level)
                : replies.CounsellorRequested(escalation.Reporter), replies.Locale, cancellationToken).ConfigureAwait(false);
            return true;
        }
        if (!routed.Relayed && escalation.DeclinedAt is not null) return false;

        // The Q&A answers next; its replies carry the case too, and the line goes first so that the answer's
        // suggested actions stay on the turn's last message, where clients show them.
        var entity = EscalationEntity.From(new EscalationCase(escalation.CaseId, escalation.Level, escalation.Category));
        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            foreach (var reply in activities)
            {
                reply.Entities ??= new List<Entity>();
                if (!reply.Entities.Any(e => e.Type == EscalationEntity.EntityType)) reply.Entities.Add(entity);
            }
            return await next().ConfigureAwait(false);
        });
        await ReplyAsync(turnContext, escalation, timedOut
            ? replies.NoCounsellorConnected(escalation.Reporter, escalation.Level)
            : replies.AlsoForwarded(escalation.Reporter), replies.Locale, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private TimeSpan Budget => TimeSpan.FromMilliseconds(Math.Max(100, options.CurrentValue.CaseStoreBudgetMilliseconds));

    private async Task<CaseDraft> DraftAsync(ITurnContext turnContext, DisclosureAssessment assessment, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        // The session is already loaded for this turn (the gate needed it); this returns the same one.
        var session = await state.LoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var text = activity.Text ?? string.Empty;
        return new CaseDraft(
            CaseIdentifiers.NewCaseId(now),
            CaseIdentifiers.InboundKey(activity.ChannelId, activity.Conversation?.Id, activity.Id),
            activity.Id,
            activity.ChannelId ?? "unknown",
            activity.Conversation?.Id ?? "unknown",
            UserConversationMessenger.Reference(activity),
            assessment.Level,
            assessment.Category,
            SafetyReplyComposer.ReporterOf(assessment, session.Profile.Role),
            assessment.Cues.Select(c => c.RuleId).Distinct(StringComparer.Ordinal).ToList(),
            session.Profile.Language,
            now,
            Shorten(text, Math.Max(0, settings.ExcerptMaxLength)),
            Shorten(text, Math.Max(1, settings.MessageMaxLength)));
    }

    private string RelayedText(IActivity activity)
    {
        var message = activity.AsMessageActivity();
        var text = message?.Text;
        if (string.IsNullOrWhiteSpace(text))
            text = message?.Attachments?.Count > 0 ? "[attachment, not relayed]" : "[empty message]";
        return Shorten(text, Math.Max(1, options.CurrentValue.MessageMaxLength));
    }

    private static async Task ReplyAsync(ITurnContext turnContext, CaseRecord escalation, string text, string locale,
        CancellationToken cancellationToken)
    {
        var reply = MessageFactory.Text(text);
        reply.Locale = locale;
        reply.Entities = [EscalationEntity.From(new EscalationCase(escalation.CaseId, escalation.Level, escalation.Category))];
        await turnContext.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first <paramref name="limit"/> characters, never splitting a surrogate pair, with "…" when cut.</summary>
    public static string Shorten(string text, int limit)
    {
        if (text.Length <= limit) return text;
        if (limit == 0) return string.Empty;
        var cut = limit;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut] + "…";
    }
}
