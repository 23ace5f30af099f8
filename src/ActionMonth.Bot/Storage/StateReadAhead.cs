using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// Lets a turn read its conversation and user state with one query. Bot.Builder loads ConversationState and
/// UserState one after the other, each a read of one key; the turn first reads both keys at once and
/// <see cref="Offer"/>s the result, and the two loads that follow in the same async flow are answered from it by
/// <see cref="ReadAheadStorage"/>. Each offered key is served once; anything not offered goes to the store.
/// </summary>
public static class StateReadAhead
{
    private static readonly AsyncLocal<Dictionary<string, object?>?> Offered = new();

    /// <summary>Offers what a read of <paramref name="keys"/> found (a key it did not find is offered as absent) to
    /// the reads that follow in the calling async method and what it awaits.</summary>
    public static void Offer(string[] keys, IDictionary<string, object> found)
    {
        var offered = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys) offered[key] = found.TryGetValue(key, out var value) ? value : null;
        Offered.Value = offered;
    }

    /// <summary>Takes the offered items when every key of the read was offered; otherwise leaves them.</summary>
    internal static bool TryTake(string[] keys, out IDictionary<string, object> items)
    {
        items = null!;
        if (Offered.Value is not { } offered || keys.Length == 0) return false;
        foreach (var key in keys)
            if (key is null || !offered.ContainsKey(key)) return false;
        items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (offered.Remove(key, out var value) && value is not null) items[key] = value;
        }
        return true;
    }
}

/// <summary>The state store with <see cref="StateReadAhead"/>: reads of offered keys are answered without a query; the
/// documents themselves (<see cref="IStateDocumentStore"/>) come from the store.</summary>
public sealed class ReadAheadStorage(IStorage inner) : IStorage, IStateDocumentStore
{
    private readonly IStateDocumentStore _documents = StorageStateDocuments.Over(inner);

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        StateReadAhead.TryTake(keys, out var items) ? Task.FromResult(items) : inner.ReadAsync(keys, cancellationToken);

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(changes, cancellationToken);

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(keys, cancellationToken);

    public Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken) =>
        _documents.ReadDocumentsAsync(keys, cancellationToken);
}
