using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>
/// The real host (Program, with the real knowledge engine) in memory, on its own temporary content root and SQLite
/// database. Stop and start it again on the same folder to test what survives a restart. Each host captures its logs.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BotTestHost(TestFolder folder, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        Folder = folder;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(folder.Path);
            foreach (var (key, value) in Settings(folder, settings)) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(Logs);
            });
            builder.ConfigureTestServices(s =>
            {
                services?.Invoke(s);
            });
        });
        Client = _factory.CreateClient();
    }

    public TestFolder Folder { get; }
    public HttpClient Client { get; }
    public CapturedLogs Logs { get; } = new();
    public IServiceProvider Services => _factory.Services;

    public static BotTestHost Start(TestFolder? folder = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null) =>
        new(folder ?? new TestFolder(), settings ?? new Dictionary<string, string?>(), services);

    public BotConversation Conversation(string? conversationId = null, string? userId = null, string channelId = "webchat") =>
        new(Client, channelId, conversationId ?? "conv-" + Guid.NewGuid().ToString("N")[..12],
            userId ?? "user-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Waits until the knowledge index has loaded (what /healthz waits for), for tests about content
    /// that the bot leaves out while it loads (the references of the safety reply).</summary>
    public void WaitForKnowledge()
    {
        var index = Services.GetRequiredService<ActionMonth.Knowledge.Indexing.KnowledgeIndex>();
        Assert.True(index.WaitUntilLoaded(TimeSpan.FromSeconds(60)), "the knowledge index did not load");
    }

    public async Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await Client.PostAsync("/api/messages", content);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    private static IEnumerable<KeyValuePair<string, string?>> Settings(TestFolder folder, IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={System.IO.Path.Combine(folder.Path, "data", "actionmonth.db")}",
            ["Knowledge:Path"] = RepositoryPaths.Knowledge,
            ["Knowledge:ExtraSources:0"] = RepositoryPaths.Corpus,
            ["Knowledge:IndexPath"] = SharedIndex.Path,
            // Conversation tests send messages faster than people do; the rate-limit tests set their own limits.
            ["Bot:RateLimit:Burst"] = "1000",
            // Every in-memory request comes from one (unknown) address: the host's per-address limits stay on but wide.
            ["Hardening:RateLimits:Messages:Burst"] = "100000",
            ["Hardening:RateLimits:SessionStart:Burst"] = "100000",
            ["Hardening:RateLimits:Search:Burst"] = "100000",
            ["Hardening:RateLimits:Polling:Burst"] = "100000",
            ["Hardening:RateLimits:OperatorApi:Burst"] = "100000",
            ["Hardening:RateLimits:TelegramUnauthenticated:Burst"] = "100000",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
        return settings;
    }
}

/// <summary>A temporary folder deleted when the test's last host is gone.</summary>
public sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actionmonth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabaseFile => System.IO.Path.Combine(Path, "data", "actionmonth.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing host: the OS temp cleaner gets it.
        }
    }
}

/// <summary>Where the repository's knowledge/ and the shared official corpus are, found from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();
    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Corpus
    {
        get
        {
            var shared = Environment.GetEnvironmentVariable("ACTIONMONTH_SHARED");
            if (string.IsNullOrEmpty(shared)) shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            if (!Directory.Exists(Path.Combine(shared, "corpus")) && Directory.Exists("/work/shared/corpus")) shared = "/work/shared";
            return Path.Combine(shared, "corpus");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActionMonth.Bot.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Repository root (ActionMonth.Bot.sln) not found.");
    }
}
