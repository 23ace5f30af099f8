using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>What a wrk run saw besides the <see cref="LoadResult"/>: wrk's own latency histogram (with its
/// coordinated-omission correction), the CPU time wrk itself used, and the kinds of errors.</summary>
/// <param name="ResultLine">The machine-readable line the script's done() printed (JSON after "wrk-result ").</param>
public sealed record WrkDetails(double WrkP50, double WrkP99, double WrkMax, double WrkSeconds, TimeSpan? WrkCpu, string Errors, string ResultLine);

/// <summary>Sends exactly N messages with wrk, a separate process, over C connections and T threads (see
/// wrk/expect-replies.lua for how conversations, the exact count and the latencies are kept).</summary>
public static class WrkLoadGenerator
{
    private const int SigInt = 2;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>/usr/bin/wrk, else wrk on PATH, else null.</summary>
    public static string? Find()
    {
        if (File.Exists("/usr/bin/wrk")) return "/usr/bin/wrk";
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>wrk gives each thread connections / threads connections.</summary>
    public static int ConnectionsUsed(int connections, int threads) => connections / threads * threads;

    public static async Task<(LoadResult Result, WrkDetails Details)> RunAsync(string wrk, Uri baseAddress, int messages, int connections, int threads,
        IReadOnlyList<string> texts, CancellationToken cancellationToken, string path = "/api/messages")
    {
        threads = Math.Max(1, Math.Min(threads, Math.Min(messages, connections)));
        var run = Guid.NewGuid().ToString("N")[..8];
        var script = Path.Combine(Path.GetTempPath(), $"actionmonth-wrk-{run}.lua");
        await File.WriteAllTextAsync(script, WrkScript.Build(run, messages, threads, connections / threads, texts, path),
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        // wrk stops at -d at the latest: only reached when answers are lost (then the run reports them missing).
        var limit = 60 + messages / 100;
        var start = new ProcessStartInfo(wrk)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[]
                 {
                     "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", ConnectionsUsed(connections, threads).ToString(CultureInfo.InvariantCulture),
                     "-d", $"{limit}s", "--timeout", $"{RequestTimeout.TotalSeconds:F0}s", "-s", script, baseAddress.ToString(),
                 })
            start.ArgumentList.Add(argument);

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = new StringBuilder();
            string? result = null;
            TimeSpan? wrkCpu = null;
            var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reading = Task.Run(async () =>
            {
                var done = 0;
                while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
                {
                    if (line.StartsWith("wrk-result ", StringComparison.Ordinal)) result = line["wrk-result ".Length..];
                    else output.AppendLine(line);
                    if (!line.StartsWith("wrk-thread-done", StringComparison.Ordinal) || ++done < threads) continue;
                    wrkCpu = CpuOf(process);
                    allDone.TrySetResult();
                }
            }, cancellationToken);
            var exited = process.WaitForExitAsync(cancellationToken);
            // Every thread has its share answered: wrk's main thread would sleep until -d, so interrupt it. wrk
            // installs its SIGINT handler only after starting its threads (an earlier signal is ignored): repeat.
            if (await Task.WhenAny(allDone.Task, exited, Task.Delay(TimeSpan.FromSeconds(limit + 30), cancellationToken)) == allDone.Task)
            {
                for (var attempt = 0; attempt < 10 && !process.HasExited; attempt++)
                {
                    if (kill(process.Id, SigInt) != 0) throw new InvalidOperationException($"could not interrupt wrk (errno {Marshal.GetLastPInvokeError()})");
                    await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
                }
            }
            if (!process.HasExited)
            {
                output.AppendLine("(wrk did not finish in time: killed)");
                process.Kill();
            }
            await exited;
            await reading;
            var errorText = await stderr;
            if (result is null)
                throw new InvalidOperationException($"wrk printed no result (exit {process.ExitCode}):\n{output}{errorText}");
            return Parse(result, messages, wrkCpu);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static (LoadResult, WrkDetails) Parse(string json, int messages, TimeSpan? wrkCpu)
    {
        using var document = JsonDocument.Parse(json);
        var r = document.RootElement;
        int Count(string name) => r.GetProperty(name).GetInt32();
        double Ms(string name) => r.GetProperty(name).GetDouble() / 1000;
        var completed = Count("completed");
        var missing = Math.Max(0, messages - completed);
        var kinds = new (string Name, int Count)[]
        {
            ("non-200", Count("non200")), ("200 without activities", Count("withoutActivities")),
            ("200 without our conversation id", Count("unmatched")), ("connect", Count("connect")), ("read", Count("read")),
            ("write", Count("write")), ("timeout", Count("timeout")), ("unanswered", missing),
        };
        // A non-200 reply also lacks activities; it is counted once.
        var errors = kinds.Sum(k => k.Count);
        var described = string.Join(", ", kinds.Where(k => k.Count > 0).Select(k => $"{k.Name} {k.Count}"));
        var result = new LoadResult("", completed, errors, r.GetProperty("seconds").GetDouble(), Ms("p50Us"), Ms("p99Us"), Ms("maxUs"));
        var details = new WrkDetails(Ms("wrkP50Us"), Ms("wrkP99Us"), Ms("wrkMaxUs"), r.GetProperty("wrkSeconds").GetDouble(), wrkCpu,
            (described.Length == 0 ? "none" : described) + $"; sent {Count("sent")}, answered {completed}, latency samples {Count("samples")}, conversations retired {Count("retired")}, "
            + $"sent while in flight {Count("overlapping")}", "wrk-result " + json);
        return (result, details);
    }

    private static TimeSpan? CpuOf(Process process)
    {
        try { return process.TotalProcessorTime; }
        catch (InvalidOperationException) { return null; }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
