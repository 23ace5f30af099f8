namespace ActionMonth.Bot.DirectLine;

/// <summary>A started Direct Line conversation.</summary>
public sealed record DirectLineConversation(string ConversationId, string UserId, DateTimeOffset CreatedAt, long LastSequence);

/// <summary>One stored activity: its place in the conversation (the watermark counts these) and its JSON as
/// clients receive it.</summary>
public sealed record StoredActivity(long Sequence, string ActivityId, string Json);

/// <summary>The result of appending: the activity's id and place, or the earlier one when the client had already
/// posted an activity with the same clientActivityID (a retry), in which case nothing was added.</summary>
public sealed record AppendedActivity(string ActivityId, long Sequence, bool Duplicate);

/// <summary>
/// Durable Direct Line conversations and their activity streams (SQLite now; PostgreSQL in issue 8), so that a
/// reload, a restart or another instance continues a conversation. Contract every provider must keep:
/// <list type="bullet">
/// <item>sequences in a conversation are 1, 2, 3… with no gaps, and become visible to readers in that order
/// (the counter is advanced and the row inserted in one transaction that holds the conversation's row lock), so a
/// reader that pages by "after sequence N" sees every activity exactly once, even under concurrent appends;</item>
/// <item>an append with a clientActivityID already stored in that conversation adds nothing and returns the first.</item>
/// </list>
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Returns the named secret, creating it with <paramref name="create"/> if absent (the first instance wins).</summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancellationToken);

    /// <summary>Creates the conversation if it does not exist. True when this call created it.</summary>
    Task<bool> StartConversationAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Appends an activity; <paramref name="render"/> gets the assigned activity id and sequence and returns
    /// the JSON to store. Null when the conversation does not exist.</summary>
    Task<AppendedActivity?> AppendAsync(string conversationId, string? clientActivityId, Func<string, long, string> render,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> activities with a sequence above <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken);

    /// <summary>Deletes conversations (and their activities) with no activity since <paramref name="idleSince"/>.</summary>
    Task<int> PurgeIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken);
}
