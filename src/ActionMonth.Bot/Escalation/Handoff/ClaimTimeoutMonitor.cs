using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Outbox;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Handoff;

/// <summary>
/// Every Escalation:ClaimTimeoutCheckSeconds, finds cases nobody claimed within Escalation:ClaimTimeoutMinutes of
/// the disclosure and, once per case (a conditional update, so also once across instances), queues the user's
/// reminder (nobody has answered yet; 111, and 113/115 for an emergency) and a ClaimTimedOut notification for the
/// operators. Cases still unclaimed Escalation:UnclaimedCaseExpiryHours after their last activity (the user writing,
/// a disclosure, an operator acting) expire the same way (once, with a
/// statusChanged for the operators), so a false or forgotten case does not hold the conversation forever. The clock
/// is the host's TimeProvider.
/// </summary>
public sealed class ClaimTimeoutMonitor(
    ICaseStore store,
    OutboxSignal signal,
    IOptionsMonitor<EscalationOptions> options,
    TimeProvider time,
    ILogger<ClaimTimeoutMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.05, settings.ClaimTimeoutCheckSeconds)), time, stoppingToken).ConfigureAwait(false);
                await CheckAsync(stoppingToken).ConfigureAwait(false);
                await ExpireAsync(stoppingToken).ConfigureAwait(false);
                await RemindUnansweredAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError("Claim timeout check failed: {ExceptionType}", ex.GetType().FullName);
            }
        }
    }

    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMinutes(Math.Max(0, options.CurrentValue.ClaimTimeoutMinutes));
        var now = time.GetUtcNow();
        var timedOut = await store.TimeOutUnclaimedAsync(now - timeout, now, cancellationToken).ConfigureAwait(false);
        foreach (var escalation in timedOut)
        {
            logger.LogWarning("Case {CaseId} ({Level} {Category}) unclaimed after {Minutes} min: the user is given 111 again and operators are reminded",
                escalation.CaseId, escalation.Level, escalation.Category, (long)(now - escalation.CreatedAt).TotalMinutes);
        }
        if (timedOut.Count > 0) signal.Notify();
        return timedOut.Count;
    }

    public async Task<int> RemindUnansweredAsync(CancellationToken cancellationToken)
    {
        var minutes = options.CurrentValue.UnansweredReminderMinutes;
        if (minutes <= 0) return 0;
        var now = time.GetUtcNow();
        var reminded = await store.RemindUnansweredAsync(now - TimeSpan.FromMinutes(minutes), now, cancellationToken).ConfigureAwait(false);
        foreach (var escalation in reminded)
        {
            logger.LogWarning("Case {CaseId} ({Level} {Category}) claimed by {OperatorId}: the user has waited over {Minutes} min for an answer; operators reminded",
                escalation.CaseId, escalation.Level, escalation.Category, escalation.ClaimedBy, minutes);
        }
        if (reminded.Count > 0) signal.Notify();
        return reminded.Count;
    }

    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var hours = options.CurrentValue.UnclaimedCaseExpiryHours;
        if (hours <= 0) return 0;
        var now = time.GetUtcNow();
        var expired = await store.ExpireUnclaimedAsync(now - TimeSpan.FromHours(hours), now, cancellationToken).ConfigureAwait(false);
        foreach (var escalation in expired)
        {
            logger.LogWarning("Case {CaseId} ({Level} {Category}) unclaimed and quiet for {Hours} h: expired; the conversation is answered as usual again",
                escalation.CaseId, escalation.Level, escalation.Category, (long)(now - escalation.LastActivityAt).TotalHours);
        }
        if (expired.Count > 0) signal.Notify();
        return expired.Count;
    }
}
