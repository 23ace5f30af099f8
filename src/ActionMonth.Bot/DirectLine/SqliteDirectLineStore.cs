using System.Data.Common;
using ActionMonth.Bot.Storage;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The SQLite <see cref="IDirectLineStore"/> (<see cref="SqlDirectLineStore"/>). Appends run in an IMMEDIATE
/// transaction (the database's one writer lock), so a sequence is assigned and its row committed before the next
/// append can assign the next one.</summary>
public sealed class SqliteDirectLineStore(SqliteDatabase database) : SqlDirectLineStore
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override string InsertConversationSql => """
        INSERT OR IGNORE INTO directline_conversations (id, user_id, created_at, updated_at, last_seq)
        VALUES (@id, @user, @now, @now, 0)
        """;

    public override async Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancellationToken)
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

    public override async Task<AppendedActivity?> AppendAsync(string conversationId, string? clientActivityId,
        Func<string, long, string> render, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);

        if (await FindRetryAsync(connection, transaction, conversationId, clientActivityId, cancellationToken).ConfigureAwait(false)
            is { } retry)
            return retry;

        long sequence;
        await using (var advance = connection.Command("""
            UPDATE directline_conversations SET last_seq = last_seq + 1, updated_at = @now WHERE id = @c RETURNING last_seq
            """, transaction))
        {
            advance.With("c", conversationId).With("now", now.ToUnixTimeMilliseconds());
            var result = await advance.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (result is null) return null;
            sequence = Convert.ToInt64(result);
        }

        var appended = await InsertActivityAsync(connection, transaction, conversationId, sequence, clientActivityId, render, now,
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return appended;
    }

    public override async Task<int> PurgeIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var activities = connection.Command("""
            DELETE FROM directline_activities WHERE conversation_id IN
                (SELECT id FROM directline_conversations WHERE updated_at < @before)
            """, transaction))
        {
            activities.With("before", idleSince.ToUnixTimeMilliseconds());
            await activities.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        int purged;
        await using (var conversations = connection.Command("DELETE FROM directline_conversations WHERE updated_at < @before", transaction))
        {
            conversations.With("before", idleSince.ToUnixTimeMilliseconds());
            purged = await conversations.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return purged;
    }
}
