using System.Data.Common;

namespace ActionMonth.Bot.Storage;

/// <summary>Answer feedback in the <c>answer_feedback</c> table, over System.Data.Common. The databases store the
/// creation time differently (SQLite: ISO 8601 text; PostgreSQL: timestamptz), so <see cref="SqliteFeedbackStore"/>
/// and <see cref="PostgresFeedbackStore"/> bind and read it, and bound the row count, their own way.</summary>
public abstract class SqlFeedbackStore : IFeedbackStore
{
    private protected SqlFeedbackStore()
    {
    }

    /// <summary>An open connection on the migrated database.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Entered before the write; null where the database needs no queue of writers.</summary>
    private protected abstract Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken);

    /// <summary>Binds @created.</summary>
    private protected abstract void BindCreatedAt(DbCommand command, DateTimeOffset createdAt);

    private protected abstract DateTimeOffset ReadCreatedAt(DbDataReader reader, int ordinal);

    /// <summary>The LIMIT for a requested count.</summary>
    private protected abstract int Limit(int count);

    /// <summary>Stores a vote; a later vote on the same answer replaces the earlier one.</summary>
    public async Task AddAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            INSERT INTO answer_feedback (created_at, answer_id, vote, source, channel_id, card_id, doc, article, clause,
                                         confidence, role, language)
            VALUES (@created, @answer, @vote, @source, @channel, @card, @doc, @article, @clause, @confidence, @role, @language)
            ON CONFLICT (answer_id) DO UPDATE SET vote = excluded.vote, source = excluded.source, created_at = excluded.created_at
            """);
        BindCreatedAt(command, feedback.CreatedAt);
        command.With("answer", feedback.AnswerId).With("vote", feedback.Vote).With("source", feedback.Source)
            .With("channel", feedback.ChannelId).With("card", feedback.CardId).With("doc", feedback.Doc)
            .With("article", feedback.Article).With("clause", feedback.Clause).With("confidence", feedback.Confidence)
            .With("role", feedback.Role).With("language", feedback.Language);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command("""
            SELECT answer_id, vote, source, channel_id, card_id, doc, article, clause, confidence, role, language, created_at
            FROM answer_feedback ORDER BY id DESC LIMIT @count
            """);
        command.With("count", Limit(count));
        var list = new List<FeedbackRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new FeedbackRecord(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(10),
                ReadCreatedAt(reader, 11)));
        }
        return list;
    }
}
