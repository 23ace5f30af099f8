// Sends N messages over C concurrent connections to POST /api/messages (deliveryMode expectReplies) and reports
// messages/s, latency percentiles and the server's CPU time and allocations per message, for the real bot and for a
// bare echo bot on the same adapter and endpoint. The load comes from wrk, a separate process, when it is installed.
// Usage: dotnet run -c Release --project benchmarks/ActionMonth.Bot.Benchmarks -- [messages=20000] [connections=64] [--client wrk|dotnet]
//        [--warmup-seconds 20] (each target is warmed up this long before its measured runs) [--runs 3] (the median run is reported)
//        state | turns: in-process costs of the state path / of a whole turn without HTTP (StateBenchmark, TurnBenchmark)
//        profile [echo|bot] [messages]: one target kept under load for a profiler to attach (ProfileRun)
namespace ActionMonth.Bot.Benchmarks;

/// <summary>Entry point (not top-level statements: the host's own Program type must stay the one named Program).</summary>
public static class LoadBenchmark
{
    // The machine has two cores; wrk's threads share them with the server.
    private const int WrkThreads = 2;

    /// <summary>A target's median run, with the errors of all its runs and the worst p99 of any of them.</summary>
    private sealed record TargetResult(string Name, LoadResult Load, ProcessCost Server, int AllErrors, double WorstP99);

