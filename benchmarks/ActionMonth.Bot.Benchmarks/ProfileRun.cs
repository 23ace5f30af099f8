namespace ActionMonth.Bot.Benchmarks;

/// <summary>
/// Keeps one target under wrk load long enough to attach a sampling profiler to this process: warms up, prints the
/// process id and "profile window", then sends the given number of messages in rounds of 20,000 and prints each
/// round's server CPU, allocations and thread-pool work items (each a hop between threads) per message, and the detector's share of it (<see cref="DetectorCpuClock"/>).
/// wrk is a child of this process: a profiler attached by pid follows it too (perf record -p), so leave its samples out.
/// Usage: dotnet run -c Release --project benchmarks/ActionMonth.Bot.Benchmarks -- profile [echo|bot] [messages=200000] [connections=64]
/// </summary>
public static class ProfileRun
{
    private const int Round = 20_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var target = args.Length > 1 && args[1] == "echo" ? BenchmarkTarget.EchoBot : BenchmarkTarget.ActionMonthBot;
        var numbers = args.Skip(2).Where(a => int.TryParse(a, out _)).Select(int.Parse).ToArray();
        var messages = numbers.Length > 0 ? numbers[0] : 200_000;
        var connections = numbers.Length > 1 ? numbers[1] : 64;
        var wrk = WrkLoadGenerator.Find() ?? throw new InvalidOperationException("profile needs wrk (apt-get install wrk)");
        await using var host = await BenchmarkHost.StartAsync(target, RepositoryRoot.Find(), timeDetector: target == BenchmarkTarget.ActionMonthBot);
        var questions = host.RealQuestions().Concat(LoadGenerator.Questions).ToArray();
        // As the load benchmark: tiered JIT and the thread pool settle before anything is measured.
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 20)
            await WrkLoadGenerator.RunAsync(wrk, host.BaseAddress, 2_000, connections, 2, questions, CancellationToken.None);
        Console.WriteLine($"pid {Environment.ProcessId}: profile window, {target}, {messages} messages");
        for (var sent = 0; sent < messages; sent += Round)
        {
            var before = ProcessCost.Now();
            var clock = host.DetectorClock?.Total;
            var workItems = ThreadPool.CompletedWorkItemCount;
            var (load, _) = await WrkLoadGenerator.RunAsync(wrk, host.BaseAddress, Round, connections, 2, questions, CancellationToken.None);
            Console.WriteLine($"  {load.MessagesPerSecond:F0} msg/s, p99 {load.P99:F2} ms, {load.Errors} errors; server {ProcessCost.Now().Since(before).Describe(Round)}, "
                + $"{(ThreadPool.CompletedWorkItemCount - workItems) / (double)Round:F1} thread-pool work items per message"
                + (clock is { } c ? $"; detector {host.DetectorClock!.MicrosecondsPerCallSince(c):F1} µs CPU per message" : ""));
        }
        Console.WriteLine("profile window ends");
        return 0;
    }
}
