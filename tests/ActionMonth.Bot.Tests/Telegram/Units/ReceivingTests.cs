using System.Diagnostics;
using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Inbound;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Receiving;
using Microsoft.Extensions.Logging.Abstractions;
using Telegram.Bot.Exceptions;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ActionMonth.Bot.Tests.Telegram.Units;

public sealed class ReceivingTests
{
    [Fact]
    public void Back_off_doubles_with_jitter_up_to_the_cap_and_starts_again_after_a_reset()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var delays = Enumerable.Range(0, 7).Select(_ => backoff.Next().TotalMilliseconds).ToList();
        double[] nominal = [100, 200, 400, 800, 1000, 1000, 1000];
        for (var i = 0; i < nominal.Length; i++) Assert.InRange(delays[i], nominal[i] * 0.8, Math.Min(1000, nominal[i] * 1.2));
        Assert.Equal(7, backoff.Failures);
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 80, 120);
    }

    [Fact]
    public async Task The_offset_moves_only_past_updates_that_are_done_in_order()
    {
        var clock = new ManualClock();
        var pending = new PendingUpdates(new ExponentialBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), clock, NullLogger.Instance);
        var first = new TaskCompletionSource<UpdateOutcome>();
        var second = new TaskCompletionSource<UpdateOutcome>();
        var third = new TaskCompletionSource<UpdateOutcome>();
        pending.Running(10, first.Task);
        pending.Running(11, second.Task);
        pending.Running(12, third.Task);
        Assert.Null(pending.Harvest());

        second.SetResult(UpdateOutcome.Handled);
        Assert.Null(pending.Harvest());            // 10 still running holds the offset
        Assert.False(pending.ShouldDispatch(11));  // done: not dispatched again when it comes back

        first.SetResult(UpdateOutcome.Duplicate);
        Assert.Equal(12, pending.Harvest());

        third.SetResult(UpdateOutcome.Retry);
        Assert.Equal(12, pending.Harvest());       // a retry holds the offset at itself
        Assert.False(pending.ShouldDispatch(12));  // not before its back-off
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(pending.ShouldDispatch(12));
        pending.Running(12, Task.FromResult(UpdateOutcome.Handled));
        Assert.Equal(13, pending.Harvest());
        Assert.True(pending.IsIdle);
        await Task.CompletedTask;
    }

    [Fact]
    public void Messages_to_one_chat_are_spaced_but_a_safety_reply_goes_at_once()
    {
        var clock = new ManualClock();
        var throttle = new ChatSendThrottle(MsOptions.Create(new TelegramOptions { PerChatInterval = TimeSpan.FromMilliseconds(400) }), clock);
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1, priority: false));
        Assert.Equal(TimeSpan.FromMilliseconds(400), throttle.Reserve(1, priority: false));
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1, priority: true));              // the safety reply does not queue
        Assert.Equal(TimeSpan.FromMilliseconds(1200), throttle.Reserve(1, priority: false)); // later ones move back a slot
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(2, priority: false));              // another chat has its own pace
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, throttle.Reserve(1, priority: false));              // an idle chat starts afresh
    }

    [Fact]
    public async Task Waiting_for_a_slot_really_waits()
    {
        var throttle = new ChatSendThrottle(MsOptions.Create(new TelegramOptions { PerChatInterval = TimeSpan.FromMilliseconds(300) }),
            TimeProvider.System);
        // Timed from before the first send: its slot starts when it is reserved, and a loaded machine may pause
        // between the two calls, so only this lower bound is certain.
        var watch = Stopwatch.StartNew();
        await throttle.WaitAsync(9, priority: false, CancellationToken.None);
        await throttle.WaitAsync(9, priority: false, CancellationToken.None);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"waited {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_webhook_secret_must_match_exactly()
    {
        Assert.True(TelegramSecretFilter.Matches("abc-DEF_123", "abc-DEF_123"));
        Assert.False(TelegramSecretFilter.Matches("abc-DEF_12", "abc-DEF_123"));
        Assert.False(TelegramSecretFilter.Matches("ABC-DEF_123", "abc-DEF_123"));
        Assert.False(TelegramSecretFilter.Matches("", "abc-DEF_123"));
        Assert.False(TelegramSecretFilter.Matches("", ""));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/bot987654:SECRET/getUpdates", "getUpdates")]
    [InlineData("https://api.telegram.org/bot987654:SECRET/sendMessage", "sendMessage")]
    [InlineData("https://api.telegram.org/file/bot987654:SECRET/photos/file_1.jpg", "(unknown)")]
    [InlineData("https://api.telegram.org/bot987654:SECRET", "(unknown)")]
    public void The_HTTP_logger_names_the_method_and_never_the_path_with_the_token(string url, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        Assert.Equal(expected, TelegramHttpLogger.MethodOf(request));
    }

    [Fact]
    public void Failures_worth_retrying_are_told_from_those_that_would_fail_again()
    {
        Assert.True(TelegramFailures.IsTransient(new ApiRequestException("Too Many Requests", 429)));
        Assert.True(TelegramFailures.IsTransient(new ApiRequestException("Bad Gateway", 502)));
        Assert.True(TelegramFailures.IsTransient(new RequestException("request failed", new HttpRequestException("refused"))));
        Assert.True(TelegramFailures.IsTransient(new TaskCanceledException()));
        Assert.False(TelegramFailures.IsTransient(new ApiRequestException("Bad Request: message is too long", 400)));
        Assert.False(TelegramFailures.IsTransient(new ApiRequestException("Forbidden: bot was blocked by the user", 403)));
        Assert.False(TelegramFailures.IsTransient(new InvalidOperationException()));
        Assert.Equal("ApiRequestException 403", TelegramFailures.Describe(new ApiRequestException("Forbidden: user 123", 403)));
    }

    [Fact]
    public void Webhook_mode_without_a_valid_secret_or_url_does_not_start()
    {
        var options = new TelegramOptions { Token = "123:abc", Mode = TelegramMode.Webhook, WebhookUrl = "https://x.org/api/telegram" };
        Assert.Contains(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)),
            r => r.MemberNames.Contains(nameof(TelegramOptions.WebhookSecret)));
        options.WebhookSecret = "has spaces";
        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        options.WebhookSecret = "ok_secret-1";
        Assert.Empty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        Assert.NotEmpty(new TelegramOptions { Token = "not-a-token" }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        Assert.Empty(new TelegramOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

public sealed class ChatTurnQueueTests
{
    [Fact]
    public async Task One_chat_runs_in_order_other_chats_run_alongside_and_a_failure_does_not_block_the_next()
    {
        var queue = new ActionMonth.Bot.Telegram.Inbound.ChatTurnQueue();
        var order = new List<string>();
        var gate = new TaskCompletionSource();
        var first = queue.RunAsync<int>(1, async () =>
        {
            await gate.Task;
            lock (order) order.Add("1a");
            throw new InvalidOperationException("turn failed");
        });
        var second = queue.RunAsync(1, () =>
        {
            lock (order) order.Add("1b");
            return Task.FromResult(0);
        });
        var other = queue.RunAsync(2, () =>
        {
            lock (order) order.Add("2a");
            return Task.FromResult(0);
        });

        await other;
        Assert.False(second.IsCompleted, "chat 1's second turn waits for its first");
        gate.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await second;
        Assert.Equal(["2a", "1a", "1b"], order);
    }
}
