using ActionMonth.Bot.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// The PostgreSQL <see cref="IDirectLineStore"/>, so a web-chat conversation continues whichever instance the next
/// request lands on. An append locks the conversation's row first (<c>SELECT … FOR UPDATE</c>), then checks the
/// clientActivityID, advances the counter and inserts the activity, and commits: appends to one conversation, from any
/// instance, run one after another, so sequences have no gaps and become visible in order (a reader paging by
/// watermark sees each activity exactly once), and a client's retry is recognised even when it raced the first post.
/// </summary>
public sealed class PostgresDirectLineStore(PostgresDatabase database) : IDirectLineStore
{
    public async Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO directline_secrets (name, secret) VALUES (@n, @s) ON CONFLICT (name) DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue("n", name);
            insert.Parameters.AddWithValue("s", NpgsqlDbType.Bytea, create());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var select = new NpgsqlCommand("SELECT secret FROM directline_secrets WHERE name = @n", connection);
        select.Parameters.AddWithValue("n", name);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> StartConversationAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO directline_conversations (id, user_id, created_at, updated_at, last_seq) VALUES (@id, @user, @now, @now, 0)
            ON CONFLICT (id) DO NOTHING
            """, connection);
        insert.Parameters.AddWithValue("id", conversationId);
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand("SELECT user_id, created_at, last_seq FROM directline_conversations WHERE id = @id", connection);
        select.Parameters.AddWithValue("id", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new DirectLineConversation(conversationId, reader.GetString(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2));
    }

    public async Task<AppendedActivity?> AppendAsync(string conversationId, string? clientActivityId, Func<string, long, string> render,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        long sequence;
        await using (var locked = new NpgsqlCommand("SELECT last_seq FROM directline_conversations WHERE id = @c FOR UPDATE", connection, transaction))
        {
            locked.Parameters.AddWithValue("c", conversationId);
            if (await locked.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long last) return null;
            sequence = last + 1;
        }

        if (clientActivityId is not null)
        {
            await using var existing = new NpgsqlCommand("""
                SELECT activity_id, seq FROM directline_activities WHERE conversation_id = @c AND client_activity_id = @client
                """, connection, transaction);
            existing.Parameters.AddWithValue("c", conversationId);
            existing.Parameters.AddWithValue("client", clientActivityId);
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return new AppendedActivity(reader.GetString(0), reader.GetInt64(1), Duplicate: true);
        }

        await using (var advance = new NpgsqlCommand(
            "UPDATE directline_conversations SET last_seq = @seq, updated_at = @now WHERE id = @c", connection, transaction))
        {
            advance.Parameters.AddWithValue("seq", sequence);
            advance.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            advance.Parameters.AddWithValue("c", conversationId);
            await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var activityId = DirectLineIds.ActivityId(conversationId, sequence);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO directline_activities (conversation_id, seq, activity_id, client_activity_id, body, created_at)
            VALUES (@c, @seq, @id, @client, @body, @now)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("c", conversationId);
            insert.Parameters.AddWithValue("seq", sequence);
            insert.Parameters.AddWithValue("id", activityId);
            insert.Parameters.AddWithValue("client", NpgsqlDbType.Text, (object?)clientActivityId ?? DBNull.Value);
            insert.Parameters.AddWithValue("body", render(activityId, sequence));
            insert.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AppendedActivity(activityId, sequence, Duplicate: false);
    }

    public async Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = new NpgsqlCommand("""
            SELECT seq, activity_id, body FROM directline_activities
            WHERE conversation_id = @c AND seq > @after ORDER BY seq LIMIT @max
            """, connection);
        select.Parameters.AddWithValue("c", conversationId);
        select.Parameters.AddWithValue("after", afterSequence);
        select.Parameters.AddWithValue("max", max);
        var activities = new List<StoredActivity>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            activities.Add(new StoredActivity(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return activities;
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The activities go with their conversation (ON DELETE CASCADE). A conversation appended to meanwhile holds
        // its row lock; the DELETE waits for it and then finds it no longer idle.
        await using var delete = new NpgsqlCommand("DELETE FROM directline_conversations WHERE updated_at < @before", connection);
        delete.Parameters.AddWithValue("before", idleSince.ToUnixTimeMilliseconds());
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
