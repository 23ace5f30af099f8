using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>Webhook mode: POST /api/telegram with the secret header, handled before the 200, duplicates ignored.</summary>
[Collection(TelegramCollection.Name)]
public sealed class WebhookTests(WebhookHostFixture fixture) : IClassFixture<WebhookHostFixture>
{
    private TelegramTestHost Telegram => fixture.Telegram;
    private FakeTelegramServer Api => fixture.Telegram.Api;

    [Fact]
    public async Task The_webhook_is_registered_with_its_secret_and_update_types_and_nothing_is_polled()
    {
        var set = await Api.WaitForAsync(c => c.Method == "setWebhook");
        Assert.Equal("https://bot.example.org/api/telegram", (string?)set.Body["url"]);
        Assert.Equal(TelegramTestHost.Secret, (string?)set.Body["secret_token"]);
        var types = ((JsonArray)set.Body["allowed_updates"]!).Select(t => (string?)t).ToList();
        Assert.Equal(["message", "edited_message", "callback_query"], types);
        Assert.NotEqual(true, (bool?)set.Body["drop_pending_updates"]);
        await Api.WaitForAsync(c => c.Method == "setMyCommands");
        Assert.DoesNotContain(Api.Calls, c => c.Method == "getUpdates");
    }

    [Fact]
    public async Task A_wrong_or_missing_secret_is_401_and_nothing_is_processed()
    {
        const long chat = 4401;
        var update = Api.NewUpdate(Api.Message(chat, chat, "/hotline"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(update, "wrong-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(update, secret: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(update, TelegramTestHost.Secret + "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(update, TelegramTestHost.Secret.ToUpperInvariant()));

        await Task.Delay(300);
        Assert.DoesNotContain(Api.Calls, c => c.ChatId == chat);
        Assert.Equal(0, await InboxRowsAsync((int)update["update_id"]!));

        // The same update with the right secret is then handled: the refusals did not mark it.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(update, TelegramTestHost.Secret));
        Assert.Contains("111", Api.Sent(chat).Last().PlainText);
    }

    [Fact]
    public async Task The_reply_is_sent_before_the_200_and_a_redelivery_of_the_same_update_is_ignored()
    {
        const long chat = 4402;
        var update = Api.NewUpdate(Api.Message(chat, chat, "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(update, TelegramTestHost.Secret));
        // Already sent when the 200 came back: brief welcome and the answer.
        Assert.Equal(2, Api.Sent(chat).Count);
        Assert.Matches(@"Theo Điều \d+", Api.Sent(chat)[1].PlainText);

        Assert.Equal(HttpStatusCode.OK, await PostAsync(update, TelegramTestHost.Secret));
        await Task.Delay(300);
        Assert.Equal(2, Api.Sent(chat).Count);
        Assert.Equal(1, await InboxRowsAsync((int)update["update_id"]!));
    }

    [Fact]
    public async Task When_the_reply_cannot_be_delivered_the_webhook_answers_503_and_the_redelivery_is_answered()
    {
        const long chat = 4403;
        var update = Api.NewUpdate(Api.Message(chat, chat, "/hotline"));
        Api.Fail("sendMessage", 502, chatId: chat);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await PostAsync(update, TelegramTestHost.Secret));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(update, TelegramTestHost.Secret));
        Assert.Contains("111", Api.Sent(chat).Last().PlainText);
    }

    [Fact]
    public async Task A_body_that_is_not_an_update_is_400()
    {
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");
        content.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TelegramTestHost.Secret);
        using var response = await Telegram.Host.Client.PostAsync("/api/telegram", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_Telegram_is_off_no_route_and_no_background_service()
    {
        await using var host = BotTestHost.Start();
        using var response = await host.Client.PostAsync("/api/telegram", new StringContent("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(host.Services.GetService<global::Telegram.Bot.ITelegramBotClient>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Namespace?.Contains("Telegram") == true);
        host.Folder.Dispose();
    }

    private async Task<HttpStatusCode> PostAsync(JsonObject update, string? secret)
    {
        using var content = new StringContent(FakeTelegramServer.Json(update), Encoding.UTF8, "application/json");
        if (secret is not null) content.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        using var response = await Telegram.Host.Client.PostAsync("/api/telegram", content);
        return response.StatusCode;
    }

    private async Task<long> InboxRowsAsync(int updateId)
    {
        var database = Telegram.Host.Services.GetRequiredService<SqliteDatabase>();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM telegram_updates WHERE update_id = $id";
        command.Parameters.AddWithValue("$id", updateId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
