using System.Globalization;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram.Harness;

/// <summary>
/// The real host with Telegram on, pointed at a fake Bot API server on loopback (Telegram:ApiBaseUrl), with short
/// polling and back-off times, and an operators' chat, which turns the real escalation flow on (cases, outbox,
/// operator actions) with a fast outbox.
/// </summary>
public sealed class TelegramTestHost : IAsyncDisposable
{
    public const string Token = "987654:SECRET-tg-Token_q7Zx";
    public const string Secret = "webhook-Secret_123";
    public const long OperatorChat = -100777;
    public const long Operator = 7001;

    private readonly bool _ownsFolder;

    private TelegramTestHost(FakeTelegramServer api, BotTestHost host, bool ownsFolder)
    {
        Api = api;
        Host = host;
        _ownsFolder = ownsFolder;
    }

    public FakeTelegramServer Api { get; }
    public BotTestHost Host { get; }
    public CapturedLogs Logs => Host.Logs;

    public static async Task<TelegramTestHost> StartAsync(string mode = "Polling", IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, FakeTelegramServer? api = null, TestFolder? folder = null)
    {
        api ??= new FakeTelegramServer(Token);
        if (!api.IsRunning) await api.StartAsync();
        api.Members.Add(Operator);
        var all = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:Mode"] = mode,
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:BackoffInitial"] = "00:00:00.2",
            ["Telegram:BackoffMax"] = "00:00:02",
            ["Telegram:PerChatInterval"] = "00:00:00.05",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/api/telegram",
            ["Telegram:WebhookSecret"] = Secret,
            ["Escalation:Telegram:OperatorChatId"] = OperatorChat.ToString(CultureInfo.InvariantCulture),
            ["Escalation:Outbox:PollSeconds"] = "0.2",
            ["Escalation:Outbox:BaseDelaySeconds"] = "0.2",
            ["Escalation:Outbox:MaxDelaySeconds"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var host = BotTestHost.Start(folder, all, services);
        await WaitUntilHealthyAsync(host);
        return new TelegramTestHost(api, host, ownsFolder: folder is null);
    }

    /// <summary>The knowledge index loads in the background; tests start talking once /healthz says it is loaded,
    /// so that their timeouts measure the Telegram side, not the index build.</summary>
    private static async Task WaitUntilHealthyAsync(BotTestHost host)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await host.Client.GetAsync("/healthz");
            if (response.IsSuccessStatusCode) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The host did not become healthy.");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Api.DisposeAsync();
        if (_ownsFolder) Host.Folder.Dispose();
    }
}
