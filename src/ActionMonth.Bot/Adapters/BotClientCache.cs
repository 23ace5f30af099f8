using System.Collections.Concurrent;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// The connector and user-token clients the adapter reuses across turns, by key (app identity, serviceUrl, audience).
/// Bounded: without a MicrosoftAppId anyone may post any serviceUrl, so at most <see cref="Capacity"/> entries are kept
/// and a key that finds the cache full gets no entry (its caller builds a fresh client for the turn, as the SDK did).
/// Entries are rebuilt after <see cref="Lifetime"/> so a long-lived client does not pin one HTTP handler (and its DNS
/// answer) for ever. No client here is ever disposed, on expiry or at shutdown: a turn may still be using it, and what it
/// holds needs no disposal (an HttpClient from IHttpClientFactory, whose handler the factory owns and recycles, or one
/// over the in-process Direct Line handler, which DI owns).
/// </summary>
public sealed class BotClientCache<TKey, TClient>(int capacity, TimeSpan lifetime, TimeProvider time)
    where TKey : notnull
    where TClient : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _adding = new();

    public int Capacity => capacity;
    public TimeSpan Lifetime => lifetime;
    public int Count => _entries.Count;

    /// <summary>The live client for <paramref name="key"/>, if one is cached and not expired.</summary>
    public bool TryGet(TKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TClient? client)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (!Expired(entry, time.GetTimestamp()))
            {
                client = entry.Client;
                return true;
            }
            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }
        client = null;
        return false;
    }

    /// <summary>Caches <paramref name="client"/> under <paramref name="key"/> and returns it; or returns the client another
    /// caller cached first (the caller then owns and disposes its own); or null when the cache is full.</summary>
    public TClient? Add(TKey key, TClient client)
    {
        lock (_adding)
        {
            var now = time.GetTimestamp();
            if (_entries.TryGetValue(key, out var existing) && !Expired(existing, now)) return existing.Client;
            if (existing is null && _entries.Count >= capacity)
            {
                foreach (var (staleKey, stale) in _entries)
                    if (Expired(stale, now)) _entries.TryRemove(new KeyValuePair<TKey, Entry>(staleKey, stale));
                if (_entries.Count >= capacity) return null;
            }
            _entries[key] = new Entry(client, now);
            return client;
        }
    }

    /// <summary>The one way callers use the cache: the cached client for <paramref name="key"/>; else a client made by
    /// <paramref name="create"/>, cached behind <paramref name="share"/>'s wrapper and returned wrapped; or, when the cache
    /// is full, the created client itself (the turn owns it and the adapter disposes it, as the SDK's own). A caller that
    /// loses a race to cache the same key disposes what it made and gets the winner's.</summary>
    public async Task<TCreated> GetOrCreateAsync<TCreated>(TKey key, Func<Task<TCreated>> create, Func<TCreated, TClient> share)
        where TCreated : class, IDisposable
    {
        if (TryGet(key, out var cached)) return Shared<TCreated>(cached);
        var created = await create().ConfigureAwait(false);
        if (created is null) return created!; // nothing to share: the caller gets what its factory gave
        var candidate = share(created);
        var kept = Add(key, candidate);
        if (kept is null) return created;
        if (!ReferenceEquals(kept, candidate)) created.Dispose();
        return Shared<TCreated>(kept);
    }

    private static TCreated Shared<TCreated>(TClient client) where TCreated : class =>
        (object)client as TCreated ?? throw new InvalidOperationException($"{typeof(TClient).Name} does not stand for {typeof(TCreated).Name}.");

    private bool Expired(Entry entry, long now) => time.GetElapsedTime(entry.CreatedAt, now) >= lifetime;

    private sealed record Entry(TClient Client, long CreatedAt);
}
