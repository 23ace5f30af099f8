using ActionMonth.Bot.Storage;
using Microsoft.Data.Sqlite;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The SQLite <see cref="IDirectLineStore"/>. Appends run in an IMMEDIATE transaction (the database's one
/// writer lock), so a sequence is assigned and its row committed before the next append can assign the next one.</summary>
public sealed class SqliteDirectLineStore(SqliteDatabase database) : IDirectLineStore
{
    public async Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO directline_secrets (name, secret, created_at) VALUES ($n, $s, $t)";
            insert.Parameters.AddWithValue("$n", name);
            insert.Parameters.AddWithValue("$s", create());
            insert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT secret FROM directline_secrets WHERE name = $n";
        select.Parameters.AddWithValue("$n", name);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<bool> StartConversationAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT OR IGNORE INTO directline_conversations (id, user_id, created_at, updated_at, last_seq)
            VALUES ($id, $user, $now, $now, 0)
            """;
        insert.Parameters.AddWithValue("$id", conversationId);
        insert.Parameters.AddWithValue("$user", userId);
        insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<DirectLineConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT user_id, created_at, last_seq FROM directline_conversations WHERE id = $id";
        select.Parameters.AddWithValue("$id", conversationId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new DirectLineConversation(conversationId, reader.GetString(0),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2));
    }

    public async Task<AppendedActivity?> AppendAsync(string conversationId, string? clientActivityId, Func<string, long, string> render,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);

        if (clientActivityId is not null)
        {
            await using var existing = connection.CreateCommand();
            existing.Transaction = transaction;
            existing.CommandText = """
                SELECT activity_id, seq FROM directline_activities WHERE conversation_id = $c AND client_activity_id = $client
                """;
            existing.Parameters.AddWithValue("$c", conversationId);
            existing.Parameters.AddWithValue("$client", clientActivityId);
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return new AppendedActivity(reader.GetString(0), reader.GetInt64(1), Duplicate: true);
        }

        long sequence;
        await using (var advance = connection.CreateCommand())
        {
            advance.Transaction = transaction;
            advance.CommandText = """
                UPDATE directline_conversations SET last_seq = last_seq + 1, updated_at = $now WHERE id = $c RETURNING last_seq
                """;
            advance.Parameters.AddWithValue("$c", conversationId);
            advance.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            var result = await advance.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (result is null) return null;
            sequence = Convert.ToInt64(result);
        }

        var activityId = DirectLineIds.ActivityId(conversationId, sequence);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO directline_activities (conversation_id, seq, activity_id, client_activity_id, body, created_at)
                VALUES ($c, $seq, $id, $client, $body, $now)
                """;
            insert.Parameters.AddWithValue("$c", conversationId);
            insert.Parameters.AddWithValue("$seq", sequence);
            insert.Parameters.AddWithValue("$id", activityId);
            insert.Parameters.AddWithValue("$client", (object?)clientActivityId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$body", render(activityId, sequence));
            insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AppendedActivity(activityId, sequence, Duplicate: false);
    }

    public async Task<IReadOnlyList<StoredActivity>> ReadAsync(string conversationId, long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT seq, activity_id, body FROM directline_activities
            WHERE conversation_id = $c AND seq > $after ORDER BY seq LIMIT $max
            """;
        select.Parameters.AddWithValue("$c", conversationId);
        select.Parameters.AddWithValue("$after", afterSequence);
        select.Parameters.AddWithValue("$max", max);
        var activities = new List<StoredActivity>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            activities.Add(new StoredActivity(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return activities;
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var activities = connection.CreateCommand())
        {
            activities.Transaction = transaction;
            activities.CommandText = """
                DELETE FROM directline_activities WHERE conversation_id IN
                    (SELECT id FROM directline_conversations WHERE updated_at < $before)
                """;
            activities.Parameters.AddWithValue("$before", idleSince.ToUnixTimeMilliseconds());
            await activities.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        int purged;
        await using (var conversations = connection.CreateCommand())
        {
            conversations.Transaction = transaction;
            conversations.CommandText = "DELETE FROM directline_conversations WHERE updated_at < $before";
            conversations.Parameters.AddWithValue("$before", idleSince.ToUnixTimeMilliseconds());
            purged = await conversations.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
