using System.Data.Common;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// <see cref="IDirectLineStore"/> over System.Data.Common: starting, reading and paging a conversation, and the two
/// steps of an append that do not depend on the database (finding a client's retry, inserting the activity).
/// How an append is serialised, how secrets are stored and how idle conversations go are the providers' own
/// (<see cref="SqliteDirectLineStore"/>, <see cref="PostgresDirectLineStore"/>).
/// </summary>
public abstract class SqlDirectLineStore : IDirectLineStore
{
    private protected SqlDirectLineStore()
    {
    }

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Inserts conversation @id for @user at @now with last_seq 0; an existing conversation is left as it is.</summary>
    private protected abstract string InsertConversationSql { get; }

    public abstract Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancellationToken);

    public abstract Task<AppendedActivity?> AppendAsync(string conversationId, string? clientActivityId, Func<string, long, string> render,
        DateTimeOffset now, CancellationToken cancellationToken);

    public abstract Task<int> PurgeIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken);

    public async Task<bool> StartConversationAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.Command(InsertConversationSql);
        insert.With("id", conversationId).With("user", userId).With("now", now.ToUnixTimeMilliseconds());
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command("SELECT user_id, created_at, last_seq FROM directline_conversations WHERE id = @id");
        select.With("id", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new DirectLineConversation(conversationId, reader.GetString(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command("""
            SELECT seq, activity_id, body FROM directline_activities
            WHERE conversation_id = @c AND seq > @after ORDER BY seq LIMIT @max
            """);
        select.With("c", conversationId).With("after", afterSequence).With("max", max);
        var activities = new List<StoredActivity>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            activities.Add(new StoredActivity(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return activities;
    }

    /// <summary>The activity a client posted before under <paramref name="clientActivityId"/>, so a retry is not
    /// appended twice; null when there is none (or no id).</summary>
    private protected static async Task<AppendedActivity?> FindRetryAsync(DbConnection connection, DbTransaction transaction,
        string conversationId, string? clientActivityId, CancellationToken cancellationToken)
    {
        if (clientActivityId is null) return null;
        await using var existing = connection.Command("""
            SELECT activity_id, seq FROM directline_activities WHERE conversation_id = @c AND client_activity_id = @client
            """, transaction);
        existing.With("c", conversationId).With("client", clientActivityId);
        await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AppendedActivity(reader.GetString(0), reader.GetInt64(1), Duplicate: true)
            : null;
    }

    /// <summary>Inserts the activity at <paramref name="sequence"/>, rendered with its id and sequence.</summary>
    private protected static async Task<AppendedActivity> InsertActivityAsync(DbConnection connection, DbTransaction transaction,
        string conversationId, long sequence, string? clientActivityId, Func<string, long, string> render, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var activityId = DirectLineIds.ActivityId(conversationId, sequence);
        await using var insert = connection.Command("""
            INSERT INTO directline_activities (conversation_id, seq, activity_id, client_activity_id, body, created_at)
            VALUES (@c, @seq, @id, @client, @body, @now)
            """, transaction);
        insert.With("c", conversationId).With("seq", sequence).With("id", activityId).With("client", clientActivityId)
            .With("body", render(activityId, sequence)).With("now", now.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new AppendedActivity(activityId, sequence, Duplicate: false);
    }
}
