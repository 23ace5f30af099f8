using System.Collections.Concurrent;
using ActionMonth.Bot.Escalation.Outbox;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// Cases that could not be stored when they were opened (database locked, full or failing), kept in memory and
/// written as soon as the database lets them, with backoff, together with their outbox rows. Writing is idempotent
/// on the inbound key, so a late success of the first attempt and a retry cannot make two cases.
/// What it guarantees: while this process lives, every such case is stored eventually and then notified like any
/// other. What it cannot: a case still here when the process dies is lost; its ids, level and category are in the
/// error log written when it was queued, and a graceful stop logs every case still waiting at critical level.
/// </summary>
public sealed class CaseRescueQueue(
    ICaseStore store,
    OutboxSignal signal,
    ILogger<CaseRescueQueue> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Random _random = new();

    public int Count => _pending.Count;

    /// <summary>The waiting draft for this inbound activity, if any (a retried activity must not open a second case).</summary>
    public CaseDraft? Find(string inboundKey) => _pending.TryGetValue(inboundKey, out var pending) ? pending.Draft : null;

    /// <summary>Takes over a draft whose first write is still running (past the time budget) or failed.</summary>
    public void Adopt(CaseDraft draft, Task<OpenCaseResult> firstAttempt)
    {
        var pending = _pending.GetOrAdd(draft.InboundKey, _ => new Pending(draft));
        pending.InFlight = firstAttempt;
        _ = firstAttempt.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) Stored(pending, t.Result);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Tick, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var pending in _pending.Values)
            {
                if (pending.InFlight is { IsCompleted: false } || Environment.TickCount64 < pending.NextAttemptAt) continue;
                await RetryAsync(pending, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var pending in _pending.Values)
        {
            var draft = pending.Draft;
            logger.LogCritical(
                "ESCALATION CASE LOST AT SHUTDOWN: case {CaseId} for activity {ActivityId} ({Level} {Category}, channel {ChannelId}, "
                + "conversation {ConversationId}) was never stored after {Attempts} attempts; the user was given 111",
                draft.CaseId, draft.ActivityId, draft.Level, draft.Category, draft.ChannelId, draft.ConversationId, pending.Attempts);
        }
    }

    private async Task RetryAsync(Pending pending, CancellationToken stoppingToken)
    {
        pending.Attempts++;
        var attempt = Task.Run(() => store.OpenCaseAsync(pending.Draft, CancellationToken.None), CancellationToken.None);
        pending.InFlight = attempt;
        try
        {
            Stored(pending, await attempt.WaitAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            var delay = OutboxBackoff.Delay(pending.Attempts, new OutboxOptions { BaseDelaySeconds = 1, MaxDelaySeconds = 30 }, _random);
            pending.NextAttemptAt = Environment.TickCount64 + (long)delay.TotalMilliseconds;
            logger.LogError(
                "Escalation case {CaseId} for activity {ActivityId} ({Level} {Category}) still not stored, attempt {Attempt}: {ExceptionType}; "
                + "next attempt in {DelaySeconds:F1} s",
                pending.Draft.CaseId, pending.Draft.ActivityId, pending.Draft.Level, pending.Draft.Category, pending.Attempts,
                ex.GetType().FullName, delay.TotalSeconds);
        }
    }

    private void Stored(Pending pending, OpenCaseResult result)
    {
        if (!_pending.TryRemove(new KeyValuePair<string, Pending>(pending.Draft.InboundKey, pending))) return;
        signal.Notify();
        logger.LogWarning(
            "Escalation case {CaseId} for activity {ActivityId} stored late ({Outcome}, {Attempts} retries, {DelayMs} ms after the disclosure)",
            result.Case.CaseId, pending.Draft.ActivityId, result.Outcome, pending.Attempts,
            (long)(DateTimeOffset.UtcNow - pending.Draft.CreatedAt).TotalMilliseconds);
    }

    private sealed class Pending(CaseDraft draft)
    {
        public CaseDraft Draft { get; } = draft;
        public volatile Task<OpenCaseResult>? InFlight;
        public int Attempts;
        public long NextAttemptAt;
    }
}
