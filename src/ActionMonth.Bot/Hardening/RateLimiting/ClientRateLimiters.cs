using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>
/// The two partitioned limiters of the host, owned by the container so they (and their refill timers) go away with the
/// host: <see cref="Routes"/>, ASP.NET Core's global limiter for the routes of <see cref="ClientRateLimitPartitioner"/>,
/// and <see cref="Messages"/>, per address, for the routes of <see cref="DisclosureAwareRateLimitMiddleware"/>.
/// </summary>
public sealed class ClientRateLimiters : IDisposable
{
    public ClientRateLimiters(ClientRateLimitPartitioner partitioner, IOptionsMonitor<HardeningOptions> hardening)
    {
        Routes = PartitionedRateLimiter.Create<HttpContext, string>(partitioner.Partition);
        Messages = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var settings = hardening.CurrentValue.RateLimits.Messages;
            return settings.Enabled
                ? TokenBuckets.Partition($"{settings.Burst}/{settings.PerMinute}|{ClientAddress.KeyOf(context)}", settings)
                : RateLimitPartition.GetNoLimiter(string.Empty);
        });
    }

    public PartitionedRateLimiter<HttpContext> Routes { get; }

    public PartitionedRateLimiter<HttpContext> Messages { get; }

    public void Dispose()
    {
        Routes.Dispose();
        Messages.Dispose();
    }
}
