namespace ActionMonth.Bot.Tests.Telegram.Harness;

/// <summary>The Telegram end-to-end tests run one after another: each starts a host with background polling and a
/// fake Bot API server, and their timing assertions (pace, back-off) are better not run two at a time on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class TelegramCollection
{
    public const string Name = "Telegram";
}
