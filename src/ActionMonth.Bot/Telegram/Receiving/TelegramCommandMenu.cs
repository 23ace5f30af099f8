using ActionMonth.Bot.Telegram.Client;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ActionMonth.Bot.Telegram.Receiving;

/// <summary>The "/" menu Telegram shows users (setMyCommands), in Vietnamese. Best effort: without it the commands
/// still work when typed.</summary>
public sealed class TelegramCommandMenu(ITelegramBotClient client, RetryAfterPolicy retry, ILogger<TelegramCommandMenu> logger)
{
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            var commands = TelegramTexts.Commands.Select(c => new BotCommand(c.Command, c.Description)).ToList();
            await retry.RunAsync("setMyCommands", ct => client.SetMyCommands(commands, cancellationToken: ct), cancellationToken)
                .ConfigureAwait(false);
            logger.LogInformation("Telegram command menu published ({Count} commands)", commands.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Telegram command menu not published: {Failure}", TelegramFailures.Describe(ex));
        }
    }
}
