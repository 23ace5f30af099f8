using System.Net;
using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Tests.DirectLine;
using ActionMonth.Bot.Tests.Escalation;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Bot.Tests.Telegram.Fakes;
using ActionMonth.Bot.Tests.Telegram.Harness;

namespace ActionMonth.Bot.Tests.Postgres;

/// <summary>
/// Two complete hosts (each its own services, background dispatchers and connection pool) sharing one PostgreSQL
/// database, as two instances behind a load balancer: disclosures spread over both give one case each and one
/// delivery per case and destination, a case is claimed once whichever instance operators reach, a conversation
/// continues on the other instance, and only one instance polls Telegram, the other taking over when it stops.
/// </summary>
public sealed class TwoHostTests
{
    private static Dictionary<string, string?> Shared(PostgresTestDatabase database) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = database.ConnectionString,
    };

    [SkippableFact]
    public async Task Disclosures_spread_over_two_hosts_give_one_case_and_one_delivery_each_and_a_case_is_claimed_once()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var a = await EscalationHarness.StartAsync(Shared(database));
        // Both instances notify the same hotline system (A's listener).
        var onB = Shared(database);
        onB["Escalation:WebhookUrl"] = a.Webhook.BaseUrl + "/hotline/cases";
        await using var b = await EscalationHarness.StartAsync(onB);

        const int disclosures = 100;
        var users = Enumerable.Range(0, disclosures).Select(i => (i % 2 == 0 ? a : b).User()).ToList();
        var replies = await Task.WhenAll(users.Select(u => u.SayAsync(EscalationHarness.Disclosure)));
        // Every child gets the safety reply with 111 at once. Under this burst (50 disclosures at once per instance on
        // a small machine) some cases are not stored within the reply's time budget: those replies go out without
        // the case id and the case is stored moments later from memory (CaseRescueQueue), under the same inbound key.
        Assert.All(replies, r => Assert.Contains("111", Assert.Single(r).Text));
        await Eventually.TrueAsync(async () => await database.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_case") >= disclosures,
            TimeSpan.FromSeconds(60), "every case stored");
        var caseIds = new List<string>();
        foreach (var user in users)
        {
            caseIds.Add(Assert.IsType<string>(await database.ScalarAsync<string>(
                "SELECT case_id FROM escalation_case WHERE conversation_id = @v", ("v", user.ConversationId))));
        }
        Assert.Equal(disclosures, caseIds.Distinct().Count());
        Assert.Equal(disclosures, await database.ScalarAsync<long>("SELECT COUNT(*) FROM escalation_case"));
        // Neither instance ran out of database connections or met any other PostgreSQL error (each keeps to its
        // pool share, PostgresDatabase.DefaultMaxPoolSize, and waits for a connection rather than failing the turn).
        Assert.DoesNotContain(a.Host.Logs.Lines.Concat(b.Host.Logs.Lines),
            l => l.Contains("PostgresException", StringComparison.Ordinal) || l.Contains("NpgsqlException", StringComparison.Ordinal));
        foreach (var (reply, stored) in replies.Zip(caseIds))
        {
            if (reply[0].Entities?.Any(e => e.Type == ActionMonth.Bot.Safety.EscalationEntity.EntityType) == true)
                Assert.Equal(stored, EscalationFlowTests.CaseIdOf(reply[0]));
        }

        // Every case reaches the hotline and the operators exactly once, whichever dispatcher took its rows.
        await Eventually.TrueAsync(async () => await database.ScalarAsync<long>(
                "SELECT COUNT(*) FROM escalation_outbox WHERE delivered_at IS NULL") == 0,
            TimeSpan.FromSeconds(60), "every outbox row delivered");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a second, duplicate delivery would show up in this time
        var opened = a.WebhookCalls.Where(c => c.Event == "caseOpened").ToList();
        Assert.Equal(caseIds.Order(), opened.Select(c => c.CaseId).Order());
        var toOperators = a.Operators.Received.Concat(b.Operators.Received).Where(n => n.Kind == NotificationKind.CaseOpened).ToList();
        Assert.Equal(caseIds.Order(), toOperators.Select(n => n.CaseId).Order());

        // Operators on the two instances claim a case raised on A at the same moment: one wins, the other is told.
        var caseId = caseIds[0];
        var claims = await Task.WhenAll(
            a.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-lan" }),
            b.CallApiAsync(HttpMethod.Post, $"/api/cases/{caseId}/claim", new { operatorId = "op-minh" }));
        Assert.Single(claims, c => c.Status == HttpStatusCode.OK);
        Assert.Single(claims, c => c.Status == HttpStatusCode.Conflict);
        Assert.Equal("claimed", await database.ScalarAsync<string>("SELECT status FROM escalation_case WHERE case_id = @c", ("c", caseId)));
        await Eventually.ValueAsync(() => a.WebhookCalls.FirstOrDefault(c => c.CaseId == caseId && c.Status == "claimed"),
            TimeSpan.FromSeconds(20), "the claim reaching the hotline");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(a.WebhookCalls, c => c.CaseId == caseId && c.Status == "claimed");

        // The child who disclosed on A writes again and the message lands on B: B knows the open case.
        var child = users[0];
        var onOtherHost = new UserSession(b, b.Host.Conversation(child.ConversationId, child.Conversation.UserId));
        var next = onOtherHost.Message("em vẫn đang sợ");
        next["id"] = child.ConversationId + "-on-b";
        var ack = Assert.Single(await onOtherHost.SendAsync(next));
        Assert.Equal(caseId, EscalationFlowTests.CaseIdOf(ack));
        Assert.Contains("111", ack.Text);
        Assert.Equal(1, await database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM escalation_message WHERE case_id = @c AND direction = 'user' AND text = 'em vẫn đang sợ'", ("c", caseId)));
    }

    [SkippableFact]
    public async Task A_web_chat_conversation_continues_when_its_requests_alternate_between_two_hosts()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var a = BotTestHost.Start(settings: Shared(database));
        var b = BotTestHost.Start(settings: Shared(database));
        try
        {
            var onA = new DirectLineTestClient(a.Client);
            var onB = new DirectLineTestClient(b.Client);
            // The token is issued and the conversation started on A; B accepts the token (the signing key is shared).
            var (conversationId, token) = await onA.GenerateAsync();
            await onA.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", token, "{}");
            var throughA = new DirectLineSession(onA, conversationId, token);
            var throughB = new DirectLineSession(onB, conversationId, token);
            var (first, _) = await throughB.GetAsync();
            Assert.StartsWith("Xin chào!", (string)Assert.Single(first)!["text"]!);

            // Turns alternate between the hosts; each host's reply lands in the one stream.
            await throughB.SayAsync("Tôi là phụ huynh");
            await throughA.SayAsync("điều 6 luật trẻ em");
            var refreshed = await onB.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/tokens/refresh", token, body: null);
            throughA.Token = (string)refreshed["token"]!;
            await throughA.SayAsync("cảm ơn");

            var seenOnA = await throughA.AllAsync();
            var seenOnB = await throughB.AllAsync();
            Assert.Equal(seenOnA.Select(x => (string)x["id"]!), seenOnB.Select(x => (string)x["id"]!));
            // One sequence of activity ids across both hosts: no gap, no id written twice.
            Assert.Equal(Enumerable.Range(1, seenOnA.Count).Select(n => DirectLineIds.ActivityId(conversationId, n)),
                seenOnA.Select(x => (string)x["id"]!));
            Assert.Equal(["Tôi là phụ huynh", "điều 6 luật trẻ em", "cảm ơn"],
                seenOnA.Where(x => (string?)x["from"]?["role"] == "user").Select(x => (string)x["text"]!));
            // Every user message was answered by the bot (the welcome plus at least one reply per message).
            Assert.True(seenOnA.Count(x => (string?)x["from"]?["role"] == "bot") >= 4);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            a.Folder.Dispose();
            b.Folder.Dispose();
        }
    }

    [SkippableFact]
    public async Task Only_one_of_two_hosts_polls_Telegram_and_the_other_takes_over_when_it_stops()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var api = new FakeTelegramServer(TelegramTestHost.Token);
        using var folderA = new TestFolder();
        using var folderB = new TestFolder();
        var settings = Shared(database);
        settings["Storage:LeaseSeconds"] = "3";
        var a = await TelegramTestHost.StartAsync(settings: settings, api: api, folder: folderA);
        var b = await TelegramTestHost.StartAsync(settings: settings, api: api, folder: folderB);
        TelegramTestHost? pollerStopped = null;
        try
        {
            static bool Holds(TelegramTestHost host) => host.Logs.Lines.Any(l => l.Contains("now holds telegram-polling", StringComparison.Ordinal));
            static bool StandsBy(TelegramTestHost host) => host.Logs.Lines.Any(l => l.Contains("stands by", StringComparison.Ordinal));
            await Eventually.TrueAsync(() => Task.FromResult(Holds(a) != Holds(b) && (StandsBy(a) || StandsBy(b))), TimeSpan.FromSeconds(30),
                "one host polling and the other standing by");
            var (poller, standby) = Holds(a) ? (a, b) : (b, a);
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM instance_lease WHERE name LIKE 'telegram-polling:%'"));

            // Several chats write while both run: each update is handled once (one reply per chat for /start).
            var chats = Enumerable.Range(0, 5).Select(i => 5100L + i).ToList();
            foreach (var chat in chats) api.Enqueue(api.Message(chat, chat, "/start"));
            foreach (var chat in chats) await api.WaitForMessagesAsync(chat, 1, timeout: TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var perChat = chats.Select(c => api.Sent(c).Count).ToList();
            Assert.All(perChat, n => Assert.Equal(perChat[0], n));
            Assert.False(Holds(standby), "the standby host must not poll while the poller runs");
            Assert.Equal(0, api.PendingUpdates);

            // The poller stops: the standby host takes the role and answers the next update.
            await poller.Host.DisposeAsync();
            pollerStopped = poller;
            await Eventually.TrueAsync(() => Task.FromResult(Holds(standby)), TimeSpan.FromSeconds(15), "the standby host taking over polling");
            const long late = 5200;
            api.Enqueue(api.Message(late, late, "/start"));
            var answered = await api.WaitForMessagesAsync(late, 1, timeout: TimeSpan.FromSeconds(30));
            Assert.NotEmpty(answered);
        }
        finally
        {
            if (pollerStopped != a) await a.Host.DisposeAsync();
            if (pollerStopped != b) await b.Host.DisposeAsync();
        }
    }
}
