using System.Data.Common;
using Npgsql;

namespace ActionMonth.Bot.Storage;

/// <summary>Answer feedback (<see cref="SqlFeedbackStore"/>) on PostgreSQL, its time as timestamptz.</summary>
public sealed class PostgresFeedbackStore(PostgresDatabase database) : SqlFeedbackStore
{
    private protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    // Inserts need no writer queue: PostgreSQL takes concurrent inserts.
    private protected override Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IDisposable?>(null);

    private protected override void BindCreatedAt(DbCommand command, DateTimeOffset createdAt) =>
        command.Parameters.Add(new NpgsqlParameter("created", createdAt.ToUniversalTime()));

    private protected override DateTimeOffset ReadCreatedAt(DbDataReader reader, int ordinal) =>
        new(reader.GetDateTime(ordinal), TimeSpan.Zero);

    // PostgreSQL rejects a negative LIMIT.
    private protected override int Limit(int count) => Math.Max(0, count);
}
