using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Storage;

/// <summary>
/// Migrates the database when the host starts (so a broken database shows at start, not at the first message)
/// and then deletes conversation and user state idle for longer than Storage:StateRetentionDays, hourly: the
/// welcome message promises that retention to every user.
/// </summary>
public sealed class StateRetentionService(
    IBotStateStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<StateRetentionService> logger) : HourlyPurgeService(time, logger)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.PingAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override string What => "idle state items";

    protected override Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.PurgeIdleAsync(now - TimeSpan.FromDays(Math.Max(1, options.Value.StateRetentionDays)), cancellationToken);
}
