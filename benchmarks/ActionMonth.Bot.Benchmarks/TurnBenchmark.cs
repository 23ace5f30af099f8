using Stopwatch = System.Diagnostics.Stopwatch;
using Process = System.Diagnostics.Process;
using ActionMonth.Bot.Adapters;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>
/// In-process cost of one message turn without HTTP: the activity goes through the product's adapter
/// (ProcessInProcessAsync, expectReplies) and the bot, on one thread, for the echo bot and the real bot, plus the
/// disclosure detector alone over the same texts, and the detector's own CPU time within the bot's turns
/// (<see cref="DetectorCpuClock"/>: larger than alone, its tables no longer in cache). CPU microseconds and bytes allocated per turn; lower noise than the
/// load run, so it shows where a turn's cost goes and whether a change helped.
/// Usage: dotnet run -c Release --project benchmarks/ActionMonth.Bot.Benchmarks -- turns [turns=20000] [conversations=32] [--allocations]
/// (--allocations: after the rounds, the types allocated per turn, sampled by <see cref="AllocationSampler"/>)
/// </summary>
public static class TurnBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Skip(1).Where(a => int.TryParse(a, out _)).Select(int.Parse).ToArray();
        var turns = numbers.Length > 0 ? numbers[0] : 20_000;
        var conversations = numbers.Length > 1 ? numbers[1] : 32;
        var root = RepositoryRoot.Find();
        var sampleAllocations = args.Contains("--allocations");
        Console.WriteLine($"{turns} turns over {conversations} conversations, one thread, no HTTP");
        foreach (var target in new[] { BenchmarkTarget.EchoBot, BenchmarkTarget.ActionMonthBot })
        {
            await using var host = await BenchmarkHost.StartAsync(target, root, timeDetector: target == BenchmarkTarget.ActionMonthBot);
            var texts = host.RealQuestions().Concat(LoadGenerator.Questions).ToArray();
            var adapter = host.Services.GetRequiredService<ErrorHandlingAdapter>();
            var bot = host.Services.GetRequiredService<IBot>();
            var run = Guid.NewGuid().ToString("N")[..8];
            var sequence = 0;
            async Task Turns(int count)
            {
                for (var i = 0; i < count; i++, sequence++)
                {
                    var conversation = $"{run}-{sequence % conversations}";
                    var activity = new Activity
                    {
                        Type = ActivityTypes.Message,
                        Id = $"{run}-{sequence}",
                        ChannelId = "webchat",
                        ServiceUrl = "http://localhost:9/never",
                        From = new ChannelAccount("u-" + conversation),
                        Recipient = new ChannelAccount("bot"),
                        Conversation = new ConversationAccount(id: "c-" + conversation),
                        DeliveryMode = DeliveryModes.ExpectReplies,
                        Locale = "vi-VN",
                        Text = texts[sequence % texts.Length],
                    };
                    var response = await adapter.ProcessInProcessAsync(activity, bot, CancellationToken.None).ConfigureAwait(false);
                    if (response?.Body is not ExpectedReplies { Activities.Count: > 0 }) throw new InvalidOperationException("a turn gave no replies");
                }
            }

            await Turns(Math.Max(turns / 2, 5_000));
            for (var round = 0; round < 3; round++)
            {
                var clock = host.DetectorClock?.Total;
                var (cpuUs, bytes) = await MeasureAsync(() => Turns(turns), turns);
                Console.WriteLine($"{target,-16} round {round + 1}: {cpuUs,7:F1} µs CPU/turn, {bytes,8:F0} B/turn"
                    + (clock is { } before ? $" (detector within the turn {host.DetectorClock!.MicrosecondsPerCallSince(before):F1} µs)" : ""));
            }

            if (sampleAllocations)
            {
                // Only now: the listener's events cost allocations of their own, which the rounds above must not count.
                using var allocations = new AllocationSampler();
                await Turns(turns);
                allocations.Dispose();
                foreach (var (type, bytesPerTurn) in allocations.Top(25, turns))
                    Console.WriteLine($"  {bytesPerTurn,8:F0} B/turn  {type}");
            }

            if (target == BenchmarkTarget.ActionMonthBot)
            {
                // The detector itself, not its clock: the loop measures it alone, with warm caches.
                var detector = host.DetectorClock?.Inner ?? host.Services.GetRequiredService<IDisclosureDetector>();
                var (detectorUs, detectorBytes) = await MeasureAsync(() =>
                {
                    for (var i = 0; i < turns; i++) detector.Assess(texts[i % texts.Length]);
                    return Task.CompletedTask;
                }, turns);
                Console.WriteLine($"{"  detector alone",-16}         {detectorUs,7:F1} µs CPU/turn, {detectorBytes,8:F0} B/turn (included above)");
            }
        }
        return 0;
    }

    private static async Task<(double CpuUs, double Bytes)> MeasureAsync(Func<Task> work, int turns)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await work().ConfigureAwait(false);
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / turns,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)turns);
    }
}
