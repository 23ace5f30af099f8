using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// <see cref="IStateDocumentStore"/> over any Bot.Builder <see cref="IStorage"/> that does not offer documents itself
/// (MemoryStorage in tests): items go through JObjects with an <c>eTag</c> property, as BotState passes them. Slower
/// than a store's own documents, the same results.
/// </summary>
public sealed class StorageStateDocuments(IStorage storage) : IStateDocumentStore
{
    private const string ETagProperty = "eTag";

    /// <summary>The store's own documents when it has them, otherwise this adapter over it.</summary>
    public static IStateDocumentStore Over(IStorage storage) => storage as IStateDocumentStore ?? new StorageStateDocuments(storage);

    public async Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync(keys, cancellationToken).ConfigureAwait(false);
        var documents = new StateDocument?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (!items.TryGetValue(keys[i], out var value) || value is null) continue;
            var json = value is JObject j ? (JObject)j.DeepClone() : JObject.FromObject(value);
            var etag = json.Value<string>(ETagProperty);
            json.Remove(ETagProperty);
            documents[i] = new StateDocument(json.ToString(Formatting.None), etag ?? string.Empty);
        }
        return documents;
    }
}
