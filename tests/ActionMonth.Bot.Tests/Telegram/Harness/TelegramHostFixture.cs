using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram.Harness;

/// <summary>One Telegram host shared by the tests of a class (each test uses its own chat ids).</summary>
public class TelegramHostFixture : IAsyncLifetime
{
    private TelegramTestHost? _host;

    public TelegramTestHost Telegram => _host ?? throw new InvalidOperationException("The fixture is not started.");

    protected virtual string Mode => "Polling";

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual Action<IServiceCollection>? Services => null;

    public async Task InitializeAsync() => _host = await TelegramTestHost.StartAsync(Mode, Settings, Services);

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

public sealed class WebhookHostFixture : TelegramHostFixture
{
    protected override string Mode => "Webhook";
}

/// <summary>Telegram.Bot's own 429 retry off (every 429 reaches our RetryAfterPolicy) and Telegram's real per-chat
/// pace of one message a second.</summary>
public sealed class ResilienceHostFixture : TelegramHostFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telegram:LibraryRetryThresholdSeconds"] = "0",
        ["Telegram:PerChatInterval"] = "00:00:01",
    };
}
