using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Telegram.Storage;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace ActionMonth.Bot.Tests.Telegram.Units;

public sealed class StoreTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly ManualClock _clock = new();
    private readonly SqliteDatabase _database;

    public StoreTests() => _database = new SqliteDatabase($"Data Source={_folder.DatabaseFile}", _folder.Path,
        StateSchema.Migrations.Concat(TelegramSchema.Migrations), NullLogger<SqliteDatabase>.Instance);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_inbox_admits_an_update_once_lets_a_failed_one_again_and_takes_over_an_abandoned_one()
    {
        var inbox = new SqliteTelegramUpdateInbox(_database, _clock);
        var ct = CancellationToken.None;
        Assert.Equal((UpdateAdmission.Handle, 1), await inbox.AdmitAsync(1, 100, ct));
        Assert.Equal(UpdateAdmission.Busy, (await inbox.AdmitAsync(1, 100, ct)).Admission);
        await inbox.ReleaseAsync(1, 100, ct);
        Assert.Equal((UpdateAdmission.Handle, 2), await inbox.AdmitAsync(1, 100, ct));
        await inbox.CompleteAsync(1, 100, dropped: false, ct);
        Assert.Equal(UpdateAdmission.Duplicate, (await inbox.AdmitAsync(1, 100, ct)).Admission);
        Assert.Equal(UpdateAdmission.Handle, (await inbox.AdmitAsync(2, 100, ct)).Admission);   // another bot's update 100

        // A process that died while handling: after the lease, the update is taken over.
        Assert.Equal(UpdateAdmission.Handle, (await inbox.AdmitAsync(1, 101, ct)).Admission);
        _clock.Advance(SqliteTelegramUpdateInbox.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal((UpdateAdmission.Handle, 2), await inbox.AdmitAsync(1, 101, ct));
    }

    [Fact]
    public async Task Buttons_are_found_by_their_short_id_until_they_expire()
    {
        var store = new SqliteButtonStore(_database, _clock, MsOptions.Create(new TelegramOptions { ButtonLifetimeDays = 2 }));
        var ids = await store.SaveAsync(42, ButtonKind.BotAction, ["{\"type\":\"imBack\"}", "{\"type\":\"messageBack\"}"], CancellationToken.None);
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(Encoding.UTF8.GetByteCount(CallbackData.For(id)), 1, 64));
        Assert.Equal(ids[1], CallbackData.ButtonId(CallbackData.For(ids[1])));
        Assert.Null(CallbackData.ButtonId("something else"));

        var found = await store.FindAsync(ids[1], CancellationToken.None);
        Assert.Equal(new StoredButton(ids[1], 42, ButtonKind.BotAction, "{\"type\":\"messageBack\"}"), found);
        _clock.Advance(TimeSpan.FromDays(2.1));
        Assert.Null(await store.FindAsync(ids[1], CancellationToken.None));

        var retention = new TelegramRetentionService(new SqliteTelegramRetentionStore(_database), _clock, MsOptions.Create(new StorageOptions()),
            NullLogger<TelegramRetentionService>.Instance);
        Assert.Equal(2, await retention.PurgeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Case_messages_map_back_to_their_case_and_deliveries_are_remembered()
    {
        var cases = new SqliteOperatorCaseStore(_database, _clock);
        var ct = CancellationToken.None;
        await cases.SaveCaseAsync(new OperatorCaseMessage("case-1", -100, 10, "urgent", "sexualAbuse", "telegram",
            _clock.GetUtcNow(), "New", null), ct);
        await cases.MapMessageAsync(-100, 11, "case-1", ct);
        Assert.Equal("case-1", await cases.FindCaseIdAsync(-100, 10, ct));
        Assert.Equal("case-1", await cases.FindCaseIdAsync(-100, 11, ct));
        Assert.Null(await cases.FindCaseIdAsync(-100, 12, ct));
        Assert.Null(await cases.FindCaseIdAsync(-200, 10, ct));

        await cases.UpdateStatusAsync("case-1", "Claimed", "telegram:7", ct);
        var stored = await cases.GetCaseAsync("case-1", ct);
        Assert.Equal(("Claimed", "telegram:7", 10), (stored!.Status, stored.ClaimedBy, stored.RootMessageId));

        Assert.False(await cases.IsDeliveredAsync("n1", ct));
        await cases.MarkDeliveredAsync("n1", "case-1", ct);
        await cases.MarkDeliveredAsync("n1", "case-1", ct);
        Assert.True(await cases.IsDeliveredAsync("n1", ct));
    }
}
