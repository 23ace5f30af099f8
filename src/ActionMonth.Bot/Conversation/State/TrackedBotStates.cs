using System.Runtime.CompilerServices;
using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>
/// ConversationState with two changes that keep Bot.Builder's accessors, keys, storage and "write only what changed":
/// the turn's one read of both documents puts the cache in place (<see cref="Preload"/>), so LoadAsync finds it and
/// does not read again; and whether the state changed is decided from its document text, made once when it is saved
/// (<see cref="TrackedState"/>).
/// </summary>
public sealed class TrackedConversationState : ConversationState
{
    private readonly IStorage _storage;

    public TrackedConversationState(IStorage storage) : base(storage) => _storage = storage;

    // The turn-state key BotState caches ConversationState under (its constructor passes its type name).
    private const string ContextKey = nameof(ConversationState);

    public void Preload(ITurnContext turnContext, StateItems? items, string? storedJson) =>
        TrackedState.Preload(turnContext, ContextKey, items, storedJson);

    public override Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default) =>
        GetCachedState(turnContext) is TrackedState tracked
            ? tracked.SaveAsync(_storage, GetStorageKey(turnContext), force, cancellationToken)
            : base.SaveChangesAsync(turnContext, force, cancellationToken);
}

/// <summary>UserState with the same two changes as <see cref="TrackedConversationState"/>.</summary>
public sealed class TrackedUserState : UserState
{
    private readonly IStorage _storage;

    public TrackedUserState(IStorage storage) : base(storage) => _storage = storage;

    private const string ContextKey = nameof(UserState);

    public void Preload(ITurnContext turnContext, StateItems? items, string? storedJson) =>
        TrackedState.Preload(turnContext, ContextKey, items, storedJson);

    public override Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default) =>
        GetCachedState(turnContext) is TrackedState tracked
            ? tracked.SaveAsync(_storage, GetStorageKey(turnContext), force, cancellationToken)
            : base.SaveChangesAsync(turnContext, force, cancellationToken);
}

/// <summary>
/// A BotState cache that knows the document text it was read as. BotState decides whether to save by hashing: it
/// serialises the whole state when it loads, again at save to compare, and a third time after writing, and the store
/// serialises it once more to write it. Here the state is serialised once, at save, by System.Text.Json's generated code
/// (<see cref="StateDocumentFormat.Write"/>): the same text as the stored document means nothing changed, and a
/// different text is handed to the store to write as it is.
/// </summary>
public sealed class TrackedState : BotState.CachedBotState
{
    // Never constructed: CachedBotState's only constructor serialises the state it is given to hash it (the empty
    // dictionary here; half a dozen serializer objects per state per turn), and that hash is never used, because a
    // tracked state is saved by SaveAsync below. Its two properties are all it has, and both are set here.
    private TrackedState()
    {
    }

    private static TrackedState Create(StateItems items, string? storedJson)
    {
        var state = (TrackedState)RuntimeHelpers.GetUninitializedObject(typeof(TrackedState));
        state.State = items;
        state.StoredJson = storedJson;
        return state;
    }

    /// <summary>The document text last read or written for this state; null when there is none yet.</summary>
    public string? StoredJson { get; private set; }

    // What StateDocumentFormat.Write gives for a state with nothing in it: a state that stays empty is not written, as with BotState.
    private const string EmptyDocument = "{}";

    internal static void Preload(ITurnContext turnContext, string contextKey, StateItems? items, string? storedJson) =>
        turnContext.TurnState[contextKey] = Create(items ?? [], items is null ? EmptyDocument : storedJson);

    internal async Task SaveAsync(IStorage storage, string storageKey, bool force, CancellationToken cancellationToken)
    {
        if (State is not StateItems items)
        {
            // Something replaced the state's dictionary: serialise it the ordinary way and never skip the write.
            await storage.WriteAsync(new Dictionary<string, object> { [storageKey] = State }, cancellationToken).ConfigureAwait(false);
            StoredJson = null;
            return;
        }

        var json = StateDocumentFormat.Write(items);
        if (!force && string.Equals(json, StoredJson, StringComparison.Ordinal)) return;
        items.DocumentJson = json;
        try
        {
            await storage.WriteAsync(new Dictionary<string, object>(1) { [storageKey] = items }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            items.DocumentJson = null;
        }
        StoredJson = json;
    }
}
