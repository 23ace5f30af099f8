using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>
/// The state property accessors over ConversationState and UserState, and the per-turn load and save around
/// them. Loading never throws: when the database cannot be read the turn goes on with fresh state (a child's
/// disclosure must still be answered) and nothing is written back, so a broken read cannot wipe stored state.
/// <para>Both keys are read in one call as JSON text (<see cref="IStateDocumentStore"/>), and each document is parsed
/// once straight into its typed object (<see cref="StateDocumentFormat"/>) and put in place as the state's cache
/// (<see cref="TrackedConversationState.Preload"/>), so the accessors find the typed objects without a read of their
/// own or a JObject conversion. A state is written only when its document text changed, with the ETag that was read
/// (<see cref="TrackedState"/>).</para>
/// </summary>
public sealed class BotStateAccessors(TrackedConversationState conversationState, TrackedUserState userState, IStorage storage,
    ILogger<BotStateAccessors> logger)
{
    // Short: Bot.Builder's turn state hashes its keys with a culture-aware comparer (ICU), which costs by length.
    private const string SessionKey = "am.session";
    private const string ConversationProperty = "conversation";
    private const string ProfileProperty = "profile";
    private const string ETagProperty = "eTag";
    private readonly IStatePropertyAccessor<ConversationData> _conversation = conversationState.CreateProperty<ConversationData>(ConversationProperty);
    private readonly IStatePropertyAccessor<UserProfile> _profile = userState.CreateProperty<UserProfile>(ProfileProperty);
    private readonly IStateDocumentStore _documents = StorageStateDocuments.Over(storage);

    public async Task<TurnSession> LoadAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<TurnSession>(SessionKey) is { } existing) return existing;
        TurnSession session;
        try
        {
            // One read for both keys, put in place as the two states' caches; the accessors then find the typed objects.
            var keys = StorageKeys(turnContext);
            var documents = await _documents.ReadDocumentsAsync(keys, cancellationToken).ConfigureAwait(false);
            conversationState.Preload(turnContext, documents[0] is { } conversationDocument ? Items<ConversationData>(conversationDocument, ConversationProperty) : null,
                documents[0]?.Json);
            // A missing value is created and set by GetAsync; a stored one is the very object in the cache, so changes made
            // to it during the turn are what gets saved.
            var conversation = await _conversation.GetAsync(turnContext, () => new ConversationData(), cancellationToken).ConfigureAwait(false);
            var profile = new UserProfile();
            // Some channels send conversationUpdate without a sender: there is no user to load or save then.
            if (HasUser(turnContext))
            {
                userState.Preload(turnContext, documents[1] is { } profileDocument ? Items<UserProfile>(profileDocument, ProfileProperty) : null,
                    documents[1]?.Json);
                profile = await _profile.GetAsync(turnContext, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
            }
            session = new TurnSession(profile, conversation, persistent: true);
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

    /// <summary>A stored document as BotState keeps it in the turn: the typed value under its property, any other
    /// properties as they were read, and the ETag its save will check.</summary>
    private static StateItems Items<T>(StateDocument document, string property) where T : class
    {
        var (value, others) = StateDocumentFormat.Read<T>(document.Json, property);
        var items = new StateItems();
        if (others is not null)
            foreach (var other in others) items[other.Name] = other.Value;
        if (value is not null) items[property] = value;
        items[ETagProperty] = document.ETag;
        return items;
    }

    private static bool HasUser(ITurnContext turnContext) => !string.IsNullOrEmpty(turnContext.Activity?.From?.Id);

    /// <summary>The keys ConversationState and UserState read for this turn (Bot.Builder's own key formats), the
    /// conversation's first; a key that ever differed from theirs would only mean their load queries the store itself.</summary>
    private static string[] StorageKeys(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        var conversation = $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}";
        return HasUser(turnContext) ? [conversation, $"{activity.ChannelId}/users/{activity.From!.Id}"] : [conversation];
    }

    /// <summary>Forgets the conversation (restart): the next save overwrites it with a fresh one.</summary>
    public async Task ResetConversationAsync(ITurnContext turnContext, TurnSession session, CancellationToken cancellationToken)
    {
        await conversationState.ClearStateAsync(turnContext, cancellationToken).ConfigureAwait(false);
        session.Conversation = new ConversationData();
        await _conversation.SetAsync(turnContext, session.Conversation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes what changed, durably, before it returns. A failure is logged, not thrown: the replies have
    /// already been produced and the user should still get them.</summary>
    public async Task SaveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<TurnSession>(SessionKey) is not { Persistent: true }) return;
        try
        {
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            if (HasUser(turnContext)) await userState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
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
}

/// <summary>The state of the current turn: the user's profile and the conversation's data, loaded once.</summary>
public sealed class TurnSession(UserProfile profile, ConversationData conversation, bool persistent)
{
    public UserProfile Profile { get; } = profile;
    public ConversationData Conversation { get; set; } = conversation;

    /// <summary>False when the database could not be read this turn: nothing will be written back.</summary>
    public bool Persistent { get; } = persistent;
}
