using System.Collections.Concurrent;

namespace ActionMonth.Bot.Caching;

/// <summary>
/// A concurrent map that holds at most about <c>capacity</c> entries and, when full, starts again rather than track
/// recency on every hit (the hot entries come back within moments). It keeps its own count: ConcurrentDictionary's
/// Count takes every one of its locks, and those grow with the table to hundreds, so counting before each insert cost
/// microseconds per call under load. Under concurrent inserts and clears the count can drift by the few entries that
/// race a clear; the next clear empties the map and starts the count again.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);
    private readonly int _capacity = Math.Max(0, capacity);
    private int _count;

    /// <summary>False when the capacity is zero: nothing is ever kept.</summary>
    public bool Enabled => _capacity > 0;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The entries actually held, counted the expensive way; for tests.</summary>
    internal int Held => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Adds or replaces the entry; a new key finding the cache full empties it first.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_capacity == 0) return;
        if (_entries.ContainsKey(key))
        {
            _entries[key] = value;
            return;
        }
        if (Volatile.Read(ref _count) >= _capacity) Clear();
        if (_entries.TryAdd(key, value)) Interlocked.Increment(ref _count);
        else _entries[key] = value;
    }

    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _)) Interlocked.Decrement(ref _count);
    }

    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _count, 0);
    }
}
