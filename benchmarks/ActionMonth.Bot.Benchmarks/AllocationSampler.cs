using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>
/// Which types a run allocates, from the runtime's allocation ticks (one event per ~100 KB allocated, naming the type
/// of the object that crossed the mark): a sampled, type-level picture of where the bytes per turn come from, without
/// an external profiler. It records from construction until disposed.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null) return;
        var name = eventData.PayloadNames?.IndexOf("TypeName") is >= 0 and var t ? eventData.Payload[t] as string : null;
        var amount = eventData.PayloadNames?.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(name ?? "?", amount, (_, total) => total + amount);
    }

    /// <summary>The types with the most sampled bytes, as bytes per turn (sampling makes small figures rough).</summary>
    public IEnumerable<(string Type, double BytesPerTurn)> Top(int count, int turns) =>
        _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value / (double)turns));
}
