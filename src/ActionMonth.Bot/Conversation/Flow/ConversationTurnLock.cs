namespace ActionMonth.Bot.Conversation.Flow;

/// <summary>
/// Runs the turns of one conversation one after another inside this process, so two messages sent at once do
/// not both read the same state and the second save does not fail its ETag check. The wait is bounded: a turn
/// stuck on a slow database delays the next one at most <see cref="MaxWait"/>, after which it goes ahead unlocked
/// (and the ETag check protects the state). The bot does not wait at all for a turn that carries a disclosure.
/// </summary>
public sealed class ConversationTurnLock
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<IDisposable> AcquireAsync(string conversationKey, TimeSpan wait, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(conversationKey, out entry!))
            {
                entry = new Entry();
                _entries[conversationKey] = entry;
            }
            entry.Users++;
        }

        bool acquired;
        try
        {
            acquired = await entry.Semaphore.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(conversationKey, entry, acquired: false);
            throw;
        }
        return new Holder(this, conversationKey, entry, acquired);
    }

    private void Leave(string key, Entry entry, bool acquired)
    {
        if (acquired) entry.Semaphore.Release();
        lock (_gate)
        {
            if (--entry.Users == 0) _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users;
    }

    private sealed class Holder(ConversationTurnLock owner, string key, Entry entry, bool acquired) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Leave(key, entry, acquired);
        }
    }
}
