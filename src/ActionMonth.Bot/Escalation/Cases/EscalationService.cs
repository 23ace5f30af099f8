using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Escalation.Channels;
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
/// operators. A case and its notifications are stored in one transaction before the safety reply is sent; when the
/// database does not answer within Escalation:CaseStoreBudgetMilliseconds the reply goes out anyway (it always
/// carries 111) and the case is handed to the <see cref="CaseRescueQueue"/>. Logs ids, levels and categories only.
/// </summary>
public sealed class EscalationService(
    ICaseStore store,
    CaseRescueQueue rescue,
    OutboxSignal signal,
    BotStateAccessors state,
    IOptionsMonitor<EscalationOptions> options,
    TimeProvider time,
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
        CaseRecord? routed;
        try
        {
            routed = await Task.Run(() => store.AddUserMessageAsync(activity.ChannelId, conversationId, inboundKey,
                    RelayedText(activity), time.GetUtcNow(), CancellationToken.None), CancellationToken.None)
                .WaitAsync(Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError("Message of activity {ActivityId} could not be passed to case {CaseId}: {ExceptionType}; the user is given 111",
                activity.Id, open.CaseId, ex.GetType().FullName);
            await ReplyAsync(turnContext, open, replies.NotForwarded(open.Reporter), replies.Locale, cancellationToken).ConfigureAwait(false);
            return true;
        }
        if (routed is null) return false;

        signal.Notify();
        logger.LogInformation("Message of activity {ActivityId} passed to case {CaseId} ({Status})", activity.Id, routed.CaseId, routed.Status);
        await ReplyAsync(turnContext, routed, replies.Forwarded(routed.Reporter, routed.Status == CaseStatus.Claimed), replies.Locale,
            cancellationToken).ConfigureAwait(false);
        return true;
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
