using System.Collections.Concurrent;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Telegram.Client;

/// <summary>
/// Spaces messages to one chat by Telegram:PerChatInterval (Telegram allows about one a second per chat, notes §4.8).
/// Each send reserves the next free slot, so concurrent senders queue fairly. A safety reply takes the slot at once
/// and never waits behind answers already queued for the chat; the answers after it move back by one slot.
/// </summary>
public sealed class ChatSendThrottle(IOptions<TelegramOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _nextSlot = new();

    public async Task WaitAsync(long chatId, bool priority, CancellationToken cancellationToken)
    {
        var wait = Reserve(chatId, priority);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the chat's next slot and returns how long to wait for it (zero for a safety reply).</summary>
    public TimeSpan Reserve(long chatId, bool priority)
    {
        var interval = options.Value.PerChatInterval;
        if (interval <= TimeSpan.Zero) return TimeSpan.Zero;
        var now = clock.GetUtcNow();
        var slot = now;
        _nextSlot.AddOrUpdate(chatId,
            _ => now + interval,
            (_, next) =>
            {
                slot = priority || next <= now ? now : next;
                return (next <= now ? now : next) + interval;
            });
        if (_nextSlot.Count > 10_000) Prune(now);
        return slot - now;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (chat, next) in _nextSlot)
        {
            if (next < now) _nextSlot.TryRemove(chat, out _);
        }
    }
}
