using Stopwatch = System.Diagnostics.Stopwatch;
using Process = System.Diagnostics.Process;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Storage;
using ActionMonth.Knowledge.Model;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>
/// In-process cost of one turn's state load and save (BotStateAccessors over the SQLite state store), without HTTP:
/// CPU microseconds and bytes allocated per turn, measured on one thread in a loop. Every turn changes the
/// conversation (a new last answer), so every turn writes, as a question turn of the bot does.
/// Then the same under concurrency: <c>parallel</c> simulated turns at a time, each on its own conversation, as the
/// host sees them under load (CPU of the whole process per turn, so the writer queue's plumbing counts too).
/// Usage: dotnet run -c Release --project benchmarks/ActionMonth.Bot.Benchmarks -- state [turns=20000] [conversations=64] [parallel=64]
/// [concurrent] (only the concurrent rounds, e.g. under a profiler)
/// </summary>
public static class StateBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Skip(1).Where(a => int.TryParse(a, out _)).Select(int.Parse).ToArray();
        var turns = numbers.Length > 0 ? numbers[0] : 20_000;
        var conversations = numbers.Length > 1 ? numbers[1] : 64;
        var parallel = numbers.Length > 2 ? numbers[2] : 64;
        var folder = Path.Combine(Path.GetTempPath(), "actionmonth-state-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var database = new SqliteDatabase("Data Source=state.db", folder, StateSchema.Migrations, NullLogger<SqliteDatabase>.Instance);
            var failures = new StateTurns.FailureCount();
            var store = new SqliteBotStateStore(database, TimeProvider.System);
            var accessors = StateTurns.Create(store, failures);
            var activities = Enumerable.Range(0, conversations).Select(Activity).ToArray();

            // Warm up (JIT tiers, pools, the database's first pages), then three measured rounds.
            var oneThread = !args.Contains("concurrent");
            if (oneThread) await RunTurnsAsync(accessors, activities, Math.Max(turns / 2, 2_000), 0);
            if (oneThread) Console.WriteLine($"{turns} turns over {conversations} conversations, SQLite file, one thread");
            for (var round = 0; oneThread && round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var gcs = GC.CollectionCount(0);
                var watch = Stopwatch.StartNew();
                await RunTurnsAsync(accessors, activities, turns, (round + 1) * turns);
                watch.Stop();
                var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / turns;
                var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)turns;
                Console.WriteLine($"  round {round + 1}: {cpuUs,7:F1} µs CPU/turn, {watch.Elapsed.TotalMicroseconds / turns,7:F1} µs wall/turn, "
                    + $"{bytes,8:F0} B/turn, gen0 GCs {GC.CollectionCount(0) - gcs}");
            }

            // The same turns, parallel at a time (conversations split between them, so no two touch one conversation).
            var lanes = Math.Min(parallel, conversations);
            await RunParallelAsync(accessors, activities, lanes, Math.Max(turns, 2_000), 10 * turns);
            Console.WriteLine($"{turns} turns over {conversations} conversations, {lanes} turns at a time");
            for (var round = 0; round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var gcs = GC.CollectionCount(0);
                var watch = Stopwatch.StartNew();
                await RunParallelAsync(accessors, activities, lanes, turns, (round + 20) * turns);
                watch.Stop();
                var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / turns;
                var bytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)turns;
                Console.WriteLine($"  round {round + 1}: {cpuUs,7:F1} µs CPU/turn, {watch.Elapsed.TotalMicroseconds / turns,7:F1} µs wall/turn, "
                    + $"{bytes,8:F0} B/turn, gen0 GCs {GC.CollectionCount(0) - gcs}");
            }

            // The store alone, as a turn calls it: one read of both documents, one write of the conversation's.
            var storeTurns = StoreTurns(activities);
            await RunStoreAsync(store, storeTurns, 1, Math.Max(turns / 2, 2_000));
            await RunStoreAsync(store, storeTurns, lanes, Math.Max(turns / 2, 2_000));
            foreach (var width in new[] { 1, lanes })
            {
                for (var round = 0; round < 2; round++)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    await RunStoreAsync(store, storeTurns, width, turns);
                    watch.Stop();
                    Console.WriteLine($"  store only, {width,2} at a time: {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / turns,6:F1} µs CPU/turn, "
                        + $"{watch.Elapsed.TotalMicroseconds / turns,6:F1} µs wall/turn, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)turns,6:F0} B/turn");
                }
            }

            // What the loop costs without the state: the turn contexts and the objects it puts in the state.
            var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var harnessAllocated = GC.GetTotalAllocatedBytes(precise: true);
            RunHarness(activities, turns);
            Console.WriteLine($"  the loop without state: {(Process.GetCurrentProcess().TotalProcessorTime - harnessCpu).TotalMicroseconds / turns,5:F1} µs CPU/turn, "
                + $"{(GC.GetTotalAllocatedBytes(precise: true) - harnessAllocated) / (double)turns,6:F0} B/turn (included above)");

            // Every turn must have loaded and saved for real, and the last turn's answer must be what is stored.
            var stored = await store.ReadDocumentsAsync([$"webchat/conversations/{activities[0].Conversation.Id}"], CancellationToken.None);
            Console.WriteLine($"  load/save failures: {failures.Count}; conversation 0 stored: {stored[0] is not null}");
            await store.DisposeAsync();
            return failures.Count == 0 && stored[0] is not null ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunTurnsAsync(BotStateAccessors accessors, Microsoft.Bot.Schema.Activity[] activities, int turns, int offset)
    {
        var adapter = new TestAdapter();
        for (var i = 0; i < turns; i++)
        {
            using var turn = new TurnContext(adapter, activities[i % activities.Length]);
            var session = await accessors.LoadAsync(turn, CancellationToken.None);
            session.Profile.Role ??= Audience.Parent;
            session.Conversation.Welcomed = true;
            session.Conversation.LastArticle = new ArticleReference("102/2016/QH13", 4 + i % 20, 1);
            session.Conversation.LastAnswer = new AnswerRecord("a" + (offset + i).ToString("x8"), "card", "card-" + i % 50, "102/2016/QH13", 4, 1, "High");
            await accessors.SaveAsync(turn, CancellationToken.None);
        }
    }

    /// <summary><paramref name="lanes"/> loops at once, lane i on conversations i, i + lanes, …, <paramref name="turns"/> in all.</summary>
    private static Task RunParallelAsync(BotStateAccessors accessors, Microsoft.Bot.Schema.Activity[] activities, int lanes, int turns, int offset)
    {
        var lanesRun = new Task[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            var mine = activities.Where((_, i) => i % lanes == lane).ToArray();
            var count = turns / lanes + (lane < turns % lanes ? 1 : 0);
            var start = offset + lane * (turns / lanes + 1);
            lanesRun[lane] = Task.Run(() => RunTurnsAsync(accessors, mine, count, start));
        }
        return Task.WhenAll(lanesRun);
    }

    /// <summary>Each conversation's two keys and a conversation document of the size the turns above write.</summary>
    private static (string[] Keys, string Json)[] StoreTurns(Microsoft.Bot.Schema.Activity[] activities) =>
        activities.Select(a => (new[] { $"webchat/conversations/{a.Conversation.Id}", $"webchat/users/{a.From.Id}" },
            "{\"conversation\":{\"Welcomed\":true,\"LastArticle\":{\"Document\":\"102/2016/QH13\",\"Article\":5,\"Clause\":1},"
            + "\"LastAnswer\":{\"Id\":\"a0000abcd\",\"Kind\":\"card\",\"CardId\":\"card-7\",\"Document\":\"102/2016/QH13\",\"Article\":4,\"Clause\":1,\"Confidence\":\"High\"}}}")).ToArray();

    /// <summary><paramref name="turns"/> store turns, <paramref name="lanes"/> at a time, lane i on conversations i, i + lanes, …</summary>
    private static Task RunStoreAsync(SqliteBotStateStore store, (string[] Keys, string Json)[] conversations, int lanes, int turns)
    {
        var lanesRun = new Task[lanes];
        for (var lane = 0; lane < lanes; lane++)
        {
            var mine = conversations.Where((_, i) => i % lanes == lane).ToArray();
            var count = turns / lanes + (lane < turns % lanes ? 1 : 0);
            lanesRun[lane] = Task.Run(async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    var (keys, json) = mine[i % mine.Length];
                    var documents = await store.ReadDocumentsAsync(keys, CancellationToken.None);
                    await store.WriteDocumentAsync(keys[0], json, documents[0]?.ETag, CancellationToken.None);
                }
            });
        }
        return Task.WhenAll(lanesRun);
    }

    private static void RunHarness(Microsoft.Bot.Schema.Activity[] activities, int turns)
    {
        var adapter = new TestAdapter();
        var session = new TurnSession(new UserProfile(), new ConversationData(), persistent: false);
        for (var i = 0; i < turns; i++)
        {
            using var turn = new TurnContext(adapter, activities[i % activities.Length]);
            turn.TurnState["session"] = session;
            session.Conversation.LastArticle = new ArticleReference("102/2016/QH13", 4 + i % 20, 1);
            session.Conversation.LastAnswer = new AnswerRecord("a" + i.ToString("x8"), "card", "card-" + i % 50, "102/2016/QH13", 4, 1, "High");
        }
    }

    private static Microsoft.Bot.Schema.Activity Activity(int conversation)
    {
        var activity = MessageFactory.Text("x");
        activity.ChannelId = "webchat";
        activity.Id = "m" + conversation;
        activity.Conversation = new ConversationAccount { Id = "conversation-" + conversation.ToString("x8") + "-bench" };
        activity.From = new ChannelAccount { Id = "user-" + conversation.ToString("x8") };
        activity.Recipient = new ChannelAccount { Id = "bot" };
        return activity;
    }
}
