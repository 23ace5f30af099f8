using System.Data.Common;
using ActionMonth.Bot.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// The PostgreSQL <see cref="IDirectLineStore"/> (<see cref="SqlDirectLineStore"/>), so a web-chat conversation
/// continues whichever instance the next request lands on. An append locks the conversation's row first (<c>SELECT … FOR UPDATE</c>), then checks the
/// clientActivityID, advances the counter and inserts the activity, and commits: appends to one conversation, from any
/// instance, run one after another, so sequences have no gaps and become visible in order (a reader paging by
/// watermark sees each activity exactly once), and a client's retry is recognised even when it raced the first post.
/// </summary>
public sealed class PostgresDirectLineStore(PostgresDatabase database) : SqlDirectLineStore
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override string InsertConversationSql => """
        INSERT INTO directline_conversations (id, user_id, created_at, updated_at, last_seq) VALUES (@id, @user, @now, @now, 0)
        ON CONFLICT (id) DO NOTHING
        """;

    public override async Task<byte[]> GetOrCreateSecretAsync(string name, Func<byte[]> create, CancellationToken cancellationToken)
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

    public override async Task<AppendedActivity?> AppendAsync(string conversationId, string? clientActivityId,
        Func<string, long, string> render, DateTimeOffset now, CancellationToken cancellationToken)
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

        if (await FindRetryAsync(connection, transaction, conversationId, clientActivityId, cancellationToken).ConfigureAwait(false)
            is { } retry)
            return retry;

        await using (var advance = new NpgsqlCommand(
            "UPDATE directline_conversations SET last_seq = @seq, updated_at = @now WHERE id = @c", connection, transaction))
        {
            advance.Parameters.AddWithValue("seq", sequence);
            advance.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
            advance.Parameters.AddWithValue("c", conversationId);
            await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var appended = await InsertActivityAsync(connection, transaction, conversationId, sequence, clientActivityId, render, now,
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return appended;
    }

    public override async Task<int> PurgeIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The activities go with their conversation (ON DELETE CASCADE). A conversation appended to meanwhile holds
        // its row lock; the DELETE waits for it and then finds it no longer idle.
        await using var delete = new NpgsqlCommand("DELETE FROM directline_conversations WHERE updated_at < @before", connection);
        delete.Parameters.AddWithValue("before", idleSince.ToUnixTimeMilliseconds());
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
