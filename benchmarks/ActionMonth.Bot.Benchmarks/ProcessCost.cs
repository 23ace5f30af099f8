using System.Diagnostics;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>What this process spent between two points: CPU time, bytes allocated, collections and their pauses.
/// With wrk as the load, this process is the server alone; with the in-process client it is server and client.</summary>
/// <remarks>Gen0 counts every collection (a gen1 or gen2 collection also collects gen0).</remarks>
public sealed record ProcessCost(TimeSpan Cpu, long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static ProcessCost Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
    }

    public ProcessCost Since(ProcessCost start) =>
        new(Cpu - start.Cpu, AllocatedBytes - start.AllocatedBytes, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused);

    public double CpuMsPerMessage(int messages) => Cpu.TotalMilliseconds / messages;

    public double AllocatedKbPerMessage(int messages) => AllocatedBytes / 1024.0 / messages;

    public string Describe(int messages) =>
        $"CPU {CpuMsPerMessage(messages):F2} ms per message ({Cpu.TotalSeconds:F1} s), allocated {AllocatedKbPerMessage(messages):F0} KB per message, "
        + $"{Gen0} GCs (gen1 {Gen1}, gen2 {Gen2}) pausing {Paused.TotalMilliseconds:F0} ms";
}
