using Npgsql;

namespace ActionMonth.Bot.Storage;

/// <summary>Answer feedback in the <c>answer_feedback</c> table on PostgreSQL.</summary>
public sealed class PostgresFeedbackStore(PostgresDatabase database) : IFeedbackStore
{
    public async Task AddAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            INSERT INTO answer_feedback (created_at, answer_id, vote, source, channel_id, card_id, doc, article, clause,
                                         confidence, role, language)
            VALUES (@created, @answer, @vote, @source, @channel, @card, @doc, @article, @clause, @confidence, @role, @language)
            """, connection);
        command.Parameters.AddWithValue("created", feedback.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("answer", feedback.AnswerId);
        command.Parameters.AddWithValue("vote", feedback.Vote);
        command.Parameters.AddWithValue("source", feedback.Source);
        command.Parameters.AddWithValue("channel", feedback.ChannelId);
        command.Parameters.Add(Nullable("card", feedback.CardId));
        command.Parameters.Add(Nullable("doc", feedback.Doc));
        command.Parameters.Add(Nullable("article", feedback.Article));
        command.Parameters.Add(Nullable("clause", feedback.Clause));
        command.Parameters.Add(Nullable("confidence", feedback.Confidence));
        command.Parameters.Add(Nullable("role", feedback.Role));
        command.Parameters.AddWithValue("language", feedback.Language);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""
            SELECT answer_id, vote, source, channel_id, card_id, doc, article, clause, confidence, role, language, created_at
            FROM answer_feedback ORDER BY id DESC LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("count", Math.Max(0, count));
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
                new DateTimeOffset(reader.GetDateTime(11), TimeSpan.Zero)));
        }
        return list;
    }

    /// <summary>A typed parameter, so a null still tells PostgreSQL its type.</summary>
    private static NpgsqlParameter Nullable<T>(string name, T? value) => new NpgsqlParameter<T?>(name, value);
}
