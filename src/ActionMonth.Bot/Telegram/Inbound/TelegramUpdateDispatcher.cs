using System.Collections.Concurrent;
using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Storage;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types;

namespace ActionMonth.Bot.Telegram.Inbound;

/// <summary>What became of an update.</summary>
public enum UpdateOutcome
{
    /// <summary>Handled now (or given up after too many attempts, logged): confirm it to Telegram.</summary>
    Handled,
    /// <summary>Handled before: confirm it again.</summary>
    Duplicate,
    /// <summary>Not handled (Telegram unreachable, another attempt in progress): do not confirm; it will come again.</summary>
    Retry,
}

/// <summary>
/// The one way in for updates, from long polling and from the webhook alike. It admits each update once (the inbox,
/// by update id, so redeliveries are ignored), runs the updates of one chat in order and of different chats in
/// parallel, and lets a disclosure through at once, ahead of the chat's queued questions: the detector reads the
/// text here only to decide that; the bot's safety gate still makes the real decision in the turn. An update whose
/// replies could not be delivered is released for another attempt, up to Telegram:MaxAttemptsPerUpdate.
/// If the database cannot be reached the update is handled anyway (a disclosure must be answered): at worst twice.
/// </summary>
public sealed class TelegramUpdateDispatcher(
    ITelegramUpdateInbox inbox,
    TelegramUpdateHandler handler,
    IDisclosureDetector detector,
    TelegramBotIdentity identity,
    IOptions<TelegramOptions> options,
    ILogger<TelegramUpdateDispatcher> logger)
{
    private readonly ChatTurnQueue _queue = new();
    private readonly ConcurrentDictionary<long, Lazy<Task<UpdateOutcome>>> _inFlight = new();

    /// <summary>Queues the update at once (so calls made in update order keep that order per chat) and completes when
    /// it has been handled or given back.</summary>
    public Task<UpdateOutcome> DispatchAsync(Update update, CancellationToken cancellationToken)
    {
        var lazy = _inFlight.GetOrAdd(update.Id, _ => new Lazy<Task<UpdateOutcome>>(() => Schedule(update, cancellationToken)));
        var task = lazy.Value;
        _ = task.ContinueWith(_ => _inFlight.TryRemove(new KeyValuePair<long, Lazy<Task<UpdateOutcome>>>(update.Id, lazy)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private Task<UpdateOutcome> Schedule(Update update, CancellationToken cancellationToken)
    {
        var priority = IsDisclosure(update);
        var chatId = update.Message?.Chat.Id ?? update.EditedMessage?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id;
        if (priority || chatId is null) return Task.Run(() => AdmitAndHandleAsync(update, priority, cancellationToken), CancellationToken.None);
        return _queue.RunAsync(chatId.Value, () => AdmitAndHandleAsync(update, priority: false, cancellationToken));
    }

    private async Task<UpdateOutcome> AdmitAndHandleAsync(Update update, bool priority, CancellationToken cancellationToken)
    {
        var botId = identity.BotId;
        UpdateAdmission admission;
        var attempt = 1;
        try
        {
            (admission, attempt) = await inbox.AdmitAsync(botId, update.Id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError("Telegram inbox unavailable for update {UpdateId} ({ExceptionType}); handling it without duplicate check",
                update.Id, ex.GetType().FullName);
            admission = UpdateAdmission.Handle;
        }
        if (admission == UpdateAdmission.Duplicate)
        {
            logger.LogInformation("Telegram update {UpdateId} already handled; duplicate ignored", update.Id);
            return UpdateOutcome.Duplicate;
        }
        if (admission == UpdateAdmission.Busy) return UpdateOutcome.Retry;

        try
        {
            await handler.HandleAsync(update, priority, cancellationToken).ConfigureAwait(false);
            await RecordAsync(() => inbox.CompleteAsync(botId, update.Id, dropped: false, CancellationToken.None), update.Id).ConfigureAwait(false);
            return UpdateOutcome.Handled;
        }
        catch (Exception ex) when (TelegramFailures.IsTransient(ex) && attempt < options.Value.MaxAttemptsPerUpdate)
        {
            logger.LogWarning("Telegram update {UpdateId} not delivered on attempt {Attempt} ({Failure}); it will be retried",
                update.Id, attempt, TelegramFailures.Describe(ex));
            await RecordAsync(() => inbox.ReleaseAsync(botId, update.Id, CancellationToken.None), update.Id).ConfigureAwait(false);
            return UpdateOutcome.Retry;
        }
        catch (Exception ex)
        {
            logger.LogError("Telegram update {UpdateId} given up after attempt {Attempt}: {Failure}", update.Id, attempt,
                TelegramFailures.Describe(ex));
            await RecordAsync(() => inbox.CompleteAsync(botId, update.Id, dropped: true, CancellationToken.None), update.Id).ConfigureAwait(false);
            return UpdateOutcome.Handled;
        }
    }

    private bool IsDisclosure(Update update)
    {
        var text = update.Message?.Text ?? update.Message?.Caption ?? update.EditedMessage?.Text ?? update.EditedMessage?.Caption;
        if (string.IsNullOrWhiteSpace(text)) return false;
        try
        {
            return detector.Assess(text).ShouldEscalate;
        }
        catch (Exception)
        {
            // When in doubt, do not make it wait.
            return true;
        }
    }

    private async Task RecordAsync(Func<Task> write, long updateId)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogError("Telegram inbox could not record update {UpdateId}: {ExceptionType}", updateId, ex.GetType().FullName);
        }
    }
}
