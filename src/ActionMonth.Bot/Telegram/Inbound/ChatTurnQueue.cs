namespace ActionMonth.Bot.Telegram.Inbound;

/// <summary>Runs work for one chat in the order it was queued, and work for different chats side by side, so one
/// busy chat never holds up the others and a user's messages are answered in the order they were written.</summary>
public sealed class ChatTurnQueue
{
    private readonly Dictionary<long, Task> _tails = new();
    private readonly Lock _gate = new();

    public Task<T> RunAsync<T>(long chatId, Func<Task<T>> work)
    {
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(chatId) ?? Task.CompletedTask;
            var task = RunAfterAsync(previous, work);
            _tails[chatId] = task;
            _ = task.ContinueWith(done =>
            {
                lock (_gate)
                {
                    if (_tails.TryGetValue(chatId, out var tail) && ReferenceEquals(tail, done)) _tails.Remove(chatId);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return task;
        }
    }

    private static async Task<T> RunAfterAsync<T>(Task previous, Func<Task<T>> work)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch
        {
            // The earlier turn's failure is its own; this one still runs.
        }
        return await work().ConfigureAwait(false);
    }
}
