using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Storage;

/// <summary>The Bot.Builder storage behind ConversationState and UserState, plus what the host needs around it.
/// SQLite implements it now; a PostgreSQL provider (Storage:Provider=Postgres) implements the same contract.</summary>
public interface IBotStateStore : IStorage
{
    /// <summary>Throws when the database cannot be reached or its schema is not ready (health check).</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Deletes state not written since <paramref name="cutoff"/>; returns how many items went.</summary>
    Task<int> PurgeIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
