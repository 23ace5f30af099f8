using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>
/// The real host, ActionMonth.Bot.dll, run as a separate process with its configuration in environment variables
/// (as an operator would run it), so a test can kill it outright. Its output is captured.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }
    public HttpClient Client { get; }
    public IReadOnlyList<string> Output => _output.ToArray();
    public bool HasExited => _process.HasExited;
    public int ProcessId => _process.Id;

    public static HostProcess Start(TestFolder folder, IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackServer.OnFreePort().Port;
        var baseUrl = $"http://127.0.0.1:{port}";
        var binaries = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The host's own runtime settings, the test binaries' dependency list: the same program, able to load this
        // assembly's ChildHostStartup.
        foreach (var argument in new[]
                 {
                     "exec",
                     "--runtimeconfig", Path.Combine(binaries, "ActionMonth.Bot.runtimeconfig.json"),
                     "--depsfile", Path.Combine(binaries, "ActionMonth.Bot.Tests.deps.json"),
                     Path.Combine(binaries, "ActionMonth.Bot.dll"),
                 })
        {
            start.ArgumentList.Add(argument);
        }
        var environment = start.Environment;
        // Only what this test sets configures the host (the runner's own ASPNETCORE_* or section variables must not leak in).
        string[] ours = ["ASPNETCORE_", "Escalation__", "Storage__", "Knowledge__", "Telegram__", "Bot__"];
        foreach (var key in environment.Keys.Where(k => ours.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            environment.Remove(key);
        environment["ASPNETCORE_URLS"] = baseUrl;
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(ChildHostStartup).Assembly.GetName().Name;
        environment["Storage__Provider"] = "Sqlite";
        environment["Storage__ConnectionString"] = $"Data Source={folder.DatabaseFile}";
        environment["Knowledge__Path"] = RepositoryPaths.Knowledge;
        environment["Knowledge__ExtraSources__0"] = RepositoryPaths.Corpus;
        environment["Knowledge__IndexPath"] = Path.Combine(folder.Path, "data", "index");
        environment["MicrosoftAppId"] = "";
        environment["MicrosoftAppPassword"] = "";
        environment["Logging__LogLevel__Default"] = "Information";
        environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        return new HostProcess(process, baseUrl);
    }

    /// <summary>Waits until the host answers the operator API (the database is migrated and the routes are up).</summary>
    public async Task WaitUntilReadyAsync(string operatorApiKey, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{string.Join('\n', Output.TakeLast(40))}");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorApiKey);
                using var response = await Client.SendAsync(request);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The host did not become ready:\n{string.Join('\n', Output.TakeLast(40))}");
            await Task.Delay(200);
        }
    }

    /// <summary>Kills the process at once (SIGKILL): no graceful stop, no flushing, like a crash or a power cut
    /// of the process.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli)) return fromCli;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }
}
