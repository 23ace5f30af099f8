using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace ActionMonth.Bot.Telegram.Client;

/// <summary>
/// Waits out Telegram's 429 "Too Many Requests" answers. Telegram.Bot itself retries when retry_after is at most its
/// RetryThreshold and throws otherwise (notes §4.8); this catches what it throws and waits retry_after seconds
/// before calling again, up to Telegram:MaxRetryAfterWait in total, so a long limit delays a message instead of
/// losing it.
/// </summary>
public sealed class RetryAfterPolicy(IOptions<TelegramOptions> options, TimeProvider clock, ILogger<RetryAfterPolicy> logger)
{
    public async Task<T> RunAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                if (waited + wait > options.Value.MaxRetryAfterWait) throw;
                waited += wait;
                logger.LogWarning("Telegram {Method} rate-limited: waiting {Seconds} s before sending again", method, wait.TotalSeconds);
                await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task RunAsync(string method, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(method, async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
