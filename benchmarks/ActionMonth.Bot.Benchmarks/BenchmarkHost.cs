using ActionMonth.Knowledge.Safety;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActionMonth.Bot.Benchmarks;

public enum BenchmarkTarget { EchoBot, ActionMonthBot, ActionMonthBotNoCache }

/// <summary>The real Program on Kestrel at a loopback port, on a fresh temporary database. For the echo run the
/// only change is the IBot: the adapter, the request checks and the endpoint are the product's.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _folder;

    private BenchmarkHost(WebApplicationFactory<Program> factory, string folder, Uri baseAddress)
    {
        _factory = factory;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The detector's clock when the host was started with one; the detector a turn calls is its inner one.</summary>
    public DetectorCpuClock? DetectorClock => _factory.Services.GetRequiredService<IDisclosureDetector>() as DetectorCpuClock;

    /// <summary>What people ask: every FAQ and procedure card's question and its other phrasings (with and without
    /// diacritics, colloquial), from the host's own catalog.</summary>
    public IReadOnlyList<string> RealQuestions() =>
        _factory.Services.GetRequiredService<ActionMonth.Knowledge.Search.IKnowledgeCatalog>().Cards
            .SelectMany(c => c.Variants.Prepend(c.Question)).Distinct().ToList();

    /// <summary>Starts the host; with <paramref name="timeDetector"/> its detector is wrapped in a
    /// <see cref="DetectorCpuClock"/> (<see cref="DetectorClock"/>). The load benchmark's own runs leave it out.</summary>
    public static async Task<BenchmarkHost> StartAsync(BenchmarkTarget target, string root, bool timeDetector = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "actionmonth-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var shared = Environment.GetEnvironmentVariable("ACTIONMONTH_SHARED") is { Length: > 0 } s ? s : Path.Combine(root, "..", "shared");
        if (!Directory.Exists(Path.Combine(shared, "corpus")) && Directory.Exists("/work/shared/corpus")) shared = "/work/shared";

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Benchmark");
            // A free loopback port: the bot itself may be running on the default port 5000.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            builder.UseContentRoot(folder);
            builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(folder, "actionmonth.db")}");
            builder.UseSetting("Knowledge:Path", Path.Combine(root, "knowledge"));
            builder.UseSetting("Knowledge:ExtraSources:0", Path.Combine(shared, "corpus"));
            builder.UseSetting("Knowledge:IndexPath", Path.Combine(folder, "index"));
            // Each virtual user sends far faster than a person; the limiter itself still runs on every message.
            builder.UseSetting("Bot:RateLimit:Burst", "1000000");
            // All virtual users share the loopback address: the per-address limit stays on but out of reach.
            builder.UseSetting("Hardening:RateLimits:Messages:Burst", "1000000");
            builder.UseSetting("Hardening:RateLimits:Messages:PerMinute", "1000000");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            if (target == BenchmarkTarget.ActionMonthBotNoCache)
            {
                // Every message searched and read by the detector afresh, as if no text ever came twice.
                builder.UseSetting("Bot:SearchCacheSize", "0");
                builder.UseSetting("Bot:DetectorCacheSize", "0");
            }
            builder.ConfigureTestServices(services =>
            {
                if (services.All(d => d.ServiceType != typeof(IDisclosureDetector)))
                {
                    Console.WriteLine("WARNING: no IDisclosureDetector is registered by the host yet; measuring with one that finds nothing.");
                    services.AddSingleton<IDisclosureDetector, NothingFound>();
                }
                if (timeDetector) TimeDetector(services);
                if (target == BenchmarkTarget.EchoBot) services.Replace(ServiceDescriptor.Singleton<IBot, EchoBot>());
            });
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority));
        var index = factory.Services.GetRequiredService<ActionMonth.Knowledge.Indexing.KnowledgeIndex>();
        if (!index.WaitUntilLoaded(TimeSpan.FromMinutes(2))) throw new InvalidOperationException("index did not load");
        await Task.Yield();
        return new BenchmarkHost(factory, folder, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>The framework's ceiling: reads the activity, writes one reply, nothing else.</summary>
    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(MessageFactory.Text(turnContext.Activity.Text), cancellationToken);
    }

    /// <summary>Replaces the last detector registration by the same detector behind a <see cref="DetectorCpuClock"/>.</summary>
    private static void TimeDetector(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IDisclosureDetector));
        services.Replace(ServiceDescriptor.Singleton<IDisclosureDetector>(provider => new DetectorCpuClock(
            registered.ImplementationInstance as IDisclosureDetector
            ?? registered.ImplementationFactory?.Invoke(provider) as IDisclosureDetector
            ?? (IDisclosureDetector)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!))));
    }

    private sealed class NothingFound : IDisclosureDetector
    {
        public DisclosureAssessment Assess(string text) => DisclosureAssessment.None;
    }
}
