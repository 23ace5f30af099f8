namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>Wakes the dispatcher when rows were just written in this process, so a new case goes out at once
/// instead of at the next poll. Rows written by another instance are found by polling.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0) _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
