using System.Text.RegularExpressions;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Telegram;
using ActionMonth.Bot.Tests.Postgres;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>
/// The case card in the operators' Telegram chat is always the truth (escalation round 2): through the real
/// Telegram.Bot client against the fake Bot API, the card is edited when the level rises or a category is added (the
/// alert still goes under it, after the edit), when the user declines a counsellor and asks again, when a case is
/// claimed or closed from the operator API; and several messages of a flood arrive under it as one reply. The same
/// tests run on SQLite and PostgreSQL.
/// </summary>
public abstract partial class OperatorCaseCardTests
{
    private const long Ops = TelegramTestHost.OperatorChat;

    private protected abstract Task<(TelegramTestHost Host, IAsyncDisposable? Database)> StartAsync(IReadOnlyDictionary<string, string?>? settings = null);

    [SkippableFact]
    public async Task The_card_is_redrawn_with_the_new_level_every_category_a_decline_and_who_claimed_or_closed_it()
    {
        var (host, database) = await StartAsync();
        await using var _ = new Cleanup(host, database);
        var api = host.Api;
        const long child = 4601;
        api.Enqueue(api.Message(child, child, "chú hàng xóm sờ vào người em, em sợ lắm"));
        var card = (await api.WaitForMessagesAsync(Ops, 2))[0];
        var caseId = CaseIdPattern().Match(card.PlainText!).Groups[1].Value;
        Assert.Contains("Loại: xâm hại tình dục", card.PlainText);
        Assert.Contains("Chờ tư vấn viên nhận", card.PlainText);

        // A graver disclosure of another kind: the card first, then the alert under it.
        api.Enqueue(api.Message(child, child, "ông ta đang cầm dao, em đang chảy máu nhiều"));
        var alert = await api.WaitForTextAsync(Ops, "CA NÂNG MỨC");
        var raised = LastEdit(api, card.MessageId!.Value);
        Assert.NotNull(raised);
        Assert.True(raised.At <= alert.At, "the card is redrawn before the alert goes under it");
        Assert.Contains("CA KHẨN CẤP", raised.PlainText);
        Assert.Contains("Mức độ: khẩn cấp (emergency) ⬆ (lúc đầu: gấp (urgent))", raised.PlainText);
        Assert.Contains("Các loại: xâm hại tình dục (sexualAbuse); nguy hiểm khác (otherDanger)", raised.PlainText);
        Assert.Equal([TelegramTexts.ClaimButton, TelegramTexts.CloseButton], raised.Buttons.Select(b => (string?)b["text"]));

        // Declining a counsellor shows on the card; asking again puts it back to waiting.
        api.Enqueue(api.Message(child, child, "thôi, không cần tư vấn viên"));
        await api.WaitForTextAsync(Ops, "không cần tư vấn viên (ca");
        await WaitForEditAsync(api, card.MessageId.Value, "Người dùng nói không cần tư vấn viên");
        api.Enqueue(api.Message(child, child, "Kết nối với tư vấn viên"));
        await api.WaitForTextAsync(child, "em muốn nói chuyện");
        var waiting = await WaitForEditAsync(api, card.MessageId.Value, "Chờ tư vấn viên nhận", after: "Người dùng nói không cần tư vấn viên");
        Assert.Contains("nguy hiểm khác", waiting.PlainText);

        // Claimed and closed from the operator API: the card says by whom, with the buttons that still apply.
        var operations = host.Host.Services.GetRequiredService<IEscalationOperations>();
        Assert.Equal(OperatorActionResult.Done, await operations.ClaimAsync(caseId, "api:lan", CancellationToken.None));
        var claimed = await WaitForEditAsync(api, card.MessageId.Value, "Đã có người nhận: api:lan");
        Assert.Equal([TelegramTexts.CloseButton], claimed.Buttons.Select(b => (string?)b["text"]));
        Assert.Contains("khẩn cấp (emergency)", claimed.PlainText);
        Assert.Equal(OperatorActionResult.Done, await operations.CloseAsync(caseId, "api:lan", CancellationToken.None));
        var closed = await WaitForEditAsync(api, card.MessageId.Value, "Đã đóng");
        Assert.Empty(closed.Buttons);
        Assert.Contains("Các loại: xâm hại tình dục (sexualAbuse); nguy hiểm khác (otherDanger)", closed.PlainText);
    }

