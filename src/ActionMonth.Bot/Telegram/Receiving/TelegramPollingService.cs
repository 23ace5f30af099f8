using ActionMonth.Bot.Storage;
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
/// update before handling it and polls again at once after a failure (notes §4.4):
/// <list type="bullet">
/// <item>the offset moves past an update only once it has been handled (or found handled before), so a crash or an
/// unreachable Telegram never loses one;</item>
/// <item>polling goes on while turns run, so a chat with a long, paced reply never holds up another chat's update —
/// a disclosure is fetched and answered at once. While turns are in flight the unconfirmed updates come back with
/// each poll; those already running are not dispatched again, and the loop waits for a turn to end (or a quarter of
/// a second) before asking again;</item>
/// <item>getUpdates failures wait with exponential back-off (Telegram:BackoffInitial doubling to Telegram:BackoffMax,
/// reset on success); 429 waits retry_after; 409 (a webhook is set) deletes the webhook again; an update whose
/// replies could not be delivered is dispatched again after its own back-off.</item>
/// </list>
/// Only one instance among those sharing the database polls (two pollers get 409 from Telegram and split the updates):
/// the role is held by a lease (<see cref="ExclusiveRole"/>); the others stand by and take over within
/// Storage:LeaseSeconds when the poller dies, at once when it stops gracefully.
/// </summary>
public sealed class TelegramPollingService(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    TelegramUpdateDispatcher dispatcher,
    TelegramCommandMenu menu,
    ILeaseStore leases,
    IOptions<StorageOptions> storage,
    IOptions<TelegramOptions> options,
    TimeProvider clock,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    public static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery];
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(250);


    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var role = new ExclusiveRole(leases, $"telegram-polling:{identity.BotId}", TimeSpan.FromSeconds(storage.Value.LeaseSeconds), clock, logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            ExclusiveRoleHold hold;
            try
            {
                hold = await role.AcquireAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await using (hold.ConfigureAwait(false))
            {
                await PollAsync(hold.Lost).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls until <paramref name="stoppingToken"/> is cancelled: the host stops, or this instance lost the role.</summary>
    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var pollBackoff = new ExponentialBackoff(settings.BackoffInitial, settings.BackoffMax);
        var tracker = new PendingUpdates(new ExponentialBackoff(settings.BackoffInitial, settings.BackoffMax), clock, logger);
        try
        {
            await PrepareAsync(pollBackoff, stoppingToken).ConfigureAwait(false);
            await menu.PublishAsync(stoppingToken).ConfigureAwait(false);
            logger.LogInformation("Telegram long polling started (timeout {Seconds} s)", settings.PollingTimeoutSeconds);

            while (!stoppingToken.IsCancellationRequested)
            {
                var offset = tracker.Harvest();
                Update[] updates;
                try
                {
                    // With updates in flight they come straight back, so there is nothing to long-poll for.
                    var timeout = tracker.IsIdle ? settings.PollingTimeoutSeconds : 0;
                    updates = await client.GetUpdates(offset, limit: 100, timeout: timeout, allowedUpdates: AllowedUpdates,
                        cancellationToken: stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    await OnPollFailedAsync(ex, pollBackoff, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (pollBackoff.Failures > 0) logger.LogInformation("Telegram polling recovered after {Failures} failures", pollBackoff.Failures);
                pollBackoff.Reset();

                // In update order, so one chat's turns are queued in the order they were written.
                var dispatched = 0;
                foreach (var update in updates.OrderBy(u => u.Id))
                {
                    if (!tracker.ShouldDispatch(update.Id)) continue;
                    tracker.Running(update.Id, dispatcher.DispatchAsync(update, stoppingToken));
                    dispatched++;
                }
                if (dispatched == 0 && !tracker.IsIdle) await tracker.WaitForChangeAsync(InFlightPoll, stoppingToken).ConfigureAwait(false);
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
