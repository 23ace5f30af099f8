using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>
/// The per-turn load and save of the conversation's data and the user's profile. Loading never throws: when the
/// database cannot be read the turn goes on with fresh state (a child's disclosure must still be answered) and
/// nothing is written back, so a broken read cannot wipe stored state.
/// <para>The documents are the ones Bot.Builder's ConversationState and UserState keep (same keys, same layout,
/// same ETag checks), read and written as JSON text (<see cref="IStateDocumentStore"/>): both keys in one read, each
/// parsed once into its typed object, and at the end of the turn each serialised once and written only if the text
/// changed — where BotState serialised the whole state to hash it on load, twice more on save, and converted through
/// JObjects in between.</para>
/// </summary>
public sealed class BotStateAccessors(IStorage storage, ILogger<BotStateAccessors> logger)
{
    private const string SessionKey = "ActionMonth.Session";
    private const string ConversationProperty = "conversation";
    private const string ProfileProperty = "profile";

    private readonly IStateDocumentStore _documents = StorageStateDocuments.Over(storage);

    public async Task<TurnSession> LoadAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<TurnSession>(SessionKey) is { } existing) return existing;
        TurnSession session;
        try
        {
            var keys = StorageKeys(turnContext);
            var documents = await _documents.ReadDocumentsAsync(keys, cancellationToken).ConfigureAwait(false);
            var conversation = Load<ConversationData>(keys[0], documents[0], ConversationProperty);
            // Some channels send conversationUpdate without a sender: there is no user to load or save then.
            (UserProfile? Value, StoredDocument Stored)? profile = keys.Length > 1 ? Load<UserProfile>(keys[1], documents[1], ProfileProperty) : null;
            session = new TurnSession(profile?.Value ?? new UserProfile(), conversation.Value ?? new ConversationData(), persistent: true)
            {
                StoredConversation = conversation.Stored,
                StoredProfile = profile?.Stored,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("State could not be loaded for activity {ActivityId}: {ExceptionType}; the turn goes on without stored state",
                turnContext.Activity?.Id, ex.GetType().FullName);
            session = new TurnSession(new UserProfile(), new ConversationData(), persistent: false);
        }
        turnContext.TurnState[SessionKey] = session;
        return session;
    }

    private static (T? Value, StoredDocument Stored) Load<T>(string key, StateDocument? document, string property) where T : class
    {
        if (document is null) return (null, new StoredDocument(key));
        var (value, others) = StateDocumentFormat.Read<T>(document.Json, property);
        return (value, new StoredDocument(key) { Json = document.Json, ETag = document.ETag, Others = others });
    }

    /// <summary>The keys ConversationState and UserState use for this turn (Bot.Builder's key formats, so state
    /// stored by them is found), the conversation's first; no user key when the activity names no sender.</summary>
    private static string[] StorageKeys(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        // The checks ConversationState makes: such an activity has no state to load.
        var channel = activity?.ChannelId ?? throw new InvalidOperationException("The activity has no channelId.");
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id.");
        var conversation = $"{channel}/conversations/{conversationId}";
        return string.IsNullOrEmpty(activity.From?.Id) ? [conversation] : [conversation, $"{channel}/users/{activity.From.Id}"];
    }

    /// <summary>Forgets the conversation (restart): the next save overwrites it with a fresh one.</summary>
    public Task ResetConversationAsync(ITurnContext turnContext, TurnSession session, CancellationToken cancellationToken)
    {
        session.Conversation = new ConversationData();
        // As ConversationState.ClearStateAsync: nothing kept from the stored document, and the fresh one is written
        // whatever is stored by then.
        if (session.StoredConversation is { } stored)
            session.StoredConversation = new StoredDocument(stored.Key);
        return Task.CompletedTask;
    }

    /// <summary>Writes what changed, durably, before it returns. A failure is logged, not thrown: the replies have
    /// already been produced and the user should still get them.</summary>
    public async Task SaveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<TurnSession>(SessionKey) is not { Persistent: true } session) return;
        try
        {
            if (session.StoredConversation is { } conversation)
                await SaveAsync(conversation, ConversationProperty, session.Conversation, cancellationToken).ConfigureAwait(false);
            if (session.StoredProfile is { } profile)
                await SaveAsync(profile, ProfileProperty, session.Profile, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Expected when a disclosure turn ran beside another turn of its conversation without waiting for it:
            // the other turn's state stands; this one's replies, and any case it opened, are already out.
            logger.LogWarning("State of activity {ActivityId} was changed by a concurrent turn; this turn's state changes were dropped",
                turnContext.Activity?.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError("State could not be saved for activity {ActivityId}: {ExceptionType}",
                turnContext.Activity?.Id, ex.GetType().FullName);
        }
    }

    private async Task SaveAsync<T>(StoredDocument stored, string property, T value, CancellationToken cancellationToken)
    {
        var json = StateDocumentFormat.Write(property, value, stored.Others, stored.Json);
        if (ReferenceEquals(json, stored.Json)) return;
        // The ETag read (or last written) this turn: a write by another turn or host since then is a conflict.
        stored.ETag = await _documents.WriteDocumentAsync(stored.Key, json, stored.ETag, cancellationToken).ConfigureAwait(false);
        stored.Json = json;
    }
}

/// <summary>The state of the current turn: the user's profile and the conversation's data, loaded once.</summary>
public sealed class TurnSession(UserProfile profile, ConversationData conversation, bool persistent)
{
    public UserProfile Profile { get; } = profile;
    public ConversationData Conversation { get; set; } = conversation;

    /// <summary>False when the database could not be read this turn: nothing will be written back.</summary>
    public bool Persistent { get; } = persistent;

    internal StoredDocument? StoredConversation { get; set; }

    /// <summary>Null when the turn has no user (no sender).</summary>
    internal StoredDocument? StoredProfile { get; init; }
}

/// <summary>What the store holds for one key as far as this turn knows: the text last read or written (null: none
/// yet, so the next save writes), its ETag and the document's other properties.</summary>
internal sealed class StoredDocument(string key)
{
    public string Key { get; } = key;
    public string? Json { get; set; }
    public string? ETag { get; set; }
    public JProperty[]? Others { get; init; }
}
