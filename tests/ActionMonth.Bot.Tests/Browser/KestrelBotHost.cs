using System.Net;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActionMonth.Bot.Tests.Browser;

/// <summary>The real host (Program) on Kestrel, on a free loopback port, so a real browser can load the page: the real
/// knowledge engine over knowledge/ and the official corpus (the test run's shared index), the real disclosure
/// detector, its own database.</summary>
public sealed class KestrelBotHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private KestrelBotHost(IReadOnlyDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(Folder.Path, "data", "actionmonth.db")}",
            ["Knowledge:Path"] = RepositoryPaths.Knowledge,
            ["Knowledge:ExtraSources:0"] = RepositoryPaths.Corpus,
            ["Knowledge:IndexPath"] = SharedIndex.Path,
            // The browser, the test and the page share the loopback address.
            ["Hardening:RateLimits:Messages:Burst"] = "100000",
            ["Hardening:RateLimits:SessionStart:Burst"] = "100000",
            ["Hardening:RateLimits:Polling:Burst"] = "100000",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
        };
        foreach (var (key, value) in overrides) settings[key] = value;

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseContentRoot(Folder.Path);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Debug);
                logging.AddProvider(Logs);
            });
        });
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public TestFolder Folder { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _factory.Services;

    public static KestrelBotHost Start(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>());

    /// <summary>Waits until the knowledge index is loaded (GET /healthz is 200), so the first question is answered from it.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/healthz");
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The host did not become healthy in time.");
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Folder.Dispose();
    }
}
