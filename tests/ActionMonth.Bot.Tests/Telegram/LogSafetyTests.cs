using System.Net;
using System.Text;
using ActionMonth.Bot.Telegram;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>Bot API URLs carry the token (bot&lt;TOKEN&gt;/method). Every log line of a full polling session and a
/// full webhook session, failures included, is captured at Trace level and searched for it, and for what people wrote.</summary>
[Collection(TelegramCollection.Name)]
public sealed class LogSafetyTests
{
    private const string Question = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const string OperatorWords = "Chào em, chị ở tổng đài đây";

    [Fact]
    public async Task The_token_and_what_people_wrote_never_appear_in_any_log_line()
    {
        var lines = new List<string>();
        await using (var telegram = await TelegramTestHost.StartAsync(settings: new Dictionary<string, string?>
                     {
                         ["Telegram:LibraryRetryThresholdSeconds"] = "0",
                     }))
        {
            var api = telegram.Api;
            api.Enqueue(api.Message(4701, 4701, Question));
            var answer = (await api.WaitForMessagesAsync(4701, 2)).Last();
            api.Enqueue(api.Callback(4701, 4701, (string)answer.Button("👍")["callback_data"]!, answer.MessageId!.Value));
            await api.WaitForMessagesAsync(4701, 1, after: 2);

            var opsBefore = api.Sent(TelegramTestHost.OperatorChat).Count;
            api.Enqueue(api.Message(4702, 4702, Disclosure));
            var card = (await api.WaitForMessagesAsync(TelegramTestHost.OperatorChat, 2, after: opsBefore))[0];
            api.Enqueue(api.Callback(TelegramTestHost.OperatorChat, TelegramTestHost.Operator,
                (string)card.Button(TelegramTexts.ClaimButton)["callback_data"]!, card.MessageId!.Value));
            await api.WaitForAsync(c => c.Method == "editMessageText" && c.ChatId == TelegramTestHost.OperatorChat);
            api.Enqueue(api.Message(TelegramTestHost.OperatorChat, TelegramTestHost.Operator, OperatorWords,
                replyToMessageId: card.MessageId, replyToFromId: api.BotId));
            await api.WaitForMessagesAsync(4702, 1, after: 1);

            api.Fail("sendMessage", 429, retryAfter: 1, chatId: 4703);
            api.Enqueue(api.Message(4703, 4703, "/hotline"));
            await api.WaitForMessagesAsync(4703, 2);

            api.Fail("sendMessage", 500, chatId: 4704);
            api.Enqueue(api.Message(4704, 4704, "/hotline"));
            await api.WaitForMessagesAsync(4704, 2);

            await api.StopAsync();
            await Task.Delay(1500);
            await api.StartAsync();
            api.Enqueue(api.Message(4705, 4705, Question));
            await api.WaitForMessagesAsync(4705, 2);
            lines.AddRange(telegram.Logs.Lines);
        }

        await using (var telegram = await TelegramTestHost.StartAsync("Webhook"))
        {
            var api = telegram.Api;
            await api.WaitForAsync(c => c.Method == "setWebhook");
            var update = api.NewUpdate(api.Message(4706, 4706, Question));
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(telegram, update, "nope"));
            api.Fail("sendMessage", 502, chatId: 4706);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostAsync(telegram, update, TelegramTestHost.Secret));
            Assert.Equal(HttpStatusCode.OK, await PostAsync(telegram, update, TelegramTestHost.Secret));
            lines.AddRange(telegram.Logs.Lines);
        }

        var secret = TelegramTestHost.Token.Split(':')[1];
        Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("bot" + TelegramTestHost.Token.Split(':')[0], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(TelegramTestHost.Secret, StringComparison.Ordinal));
        foreach (var words in new[] { Question, Disclosure, OperatorWords, "sờ vào người em" })
            Assert.DoesNotContain(lines, l => l.Contains(words, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("System.Net.Http.HttpClient.telegram", StringComparison.Ordinal));

        // The session really went through the paths that could have leaked: HTTP calls, a 429, a 5xx, Telegram down.
        Assert.Contains(lines, l => l.Contains("Telegram getUpdates answered 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Telegram sendMessage answered 429", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Telegram sendMessage answered 500", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Telegram getUpdates failed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("webhook call refused", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Operators' chat notified", StringComparison.Ordinal));
    }

    private static async Task<HttpStatusCode> PostAsync(TelegramTestHost telegram, System.Text.Json.Nodes.JsonObject update, string secret)
    {
        using var content = new StringContent(FakeTelegramServer.Json(update), Encoding.UTF8, "application/json");
        content.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        using var response = await telegram.Host.Client.PostAsync("/api/telegram", content);
        return response.StatusCode;
    }
}
