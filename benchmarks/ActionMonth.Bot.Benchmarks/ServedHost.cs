using System.Diagnostics;
using System.Globalization;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>
/// One load target served by a process of its own (this program's <c>serve</c> verb), so that what one target leaves
/// behind (its heap, its caches, the threads its load made the pool add) cannot slow the next: with the echo bot and
/// the bot in one process, the echo bot measured 57,000 msg/s before the bot's first run and 44,000 after it. The
/// child reports its own CPU time, allocations and collections when asked (<see cref="CostAsync"/>), so the figures
/// stay the server's alone.
/// <para>Protocol on the child's standard streams: it prints <c>bench-serving URL</c> once listening; each line
/// <c>cost</c> it reads is answered by <c>bench-cost</c> and its <see cref="ProcessCost"/>; <c>stop</c> or the end of its
/// input stops it. Anything else it prints (the host's own log) is passed through.</para>
/// </summary>
public sealed class ServedHost : IAsyncDisposable
{
    private const string Serving = "bench-serving ";
    private const string Cost = "bench-cost ";

    private readonly Process _process;
    private readonly string _questionsFile;
    private readonly Lock _replyGate = new();
    private TaskCompletionSource<string> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _exited;

    private ServedHost(Process process, string questionsFile)
    {
        _process = process;
        _questionsFile = questionsFile;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The questions the child's catalog offers (<see cref="BenchmarkHost.RealQuestions"/>).</summary>
    public IReadOnlyList<string> Questions { get; private set; } = [];

    public static async Task<ServedHost> StartAsync(BenchmarkTarget target)
    {
        var questionsFile = Path.Combine(Path.GetTempPath(), $"actionmonth-bench-questions-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // Run as "dotnet Benchmarks.dll" or as the apphost: the child is started the same way.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(ServedHost).Assembly.Location);
        foreach (var argument in new[] { "serve", target.ToString(), questionsFile }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the served host");
        var host = new ServedHost(process, questionsFile);
        try
        {
            process.OutputDataReceived += (_, e) => host.OnOutput(e.Data);
            process.BeginOutputReadLine();
            var serving = await host.ReplyAsync(TimeSpan.FromMinutes(3));
            host.BaseAddress = new Uri(serving);
            host.Questions = System.Text.Json.JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(questionsFile))!;
            return host;
        }
        catch
        {
            // A child that never served (or served something unreadable) is stopped, not left running.
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The child's CPU time, allocations, collections and pauses so far.</summary>
    public async Task<ProcessCost> CostAsync()
    {
        var replied = ReplyAsync(TimeSpan.FromSeconds(30));
        await _process.StandardInput.WriteLineAsync("cost");
        await _process.StandardInput.FlushAsync();
        var parts = (await replied).Split(' ').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return new ProcessCost(TimeSpan.FromTicks(parts[0]), parts[1], (int)parts[2], (int)parts[3], (int)parts[4], TimeSpan.FromTicks(parts[5]));
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            // Remembered too, so a request made after the exit fails at once instead of waiting for its timeout.
            lock (_replyGate)
            {
                _exited = true;
                _reply.TrySetException(new InvalidOperationException("the served host exited"));
            }
            return;
        }
        if (line.StartsWith(Serving, StringComparison.Ordinal)) Answer(line[Serving.Length..]);
        else if (line.StartsWith(Cost, StringComparison.Ordinal)) Answer(line[Cost.Length..]);
        else Console.WriteLine(line);
    }

    private void Answer(string reply)
    {
        lock (_replyGate) _reply.TrySetResult(reply);
    }

    private async Task<string> ReplyAsync(TimeSpan timeout)
    {
        Task<string> reply;
        lock (_replyGate) reply = _reply.Task;
        var answered = await reply.WaitAsync(timeout);
        lock (_replyGate)
        {
            _reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_exited) _reply.TrySetException(new InvalidOperationException("the served host exited"));
        }
        return answered;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("stop");
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception killing) when (killing is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        _process.Dispose();
        File.Delete(_questionsFile);
    }

    /// <summary>The child's side: serves <paramref name="args"/>[1] until told to stop.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var target = Enum.Parse<BenchmarkTarget>(args[1]);
        await using var host = await BenchmarkHost.StartAsync(target, RepositoryRoot.Find());
        await File.WriteAllTextAsync(args[2], System.Text.Json.JsonSerializer.Serialize(host.RealQuestions().Concat(LoadGenerator.Questions).ToArray()));
        Console.WriteLine(Serving + host.BaseAddress);
        while (await Console.In.ReadLineAsync() is { } command && command != "stop")
        {
            if (command != "cost") continue;
            var cost = ProcessCost.Now();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Cost}{cost.Cpu.Ticks} {cost.AllocatedBytes} {cost.Gen0} {cost.Gen1} {cost.Gen2} {cost.Paused.Ticks}"));
        }
        return 0;
    }
}
