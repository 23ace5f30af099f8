namespace ActionMonth.Bot.Storage;

/// <summary>Answer feedback in the <c>answer_feedback</c> table.</summary>
public sealed class SqliteFeedbackStore(SqliteDatabase database) : IFeedbackStore
{
    public async Task AddAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var writing = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO answer_feedback (created_at, answer_id, vote, source, channel_id, card_id, doc, article, clause,
                                         confidence, role, language)
            VALUES ($created, $answer, $vote, $source, $channel, $card, $doc, $article, $clause, $confidence, $role, $language)
            """;
        command.Parameters.AddWithValue("$created", feedback.CreatedAt.UtcDateTime.ToString("O"));
        command.Parameters.AddWithValue("$answer", feedback.AnswerId);
        command.Parameters.AddWithValue("$vote", feedback.Vote);
        command.Parameters.AddWithValue("$source", feedback.Source);
        command.Parameters.AddWithValue("$channel", feedback.ChannelId);
        command.Parameters.AddWithValue("$card", (object?)feedback.CardId ?? DBNull.Value);
        command.Parameters.AddWithValue("$doc", (object?)feedback.Doc ?? DBNull.Value);
        command.Parameters.AddWithValue("$article", (object?)feedback.Article ?? DBNull.Value);
        command.Parameters.AddWithValue("$clause", (object?)feedback.Clause ?? DBNull.Value);
        command.Parameters.AddWithValue("$confidence", (object?)feedback.Confidence ?? DBNull.Value);
        command.Parameters.AddWithValue("$role", (object?)feedback.Role ?? DBNull.Value);
        command.Parameters.AddWithValue("$language", feedback.Language);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT answer_id, vote, source, channel_id, card_id, doc, article, clause, confidence, role, language, created_at
            FROM answer_feedback ORDER BY id DESC LIMIT $count
            """;
        command.Parameters.AddWithValue("$count", count);
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
                DateTimeOffset.Parse(reader.GetString(11), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return list;
    }
}
