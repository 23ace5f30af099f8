using System.Data.Common;
using System.Globalization;

namespace ActionMonth.Bot.Storage;

/// <summary>Answer feedback (<see cref="SqlFeedbackStore"/>) on the SQLite state database, its time as ISO 8601 text.</summary>
public sealed class SqliteFeedbackStore(SqliteDatabase database) : SqlFeedbackStore
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

    private protected override void BindCreatedAt(DbCommand command, DateTimeOffset createdAt) =>
        command.With("created", createdAt.UtcDateTime.ToString("O"));

    private protected override DateTimeOffset ReadCreatedAt(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    // As before: passed through (SQLite reads a negative LIMIT as "no limit").
    private protected override int Limit(int count) => count;
}
