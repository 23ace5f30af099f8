using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ActionMonth.Bot.Telegram.Receiving;

/// <summary>Webhook mode (Telegram:Mode=Webhook): tells Telegram where to post updates (setWebhook with the secret
/// token and the update types we handle), retried with back-off until it answers, then publishes the command menu.
/// Pending updates are kept, never dropped.</summary>
public sealed class TelegramWebhookRegistration(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    TelegramCommandMenu menu,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<TelegramWebhookRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        var backoff = new ExponentialBackoff(settings.BackoffInitial, settings.BackoffMax);
        try
        {
            while (true)
            {
                try
                {
                    await identity.GetUsernameAsync(stoppingToken).ConfigureAwait(false);
                    await client.SetWebhook(settings.WebhookUrl, allowedUpdates: TelegramPollingService.AllowedUpdates,
                        dropPendingUpdates: false, secretToken: settings.WebhookSecret, cancellationToken: stoppingToken).ConfigureAwait(false);
                    logger.LogInformation("Telegram webhook registered");
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    var wait = backoff.Next();
                    logger.LogWarning("Telegram setWebhook failed ({Failure}); retrying in {DelayMs} ms", TelegramFailures.Describe(ex),
                        (long)wait.TotalMilliseconds);
                    await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
                }
            }
            await menu.PublishAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
