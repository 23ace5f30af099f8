using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The bot's account on Direct Line: its app id when one is configured (as Azure's Direct Line would name it),
/// else a fixed local id.</summary>
public sealed class DirectLineBotAccount(IConfiguration configuration, IOptions<DirectLineOptions> options)
{
    public BotAccount Account { get; } = new(
        string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]) ? "actionmonth-bot" : configuration["MicrosoftAppId"]!,
        options.Value.BotName);
}