    [SkippableFact]
    public async Task Held_messages_of_a_flood_arrive_under_the_card_as_one_reply_before_the_decline_that_released_them()
    {
        var (host, database) = await StartAsync(new Dictionary<string, string?> { ["Escalation:RelayMaxPerMinute"] = "2" });
        await using var _ = new Cleanup(host, database);
        var api = host.Api;
        const long child = 4602;
        api.Enqueue(api.Message(child, child, "chú hàng xóm sờ vào người em, em sợ lắm"));
        var card = (await api.WaitForMessagesAsync(Ops, 2))[0];
        foreach (var text in new[] { "tin một", "tin hai", "tin ba", "tin bốn", "tin năm" })
        {
            var before = api.Sent(child).Count;
            api.Enqueue(api.Message(child, child, text));
            await api.WaitForMessagesAsync(child, 1, after: before);
        }
        await api.WaitForTextAsync(Ops, "tin hai");
        await Task.Delay(800);
        Assert.DoesNotContain(api.Sent(Ops), c => c.PlainText?.Contains("tin ba") == true);

        api.Enqueue(api.Message(child, child, "thôi, không cần tư vấn viên"));
        var declined = await api.WaitForTextAsync(Ops, "không cần tư vấn viên (ca");
        var together = Assert.Single(api.Sent(Ops), c => c.PlainText?.Contains("tin ba") == true);
        Assert.Contains("Người dùng gửi 3 tin nhắn liền nhau", together.PlainText);
        Assert.Matches("«tin ba»\\s*«tin bốn»\\s*«tin năm»", together.PlainText!);
        Assert.Equal(card.MessageId, (int?)together.Body["reply_parameters"]?["message_id"]);
        Assert.True(together.At <= declined.At, "the held messages come before the decline");
    }

    private static BotApiCall? LastEdit(FakeTelegramServer api, int messageId) =>
        api.Calls.LastOrDefault(c => c.Method == "editMessageText" && c.Succeeded && (int?)c.Body["message_id"] == messageId);

    private static async Task<BotApiCall> WaitForEditAsync(FakeTelegramServer api, int messageId, string text, string? after = null)
    {
        return await api.WaitForAsync(c => c.Method == "editMessageText" && (int?)c.Body["message_id"] == messageId
                                            && c.PlainText?.Contains(text) == true
                                            && (after is null || api.Calls.Any(p => p.At < c.At && p.Method == "editMessageText" && p.PlainText?.Contains(after) == true)),
            what: $"the card redrawn with '{text}'");
    }

    [GeneratedRegex(@"Mã ca: (\S+)")]
    private static partial Regex CaseIdPattern();

    private sealed class Cleanup(TelegramTestHost host, IAsyncDisposable? database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            if (database is not null) await database.DisposeAsync();
        }
    }
}

[Collection(TelegramCollection.Name)]
public sealed class OperatorCaseCardSqliteTests : OperatorCaseCardTests
{
    private protected override async Task<(TelegramTestHost Host, IAsyncDisposable? Database)> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null) => (await TelegramTestHost.StartAsync(settings: settings), null);
}

[Collection(TelegramCollection.Name)]
public sealed class OperatorCaseCardPostgresTests : OperatorCaseCardTests
{
    private protected override async Task<(TelegramTestHost Host, IAsyncDisposable? Database)> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await PostgresTestDatabase.CreateAsync();
        try
        {
            var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = database.ConnectionString,
            };
            return (await TelegramTestHost.StartAsync(settings: all), database);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }
}
