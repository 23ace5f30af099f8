using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// The state store as the host registers it. It used to answer BotState's two one-key loads from one read of both
/// keys; the turn's state accessors now read both keys in one call through <see cref="IStateDocumentStore"/>
/// themselves, so it only passes calls on and the registration could use the store directly.
/// </summary>
public sealed class ReadAheadStorage(IStorage inner) : IStorage, IStateDocumentStore
{
    private readonly IStateDocumentStore _documents = StorageStateDocuments.Over(inner);

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(keys, cancellationToken);

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(changes, cancellationToken);

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(keys, cancellationToken);

    public Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken) =>
        _documents.ReadDocumentsAsync(keys, cancellationToken);

    public Task<string> WriteDocumentAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken) =>
        _documents.WriteDocumentAsync(key, json, expectedETag, cancellationToken);
}
