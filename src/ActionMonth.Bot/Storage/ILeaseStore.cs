namespace ActionMonth.Bot.Storage;

/// <summary>
/// Named leases in the shared database: a role (Telegram long polling) that exactly one instance holds at a time.
/// A lease is held by an owner until it expires; the owner renews it well before then. An instance that dies stops
/// renewing, and another takes the lease once it has expired. Times come from the caller's clock, so every instance
/// must keep reasonable time (NTP); the lease length should dwarf any clock difference.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease, or renews it when <paramref name="owner"/> holds it already, until
    /// <paramref name="until"/>. False when another owner holds an unexpired lease.</summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (graceful stop), so another instance can take it at once. Only the owner can.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken);

    /// <summary>Who holds the lease now and until when (null: nobody, or expired).</summary>
    Task<(string Owner, DateTimeOffset Until)?> HolderAsync(string name, DateTimeOffset now, CancellationToken cancellationToken);
}
