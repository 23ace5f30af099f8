namespace ActionMonth.Bot.Storage;

/// <summary>
/// The turn's state documents as JSON text with their ETags, read in one call for both keys. <c>BotStateAccessors</c>
/// parses each straight into its typed object and puts it in place as the cache of ConversationState/UserState, instead
/// of their loading each key on its own and converting through JObjects. The documents are the ones
/// <see cref="Microsoft.Bot.Builder.IStorage"/> reads and writes under the same keys; writing goes through IStorage.
/// </summary>
public interface IStateDocumentStore
{
    /// <summary>The stored document of each key, in the order of <paramref name="keys"/>; null where there is none.</summary>
    Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken);
}

/// <summary>One stored state document: its JSON text (without <c>eTag</c>) and its ETag.</summary>
public sealed record StateDocument(string Json, string ETag);
