namespace ActionMonth.Bot.Storage;

/// <summary>
/// The turn's state documents as JSON text with their ETags, for <c>BotStateAccessors</c>: it parses each document
/// once into its typed object and serialises it once when it changed, instead of going through Bot.Builder's
/// BotState, which serialises the whole state to hash it on load and on save, and through JObjects in between.
/// The documents are the ones <see cref="Microsoft.Bot.Builder.IStorage"/> reads and writes under the same keys, with
/// the same ETag rules.
/// </summary>
public interface IStateDocumentStore
{
    /// <summary>The stored document of each key, in the order of <paramref name="keys"/>; null where there is none.</summary>
    Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="json"/> (a JSON object without <c>eTag</c>) as the document of <paramref name="key"/>,
    /// durably before the task completes, and returns its new ETag. With an <paramref name="expectedETag"/> (other than
    /// <c>*</c>) the write succeeds only if the stored ETag still matches, otherwise <see cref="StorageConflictException"/>
    /// and nothing changes; null or <c>*</c> writes unconditionally.</summary>
    Task<string> WriteDocumentAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken);
}

/// <summary>One stored state document: its JSON text (without <c>eTag</c>) and its ETag.</summary>
public sealed record StateDocument(string Json, string ETag);
