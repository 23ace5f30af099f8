namespace ActionMonth.Bot.Storage;

/// <summary>
/// A role exactly one instance plays at a time among all that share the database (Telegram long polling: two pollers
/// would fight over getUpdates), held through an <see cref="ILeaseStore"/> lease of Storage:LeaseSeconds.
/// <see cref="AcquireAsync"/> waits until this instance holds it, then renews it every third of the lease in the
/// background. The hold's <see cref="ExclusiveRoleHold.Lost"/> token is cancelled when the lease could not be renewed
/// before it ran out (the database was unreachable, or another owner had taken it): the work must stop then, because
/// another instance may take over. An instance that dies stops renewing and another takes over when the lease
/// expires; a graceful stop releases it at once.
/// </summary>
public sealed class ExclusiveRole(ILeaseStore store, string name, TimeSpan length, TimeProvider time, ILogger logger)
{
    public string Name { get; } = name;

    /// <summary>This instance's owner id: machine, process and a random part (a restarted process is a new owner).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Length { get; } = length < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : length;

    private TimeSpan RenewEvery => Length / 3;

    public async Task<ExclusiveRoleHold> AcquireAsync(CancellationToken stoppingToken)
    {
        var waitingLogged = false;
        while (true)
        {
            var now = time.GetUtcNow();
            try
            {
                if (await store.TryAcquireAsync(Name, Owner, now, now + Length, stoppingToken).ConfigureAwait(false))
                {
                    logger.LogInformation("This instance ({Owner}) now holds {Role}", Owner, Name);
                    return new ExclusiveRoleHold(this, now + Length, stoppingToken);
                }
                if (!waitingLogged)
                {
                    var holder = await store.HolderAsync(Name, now, stoppingToken).ConfigureAwait(false);
                    logger.LogInformation("{Role} is held by {Holder}; this instance ({Owner}) stands by and takes over if it stops",
                        Name, holder?.Owner ?? "another instance", Owner);
                    waitingLogged = true;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not ask for {Role}: {ExceptionType}", Name, ex.GetType().FullName);
            }
            await Task.Delay(RenewEvery, time, stoppingToken).ConfigureAwait(false);
        }
    }

    internal async Task RenewUntilLostAsync(ExclusiveRoleHold hold, CancellationToken stop)
    {
        var heldUntil = hold.InitialUntil;
        while (!stop.IsCancellationRequested)
        {
            var untilExpiry = heldUntil - time.GetUtcNow();
            var wait = untilExpiry < RenewEvery ? untilExpiry : RenewEvery;
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = time.GetUtcNow();
            try
            {
                if (await store.TryAcquireAsync(Name, Owner, now, now + Length, stop).ConfigureAwait(false))
                {
                    heldUntil = now + Length;
                    continue;
                }
                logger.LogWarning("{Role} was taken over by another instance; this instance ({Owner}) stops it", Name, Owner);
                hold.MarkLost();
                return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (time.GetUtcNow() >= heldUntil)
                {
                    logger.LogError("{Role} could not be renewed before its lease ran out ({ExceptionType}); this instance stops it",
                        Name, ex.GetType().FullName);
                    hold.MarkLost();
                    return;
                }
                logger.LogWarning("{Role} could not be renewed ({ExceptionType}); held until {Until:O}", Name, ex.GetType().FullName, heldUntil);
            }
        }
    }

    internal async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.ReleaseAsync(Name, Owner, timeout.Token).ConfigureAwait(false);
            logger.LogInformation("This instance ({Owner}) released {Role}", Owner, Name);
        }
        catch (Exception ex)
        {
            // Not fatal: the lease runs out by itself.
            logger.LogWarning("Could not release {Role} ({ExceptionType}); another instance takes it when the lease runs out",
                Name, ex.GetType().FullName);
        }
    }
}

/// <summary>The role held: <see cref="Lost"/> is cancelled when it is lost or the host stops. Dispose to stop renewing
/// and release it.</summary>
public sealed class ExclusiveRoleHold : IAsyncDisposable
{
    private readonly ExclusiveRole _role;
    private readonly CancellationTokenSource _lost;
    private readonly CancellationTokenSource _stopRenewing = new();
    private readonly Task _renewing;

    internal ExclusiveRoleHold(ExclusiveRole role, DateTimeOffset until, CancellationToken stoppingToken)
    {
        _role = role;
        InitialUntil = until;
        _lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _renewing = Task.Run(() => role.RenewUntilLostAsync(this, _stopRenewing.Token));
    }

    internal DateTimeOffset InitialUntil { get; }

    public CancellationToken Lost => _lost.Token;

    /// <summary>True when the lease was lost (as opposed to the host stopping).</summary>
    public bool WasLost { get; private set; }

    internal void MarkLost()
    {
        WasLost = true;
        _lost.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopRenewing.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
        if (!WasLost) await _role.ReleaseAsync().ConfigureAwait(false);
        _lost.Dispose();
        _stopRenewing.Dispose();
    }
}
