using System.Globalization;
using System.Text.RegularExpressions;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>Rate limits, Telegram unreachable, replies that cannot be delivered: nothing is lost, and the safety reply
/// never waits behind answers.</summary>
[Collection(TelegramCollection.Name)]
public sealed partial class ResilienceTests(ResilienceHostFixture fixture) : IClassFixture<ResilienceHostFixture>
{
    private TelegramTestHost Telegram => fixture.Telegram;
    private FakeTelegramServer Api => fixture.Telegram.Api;

    [Fact]
    public async Task A_429_beyond_what_Telegram_Bot_retries_is_waited_out_and_the_message_delivered()
    {
        const long chat = 4501;
        Api.Fail("sendMessage", 429, times: 2, retryAfter: 1, chatId: chat);
        Api.Enqueue(Api.Message(chat, chat, "/hotline"));
        var messages = await Api.WaitForMessagesAsync(chat, 2);
        Assert.Contains("111", messages[1].PlainText);
        var attempts = Api.Calls.Where(c => c.Method == "sendMessage" && c.ChatId == chat).ToList();
        Assert.Equal([429, 429, 200], attempts.Take(3).Select(c => c.Status));
        Assert.True(attempts[2].At - attempts[0].At >= TimeSpan.FromSeconds(1.9), "each 429 waits its retry_after (1 s)");
        Assert.Contains(Telegram.Logs.Lines, l => l.Contains("sendMessage rate-limited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_on_getUpdates_waits_its_retry_after_and_polling_goes_on()
    {
        const long chat = 4502;
        Api.Fail("getUpdates", 429, times: 1, retryAfter: 1);
        var limited = await Api.WaitForAsync(c => c.Method == "getUpdates" && c.Status == 429);
        Api.Enqueue(Api.Message(chat, chat, "/hotline"));
        await Api.WaitForMessagesAsync(chat, 2);
        var next = Api.Calls.First(c => c.Method == "getUpdates" && c.At > limited.At);
        Assert.True(next.At - limited.At >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task With_the_server_down_polling_backs_off_exponentially_and_recovers_without_losing_the_update()
    {
        const long chat = 4503;
        var logsBefore = Telegram.Logs.Lines.Count;
        await Api.StopAsync();
        var updateId = Api.Enqueue(Api.Message(chat, chat, "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await Api.StartAsync();

        var messages = await Api.WaitForMessagesAsync(chat, 2);
        Assert.Matches(@"Theo Điều \d+", messages[1].PlainText);
        await Api.WaitForAsync(c => c.Method == "getUpdates" && (int?)c.Body["offset"] > updateId);

        // Waits grew: 200 ms doubling (±20 % jitter) up to the 2 s cap, then reset on success.
        var delays = PollDelays(Telegram.Logs.Lines.Skip(logsBefore));
        Assert.True(delays.Count >= 3, $"failures logged: {delays.Count}");
        for (var i = 1; i < delays.Count && delays[i] < 1600; i++)
            Assert.True(delays[i] >= delays[i - 1] * 1.3, $"delays should double: {string.Join(", ", delays)}");
        Assert.All(delays, d => Assert.InRange(d, 150, 2000));
        Assert.Contains(Telegram.Logs.Lines.Skip(logsBefore), l => l.Contains("polling recovered", StringComparison.Ordinal));

        // A second outage starts again from the first step.
        var secondBefore = Telegram.Logs.Lines.Count;
        await Api.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await Api.StartAsync();
        var second = PollDelays(Telegram.Logs.Lines.Skip(secondBefore));
        Assert.NotEmpty(second);
        Assert.InRange(second[0], 150, 260);
    }

    [Fact]
    public async Task Replies_that_cannot_be_sent_leave_the_update_unconfirmed_and_it_is_handled_again()
    {
        const long chat = 4504;
        Api.Fail("sendMessage", 500, times: 2, chatId: chat);
        var updateId = Api.Enqueue(Api.Message(chat, chat, "/hotline"));
        var messages = await Api.WaitForMessagesAsync(chat, 2, timeout: TimeSpan.FromSeconds(30));
        Assert.Contains("111", messages[1].PlainText);
        // The update was fetched again: getUpdates kept an offset at or below it until it was handled.
        var fetches = Api.Calls.Where(c => c.Method == "getUpdates" && c.Succeeded
                                           && c.At > Api.Calls.First(x => x.Method == "sendMessage" && x.Status == 500).At).ToList();
        Assert.Contains(fetches, c => (int?)c.Body["offset"] is { } offset && offset <= updateId);
        await Task.Delay(500);
        Assert.Equal(2, Api.Sent(chat).Count);
    }

    [Fact]
    public async Task The_safety_reply_does_not_wait_behind_an_answer_queued_for_the_same_chat()
    {
        const long chat = 4505;
        // A question: a brief welcome, then the answer a second later (Telegram's pace of one a second per chat).
        Api.Enqueue(Api.Message(chat, chat, "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));
        var brief = (await Api.WaitForMessagesAsync(chat, 1)).Single();
        // While the answer waits for its slot, the child discloses.
        Api.Enqueue(Api.Message(chat, chat, "chú hàng xóm sờ vào người em"));

        var all = await Api.WaitForMessagesAsync(chat, 3, timeout: TimeSpan.FromSeconds(30));
        // Said on failure: which messages the chat got, in order (their first words only).
        var seen = string.Join(" | ", all.Select(m => m.PlainText![..Math.Min(60, m.PlainText!.Length)]));
        var safety = Assert.Single(all, m => m.PlainText!.Contains("Mình tin em", StringComparison.Ordinal));
        var answers = all.Where(m => m.PlainText!.Contains("Theo Điều", StringComparison.Ordinal)).ToList();
        Assert.True(answers.Count == 1, $"one answer expected: {seen}");
        var answer = answers[0];
        // The answer's slot is a second after the brief welcome's: the safety reply, written later, went before it. (The
        // times are when the fake API received each call, so a slow send of the brief welcome shortens the gap seen here.)
        Assert.True(answer.At - brief.At >= TimeSpan.FromSeconds(0.6), "the answer kept the pace");
        Assert.True(safety.At < answer.At, "the safety reply did not wait behind the queued answer");
    }

    [Fact]
    public async Task A_slow_chat_does_not_hold_up_another_chat()
    {
        const long slow = 4506, other = 4507;
        Api.Enqueue(Api.Message(slow, slow, "/restart"));   // two replies, a second apart
        await Api.WaitForMessagesAsync(slow, 1);
        Api.Enqueue(Api.Message(other, other, "/start"));
        var welcome = (await Api.WaitForMessagesAsync(other, 1)).Single();
        var slowReplies = await Api.WaitForMessagesAsync(slow, 2);
        Assert.True(welcome.At < slowReplies[1].At, "the other chat was answered while the first waited for its slot");
    }

    private static List<double> PollDelays(IEnumerable<string> lines) =>
        lines.Select(l => DelayPattern().Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"getUpdates failed .*polling again in (\d+) ms")]
    private static partial Regex DelayPattern();
}
