namespace ActionMonth.Bot.Tests.Telegram.Harness;

/// <summary>The Telegram end-to-end tests run one after another: they share one knowledge index folder, and each
/// starts a host with background polling, which on two cores is better not doubled.</summary>
[CollectionDefinition(Name)]
public sealed class TelegramCollection
{
    public const string Name = "Telegram";
}