    public static async Task<int> Main(string[] args)
    {
        if (args is ["state", ..]) return await StateBenchmark.RunAsync(args);
        if (args is ["turns", ..]) return await TurnBenchmark.RunAsync(args);
        if (args is ["profile", ..]) return await ProfileRun.RunAsync(args);
        var numbers = args.Where((a, i) => int.TryParse(a, out _) && (i == 0 || args[i - 1] is not ("--warmup-seconds" or "--runs"))).Select(int.Parse).ToArray();
        var messages = Math.Max(1, numbers.Length > 0 ? numbers[0] : 20_000);
        var connections = numbers.Length > 1 ? numbers[1] : 64;
        var warmUpIndex = Array.IndexOf(args, "--warmup-seconds");
        var warmUpSeconds = warmUpIndex >= 0 && warmUpIndex + 1 < args.Length ? double.Parse(args[warmUpIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var runsIndex = Array.IndexOf(args, "--runs");
        var measuredRuns = runsIndex >= 0 && runsIndex + 1 < args.Length ? Math.Max(1, int.Parse(args[runsIndex + 1], System.Globalization.CultureInfo.InvariantCulture)) : 3;
        var clientIndex = Array.IndexOf(args, "--client");
        var client = clientIndex >= 0 && clientIndex + 1 < args.Length ? args[clientIndex + 1] : "wrk";
        if (client is not ("wrk" or "dotnet"))
        {
            Console.Error.WriteLine($"unknown client '{client}': use --client wrk (default) or --client dotnet");
            return 2;
        }
        var wrk = client == "wrk" ? WrkLoadGenerator.Find() : null;
        if (client == "wrk" && wrk is null)
        {
            Console.WriteLine("wrk is not installed (Debian/Ubuntu: apt-get install wrk): FALLING BACK to the in-process .NET HttpClient load,");
            Console.WriteLine("which shares the server's process, thread pool and GC (its CPU and allocation figures include the client).");
        }
        var root = RepositoryRoot.Find();
        var load = wrk is null
            ? "load: in-process .NET HttpClient (server and client share this process)" + (client == "wrk" ? "; wrk not found, apt-get install wrk" : "")
            : $"load: {wrk} -t{WrkThreads} -c{WrkLoadGenerator.ConnectionsUsed(connections, WrkThreads)} (separate process; CPU and allocations below are the server's alone)";
        Console.WriteLine($"{messages} messages, {connections} connections, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine(load);
        if (wrk is not null && WrkLoadGenerator.ConnectionsUsed(connections, WrkThreads) != connections)
            Console.WriteLine($"note: wrk opens connections / threads per thread, so {WrkLoadGenerator.ConnectionsUsed(connections, WrkThreads)} connections");
        var serverLabel = wrk is null ? "server and client" : "server";

        var results = new List<TargetResult>();
        foreach (var target in new[] { BenchmarkTarget.EchoBot, BenchmarkTarget.ActionMonthBot, BenchmarkTarget.ActionMonthBotNoCache })
        {
            await using var host = await BenchmarkHost.StartAsync(target, root);
            var questions = host.RealQuestions().Concat(LoadGenerator.Questions).ToArray();
            if (target == BenchmarkTarget.EchoBot) Console.WriteLine($"{questions.Length} distinct questions (every card's phrasings, plus follow-ups and small talk)");
            // Warm up for a fixed time, not a fixed count: until tiered JIT has recompiled the hot paths and the thread
            // pool has settled, a run measures start-up (2,000 messages left the bot's JIT still compiling on 2 cores).
            var warmUpBatch = Math.Max(1, Math.Min(2_000, messages / 4));
            var warmUpWatch = System.Diagnostics.Stopwatch.StartNew();
            var warmed = 0;
            do
            {
                await RunAsync(wrk, host.BaseAddress, warmUpBatch, connections, questions, CancellationToken.None);
                warmed += warmUpBatch;
            }
            while (warmUpWatch.Elapsed.TotalSeconds < warmUpSeconds);
            Console.WriteLine($"  warm-up: {warmed} messages in {warmUpWatch.Elapsed.TotalSeconds:F1} s");
            // Several measured runs, the median one reported: a 20,000-message run of the echo bot lasts about a second,
            // so one stray burst of other work on a 2-core machine could decide a single run. Both targets get the same.
            var runs = new List<(LoadResult Load, ProcessCost Server, WrkDetails? Details)>(measuredRuns);
            for (var run = 0; run < measuredRuns; run++)
            {
                var before = ProcessCost.Now();
                var (measured, measuredDetails) = await RunAsync(wrk, host.BaseAddress, messages, connections, questions, CancellationToken.None);
                runs.Add((measured, ProcessCost.Now().Since(before), measuredDetails));
                if (measuredRuns > 1)
                    Console.WriteLine($"  run {run + 1}: {measured.MessagesPerSecond:F0} msg/s, p99 {measured.P99:F2} ms, {measured.Errors} errors");
            }
            var (result, server, details) = runs.OrderBy(r => r.Load.MessagesPerSecond).ElementAt(runs.Count / 2);
            results.Add(new TargetResult(target.ToString(), result with { Name = target.ToString() }, server,
                runs.Sum(r => r.Load.Errors), runs.Max(r => r.Load.P99)));
            Console.WriteLine(result.Describe(target.ToString()) + (measuredRuns > 1 ? $" (median of {measuredRuns} runs)" : ""));
            Console.WriteLine($"  {serverLabel}: {server.Describe(messages)}");
            if (details is not null)
                Console.WriteLine($"  wrk: errors {details.Errors}; wrk's own histogram (coordinated-omission corrected) p50 {details.WrkP50:F2} ms, "
                    + $"p99 {details.WrkP99:F2} ms, max {details.WrkMax:F2} ms; wrk ran {details.WrkSeconds:F2} s (with connecting and stopping)"
                    + (details.WrkCpu is { } cpu ? $"; wrk CPU {cpu.TotalMilliseconds / messages:F2} ms per message" : "")
                    + $"\n  {details.ResultLine}");
        }

        var echo = results[0].Load;
        var bot = results[1].Load;
        var uncached = results[2].Load;
        Console.WriteLine();
        Console.WriteLine(load);
        Console.WriteLine($"{"",-24}{"msg/s",9}{"p50 ms",9}{"p99 ms",9}{"max ms",9}{"errors",8}{"CPU ms/msg",12}{"KB/msg",8}{"GCs",6}{"pause ms",10}");
        foreach (var (name, r, s, _, _) in results)
            Console.WriteLine($"{name,-24}{r.MessagesPerSecond,9:F0}{r.P50,9:F2}{r.P99,9:F2}{r.Max,9:F2}{r.Errors,8}"
                + $"{s.CpuMsPerMessage(r.Messages),12:F2}{s.AllocatedKbPerMessage(r.Messages),8:F0}{s.Gen0,6}{s.Paused.TotalMilliseconds,10:F0}");
        Console.WriteLine($"(CPU, KB, GCs and pauses: {serverLabel} process)");
        var ratio = bot.MessagesPerSecond / echo.MessagesPerSecond;
        Console.WriteLine($"bot/echo throughput: {ratio:P0} (target ≥ 50%); bot p99 {bot.P99:F1} ms, worst of its runs {results[1].WorstP99:F1} ms (target < 50 ms)");
        Console.WriteLine($"without the search cache: {uncached.MessagesPerSecond / echo.MessagesPerSecond:P0} of echo, p99 {uncached.P99:F1} ms");
        return ratio >= 0.5 && results[1].WorstP99 < 50 && results[1].AllErrors == 0 ? 0 : 1;
    }

    private static async Task<(LoadResult Result, WrkDetails? Details)> RunAsync(string? wrk, Uri baseAddress, int messages, int connections,
        string[] questions, CancellationToken cancellationToken)
    {
        if (wrk is null) return (await LoadGenerator.RunAsync(baseAddress, messages, connections, questions, cancellationToken), null);
        return await WrkLoadGenerator.RunAsync(wrk, baseAddress, messages, connections, WrkThreads, questions, cancellationToken);
    }
}
