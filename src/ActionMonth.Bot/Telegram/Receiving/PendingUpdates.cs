using ActionMonth.Bot.Telegram.Inbound;

namespace ActionMonth.Bot.Telegram.Receiving;

/// <summary>
/// The polling loop's book of updates fetched but not yet confirmed to Telegram: running, done (but behind one that
/// is not), or waiting for another attempt. <see cref="Harvest"/> gives the getUpdates offset, which only ever moves
/// past updates that are done: the first running or retrying update holds it.
/// </summary>
public sealed class PendingUpdates(ExponentialBackoff retryBackoff, TimeProvider clock, ILogger logger)
{
    private readonly SortedDictionary<int, Task<UpdateOutcome>> _running = new();
    private readonly SortedSet<int> _done = [];
    private readonly Dictionary<int, DateTimeOffset> _retryAt = new();
    private int? _offset;

    /// <summary>Nothing running, done-but-unconfirmed or waiting for a retry.</summary>
    public bool IsIdle => _running.Count == 0 && _retryAt.Count == 0 && _done.Count == 0;

    public void Running(int updateId, Task<UpdateOutcome> task)
    {
        _retryAt.Remove(updateId);
        _running[updateId] = task;
    }

    /// <summary>False for an update already running or done, or whose next attempt is not due yet.</summary>
    public bool ShouldDispatch(int updateId) =>
        !_running.ContainsKey(updateId) && !_done.Contains(updateId)
        && (!_retryAt.TryGetValue(updateId, out var due) || due <= clock.GetUtcNow());

    /// <summary>Collects finished turns and returns the offset to poll with.</summary>
    public int? Harvest()
    {
        foreach (var (id, task) in _running.Where(p => p.Value.IsCompleted).ToList())
        {
            _running.Remove(id);
            var outcome = task.IsCompletedSuccessfully ? task.Result : UpdateOutcome.Retry;
            if (outcome == UpdateOutcome.Retry)
            {
                var wait = retryBackoff.Next();
                _retryAt[id] = clock.GetUtcNow() + wait;
                logger.LogWarning("Telegram update {UpdateId} will be handled again in {DelayMs} ms", id, (long)wait.TotalMilliseconds);
            }
            else
            {
                _done.Add(id);
                retryBackoff.Reset();
            }
        }

        var firstPending = _running.Keys.Concat(_retryAt.Keys).DefaultIfEmpty(int.MaxValue).Min();
        foreach (var id in _done.Where(id => id < firstPending).ToList())
        {
            _done.Remove(id);
            _offset = Math.Max(_offset ?? 0, id + 1);
        }
        return _offset;
    }

    /// <summary>Until a running turn ends, or <paramref name="atMost"/>.</summary>
    public Task WaitForChangeAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        var waits = _running.Values.Where(t => !t.IsCompleted).Cast<Task>().ToList();
        waits.Add(Task.Delay(atMost, clock, cancellationToken));
        return Task.WhenAny(waits);
    }
}
