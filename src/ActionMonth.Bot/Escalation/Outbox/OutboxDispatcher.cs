using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Channels;
using ActionMonth.Bot.Escalation.Replies;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>
/// Delivers the outbox: takes due rows with a lease, delivers each (concurrently across cases, in order within a
/// case and destination), then records success, or the failure and the next attempt (exponential backoff with
/// jitter, without end). Rows are durable, so a crash or restart loses nothing: a row whose delivery was cut off
/// is taken again when its lease runs out. Delivery is therefore at least once; receivers deduplicate on the
/// notification id (the webhook's Idempotency-Key). Logs ids, kinds, attempts and status codes, never text.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore store,
    ICaseStore cases,
    NotificationRouting routing,
    UserConversationMessenger messenger,
    OutboxSignal signal,
    IOptionsMonitor<EscalationOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    private readonly Random _random = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failuresInARow = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue.Outbox;
            var batchSize = Math.Max(1, settings.BatchSize);
            int taken;
            try
            {
                taken = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                failuresInARow = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database itself failed (locked, full, gone): nothing is lost, the rows stay; try again later.
                failuresInARow++;
                logger.LogError("Outbox pass failed ({Failures} in a row): {ExceptionType}", failuresInARow, ex.GetType().FullName);
                taken = 0;
            }

            if (taken >= batchSize) continue;
            var wait = TimeSpan.FromSeconds(Math.Max(0.05, settings.PollSeconds));
            if (failuresInARow > 0) wait = OutboxBackoff.Delay(failuresInARow, settings, _random);
            else
            {
                try
                {
                    if (await store.NextDueAsync(stoppingToken).ConfigureAwait(false) is { } due)
                    {
                        var untilDue = due - time.GetUtcNow();
                        if (untilDue < wait) wait = untilDue < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : untilDue;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Outbox could not read its next due time: {ExceptionType}", ex.GetType().FullName);
                }
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: lease due rows and deliver them. Returns how many rows were taken.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Outbox;
        var now = time.GetUtcNow();
        var leaseUntil = now + TimeSpan.FromSeconds(Math.Max(1, settings.LeaseSeconds));
        var items = await store.LeaseAsync(_owner, now, leaseUntil, Math.Max(1, settings.BatchSize), cancellationToken).ConfigureAwait(false);
        if (items.Count == 0) return 0;
        await Task.WhenAll(items.Select(item => DeliverAsync(item, cancellationToken))).ConfigureAwait(false);
        return items.Count;
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var attempt = item.Attempts + 1;
        string? note = null;
        try
        {
            if (item.Kind == nameof(NotificationKind.UserMessage) && item.Destination != OutboxDestinations.User)
            {
                item = item with
                {
                    Followers = await store.FollowersAsync(item, time.GetUtcNow(), MaxMessagesPerNotification - 1, cancellationToken)
                        .ConfigureAwait(false),
                };
            }
            note = await SendAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and the row is taken again after the restart.
            return;
        }
        catch (Exception ex)
        {
            var (reason, status) = Describe(ex);
            var settings = options.CurrentValue.Outbox;
            var delay = OutboxBackoff.Delay(attempt, settings, _random);
            var level = attempt >= Math.Max(1, settings.LoudAfterAttempts) ? LogLevel.Error : LogLevel.Warning;
            logger.Log(level,
                "Notification not delivered: outbox row {OutboxId}, {Kind} of case {CaseId} to {Destination}, attempt {Attempt}, "
                + "status {StatusCode}, {Reason}; next attempt in {DelaySeconds:F1} s",
                item.Id, item.Kind, item.Case.CaseId, item.Destination, attempt, status?.ToString() ?? "none", reason, delay.TotalSeconds);
            await RecordAsync(() => store.FailAsync(item, _owner, time.GetUtcNow() + delay, reason, CancellationToken.None), item).ConfigureAwait(false);
            if (item.Destination == OutboxDestinations.User && attempt == Math.Max(1, settings.LoudAfterAttempts))
                await ReportUnreachableAsync(item).ConfigureAwait(false);
            return;
        }

        var lag = time.GetUtcNow() - item.CreatedAt;
        logger.LogInformation(
            "Delivered {Kind} of case {CaseId} to {Destination} (outbox row {OutboxId}, attempt {Attempt}, {LagMs} ms after it was queued, "
            + "{Along} more rows with it){Note}",
            item.Kind, item.Case.CaseId, item.Destination, item.Id, attempt, (long)lag.TotalMilliseconds, item.Followers.Count,
            note is null ? "" : $"; {note}");
        await RecordAsync(() => store.CompleteAsync(item, _owner, time.GetUtcNow(), note, CancellationToken.None), item).ConfigureAwait(false);
    }

    /// <summary>At most this many user messages go out in one notification; the rest of a longer run follow in the next.</summary>
    public const int MaxMessagesPerNotification = 100;

    /// <summary>Delivers one row; returns a note for the log when it was settled without sending anything.</summary>
    private async Task<string?> SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (item.Destination == OutboxDestinations.User)
        {
            var notice = Enum.Parse<UserNotice>(item.Kind);
            if (notice == UserNotice.OperatorMessage && item.MessageText is null) return "message text expired before delivery";
            await messenger.SendAsync(item.Case, UserMessage(item, notice), cancellationToken).ConfigureAwait(false);
            return null;
        }

        var channel = routing.Channel(item.Destination);
        if (channel is null || !channel.IsConfigured)
            throw new NotificationDeliveryException("destination not configured in this instance");
        var kind = Enum.Parse<NotificationKind>(item.Kind);
        var text = kind switch
        {
            NotificationKind.CaseOpened => item.Case.Excerpt,
            NotificationKind.UserMessage or NotificationKind.CaseEscalated or NotificationKind.UserDeclined => item.MessageText,
            _ => null,
        };
        var notification = new EscalationNotification(item.NotificationId, item.Case.CaseId, kind, item.Case.Level, item.Case.Category,
            item.Case.ChannelId, item.StatusAtWrite, item.Case.CreatedAt, text, item.Case.Categories, item.CreatedAt) { Now = item.Case.State };
        if (item.Followers.Count > 0)
        {
            // One notification for the run, under its own id: a receiver that already had the first message alone
            // (a lost acknowledgement) still gets the ones after it.
            IReadOnlyList<string> texts = new[] { item.MessageText }.Concat(item.Followers.Select(f => f.MessageText))
                .OfType<string>().ToList();
            notification = notification with
            {
                NotificationId = $"{item.NotificationId}+{item.Followers.Count}",
                Text = string.Join("\n", texts),
                OccurredAt = item.Followers[^1].CreatedAt,
                MessageCount = 1 + item.Followers.Count,
                MessageTexts = texts,
            };
        }
        else if (kind == NotificationKind.UserMessage && item.MessageText is { } single)
        {
            notification = notification with { MessageTexts = [single] };
        }
        await channel.DeliverAsync(notification, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static Activity UserMessage(OutboxItem item, UserNotice notice)
    {
        var replies = EscalationReplies.For(item.Case.Language);
        var reporter = item.Case.Reporter;
        var text = notice switch
        {
            UserNotice.Claimed => replies.Claimed(reporter),
            UserNotice.OperatorMessage => replies.FromCounsellor(item.MessageText!),
            UserNotice.ClaimTimedOut => replies.ClaimTimedOut(reporter, item.Case.Level),
            _ => replies.Closed(reporter, item.Case.Level),
        };
        var activity = MessageFactory.Text(text);
        activity.Locale = replies.Locale;
        return activity;
    }

    /// <summary>Tells the operators (once per stuck row) that the user is not getting the case's messages, so that a
    /// counsellor does not go on writing to someone who cannot read it. Retries of the row go on.</summary>
    private async Task ReportUnreachableAsync(OutboxItem item)
    {
        try
        {
            if (await cases.ReportUserUnreachableAsync(item.Case.CaseId, item.Id, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
                signal.Notify();
        }
        catch (Exception ex)
        {
            logger.LogError("Case {CaseId}: operators could not be told that the user is unreachable (outbox row {OutboxId}): {ExceptionType}",
                item.Case.CaseId, item.Id, ex.GetType().FullName);
        }
    }

    private async Task RecordAsync(Func<Task<bool>> record, OutboxItem item)
    {
        try
        {
            if (!await record().ConfigureAwait(false))
            {
                logger.LogWarning("Outbox row {OutboxId} of case {CaseId} had been taken over by another dispatcher (lease ran out); "
                                  + "it may be delivered twice, under the same notification id", item.Id, item.Case.CaseId);
            }
        }
        catch (Exception ex)
        {
            // The outcome is lost but the row is not: its lease runs out and it is delivered again.
            logger.LogError("Outbox row {OutboxId} of case {CaseId}: the delivery outcome could not be stored ({ExceptionType}); "
                            + "it will be retried after its lease", item.Id, item.Case.CaseId, ex.GetType().FullName);
        }
    }

    private static (string Reason, int? Status) Describe(Exception ex) => ex switch
    {
        NotificationDeliveryException delivery => (delivery.Reason, delivery.StatusCode),
        ErrorResponseException response => ($"connector HTTP {(int?)response.Response?.StatusCode}", (int?)response.Response?.StatusCode),
        HttpRequestException http => ($"connection ({http.HttpRequestError})", (int?)http.StatusCode),
        TaskCanceledException => ("timeout", null),
        _ => (ex.GetType().Name, null),
    };
}
