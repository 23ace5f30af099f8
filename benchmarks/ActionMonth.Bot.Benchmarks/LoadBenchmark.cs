// Sends N messages over C concurrent connections to POST /api/messages (deliveryMode expectReplies) and reports
// messages/s and latency percentiles, for the real bot and for a bare echo bot on the same adapter and endpoint.
// Usage: dotnet run -c Release --project benchmarks/ActionMonth.Bot.Benchmarks -- [messages=20000] [connections=64]
namespace ActionMonth.Bot.Benchmarks;

/// <summary>Entry point (not top-level statements: the host's own Program type must stay the one named Program).</summary>
public static class LoadBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var connections = args.Length > 1 ? int.Parse(args[1]) : 64;
        var root = RepositoryRoot.Find();
        Console.WriteLine($"{messages} messages, {connections} connections, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

        var results = new List<LoadResult>();
        foreach (var target in new[] { BenchmarkTarget.EchoBot, BenchmarkTarget.ActionMonthBot, BenchmarkTarget.ActionMonthBotNoCache })
        {
            await using var host = await BenchmarkHost.StartAsync(target, root);
            var questions = host.RealQuestions().Concat(LoadGenerator.Questions).ToArray();
            if (target == BenchmarkTarget.EchoBot) Console.WriteLine($"{questions.Length} distinct questions (every card's phrasings, plus follow-ups and small talk)");
            await LoadGenerator.RunAsync(host.BaseAddress, Math.Min(2_000, messages / 4), connections, questions); // warm-up
            // Server and load generator share the process: the allocation figure covers both, and is for comparing runs.
            var (allocated, collections, paused) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.GetTotalPauseDuration());
            var result = await LoadGenerator.RunAsync(host.BaseAddress, messages, connections, questions);
            Console.WriteLine($"  {target}: allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / messages:F0} KB per message (server and client), "
                + $"{GC.CollectionCount(0) - collections} collections pausing {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
            results.Add(result with { Name = target.ToString() });
            Console.WriteLine(result.Describe(target.ToString()));
        }

        var echo = results[0];
        var bot = results[1];
        var uncached = results[2];
        Console.WriteLine();
        Console.WriteLine($"{"",-24}{"msg/s",10}{"p50 ms",10}{"p99 ms",10}{"max ms",10}{"errors",8}");
        foreach (var r in results) Console.WriteLine($"{r.Name,-24}{r.MessagesPerSecond,10:F0}{r.P50,10:F2}{r.P99,10:F2}{r.Max,10:F2}{r.Errors,8}");
        var ratio = bot.MessagesPerSecond / echo.MessagesPerSecond;
        Console.WriteLine($"bot/echo throughput: {ratio:P0} (target ≥ 50%); bot p99 {bot.P99:F1} ms (target < 50 ms)");
        Console.WriteLine($"without the search cache: {uncached.MessagesPerSecond / echo.MessagesPerSecond:P0} of echo, p99 {uncached.P99:F1} ms");
        return ratio >= 0.5 && bot.P99 < 50 && bot.Errors == 0 ? 0 : 1;
    }
}
