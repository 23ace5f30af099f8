using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Inbound;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ActionMonth.Bot.Telegram.Receiving;

/// <summary>
/// Long polling (Telegram:Mode=Polling). Our own getUpdates loop rather than Telegram.Bot's, which confirms each
/// update before handling it and polls again at once after a failure (notes §4.4): here the offset moves past an
/// update only once the dispatcher has handled it (or found it handled before), so a crash or an unreachable
/// Telegram never loses one; failures wait with exponential back-off (Telegram:BackoffInitial doubling to
/// Telegram:BackoffMax, reset on success); 429 waits retry_after; 409 (a webhook is set) deletes the webhook again.
/// </summary>
public sealed class TelegramPollingService(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    TelegramUpdateDispatcher dispatcher,
    TelegramCommandMenu menu,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        var backoff = new ExponentialBackoff(settings.BackoffInitial, settings.BackoffMax);
        try
        {
            await PrepareAsync(backoff, stoppingToken).ConfigureAwait(false);
            await menu.PublishAsync(stoppingToken).ConfigureAwait(false);
            logger.LogInformation("Telegram long polling started (timeout {Seconds} s)", settings.PollingTimeoutSeconds);

            int? offset = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                Update[] updates;
                try
                {
                    updates = await client.GetUpdates(offset, limit: 100, timeout: settings.PollingTimeoutSeconds,
                        allowedUpdates: AllowedUpdates, cancellationToken: stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    await OnPollFailedAsync(ex, backoff, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (backoff.Failures > 0) logger.LogInformation("Telegram polling recovered after {Failures} failures", backoff.Failures);
                backoff.Reset();
                if (updates.Length == 0) continue;

                var ordered = updates.OrderBy(u => u.Id).ToList();
                // All dispatched before any is awaited: one chat's turns in order, different chats in parallel.
                var running = ordered.Select(u => dispatcher.DispatchAsync(u, stoppingToken)).ToList();
                var outcomes = await Task.WhenAll(running).ConfigureAwait(false);
                var retry = false;
                for (var i = 0; i < ordered.Count; i++)
                {
                    if (outcomes[i] == UpdateOutcome.Retry)
                    {
                        retry = true;
                        break;
                    }
                    offset = ordered[i].Id + 1;
                }
                if (retry && !stoppingToken.IsCancellationRequested)
                {
                    var wait = backoff.Next();
                    logger.LogWarning("Telegram updates from {UpdateId} will be fetched again in {DelayMs} ms", offset, (long)wait.TotalMilliseconds);
                    await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping: unconfirmed updates stay with Telegram for the next start.
        }
        logger.LogInformation("Telegram long polling stopped");
    }

    /// <summary>getMe (our username for group mentions) and deleteWebhook (getUpdates fails while one is set), retried
    /// with back-off until Telegram answers.</summary>
    private async Task PrepareAsync(ExponentialBackoff backoff, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await identity.GetUsernameAsync(stoppingToken).ConfigureAwait(false);
                await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken).ConfigureAwait(false);
                backoff.Reset();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var wait = backoff.Next();
                logger.LogWarning("Telegram start-up call failed ({Failure}); retrying in {DelayMs} ms", TelegramFailures.Describe(ex),
                    (long)wait.TotalMilliseconds);
                await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task OnPollFailedAsync(Exception ex, ExponentialBackoff backoff, CancellationToken stoppingToken)
    {
        TimeSpan wait;
        if (ex is ApiRequestException { ErrorCode: 429 } limited)
        {
            wait = TimeSpan.FromSeconds(Math.Max(1, limited.Parameters?.RetryAfter ?? 1));
        }
        else
        {
            wait = backoff.Next();
            if (ex is ApiRequestException { ErrorCode: 409 })
            {
                try
                {
                    await client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken).ConfigureAwait(false);
                }
                catch (Exception deleteFailure) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("deleteWebhook failed: {Failure}", TelegramFailures.Describe(deleteFailure));
                }
            }
            if (ex is ApiRequestException { ErrorCode: 401 or 404 })
                logger.LogCritical("Telegram rejects the bot token ({Failure}): check Telegram:Token", TelegramFailures.Describe(ex));
        }
        logger.LogWarning("Telegram getUpdates failed ({Failure}, failure {Failures}); polling again in {DelayMs} ms",
            TelegramFailures.Describe(ex), backoff.Failures, (long)wait.TotalMilliseconds);
        await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
    }
}
