using ActionMonth.Bot.Escalation.Outbox;

namespace ActionMonth.Bot.Observability;

/// <summary>The last reading of the outbox backlog, shared by the sampler, the readiness check and the gauges, so a
/// Prometheus scrape never waits on the database.</summary>
public sealed class OutboxBacklogSnapshot(TimeProvider time)
{
    private Sample? _latest;

    public Sample? Latest => Volatile.Read(ref _latest);

    public Sample Record(OutboxBacklog backlog)
    {
        var now = time.GetUtcNow();
        var age = backlog.OldestCreatedAt is { } oldest && oldest < now ? now - oldest : TimeSpan.Zero;
        var sample = new Sample(backlog.Pending, age, backlog.MaxAttempts, now);
        Volatile.Write(ref _latest, sample);
        return sample;
    }

    public sealed record Sample(int Pending, TimeSpan OldestAge, int MaxAttempts, DateTimeOffset SampledAt);
}
