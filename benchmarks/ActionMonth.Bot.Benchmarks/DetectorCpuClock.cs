using System.Runtime.InteropServices;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>
/// The host's detector, timed by the calling thread's own CPU clock on every call: what the detector costs inside
/// real turns, where the rest of the turn has pushed its tables out of the CPU caches, as against the benchmark's
/// "detector alone" loop, which keeps them warm (on 2 cores the two differed by 1.7-2 times). The clock costs two
/// vDSO calls, ~0.1 µs per message.
/// </summary>
public sealed class DetectorCpuClock(IDisclosureDetector inner) : IDisclosureDetector
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID
    private long _nanoseconds;

    public IDisclosureDetector Inner => inner;

    private long _calls;

    public DisclosureAssessment Assess(string text)
    {
        var start = Now();
        var assessment = inner.Assess(text);
        Interlocked.Add(ref _nanoseconds, Now() - start);
        Interlocked.Increment(ref _calls);
        return assessment;
    }

    /// <summary>Calls so far and the thread CPU time they took.</summary>
    public (long Calls, long Nanoseconds) Total => (Interlocked.Read(ref _calls), Interlocked.Read(ref _nanoseconds));

    /// <summary>Mean µs per call since <paramref name="before"/> (a <see cref="Total"/>).</summary>
    public double MicrosecondsPerCallSince((long Calls, long Nanoseconds) before)
    {
        var (calls, nanoseconds) = Total;
        return calls == before.Calls ? 0 : (nanoseconds - before.Nanoseconds) / 1000.0 / (calls - before.Calls);
    }

    private static long Now()
    {
        if (clock_gettime(ThreadCpuClock, out var time) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return time.Seconds * 1_000_000_000 + time.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
