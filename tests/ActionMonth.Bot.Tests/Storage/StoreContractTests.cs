using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Escalation;
using ActionMonth.Knowledge.Safety;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Storage;

/// <summary>One instance's stores over the shared database (each instance has its own connection pool).</summary>
public sealed record StoreInstance(IBotStateStore State, IFeedbackStore Feedback, ILeaseStore Leases, ICaseStore Cases, IOutboxStore Outbox);

/// <summary>
/// The storage contract every provider keeps, run on SQLite and on PostgreSQL. "Two instances" are two sets of stores
/// built on two database objects over the same database, as two hosts would have them, called concurrently where
/// the contract is about concurrency (a claim wins once, an outbox row is handed to one dispatcher, a lease has one
/// holder).
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    private static readonly NotificationRouting Routing = new([new RecordingOperatorChannel()]);

    /// <summary>Another instance on the same database.</summary>
    protected abstract Task<StoreInstance> InstanceAsync(NotificationRouting routing);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public abstract Task DisposeAsync();

    private Task<StoreInstance> InstanceAsync() => InstanceAsync(Routing);

    [SkippableFact]
    public async Task State_written_by_one_instance_reads_back_on_another_with_its_etag()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var state = new Dictionary<string, object> { ["profile"] = new JObject { ["Language"] = "en", ["Role"] = "Child" } };
        await a.State.WriteAsync(new Dictionary<string, object> { ["webchat/users/u1"] = state });

        var read = await b.State.ReadAsync(["webchat/users/u1", "missing"]);
        var json = Assert.IsType<JObject>(Assert.Single(read).Value);
        Assert.Equal("en", json["profile"]!["Language"]!.Value<string>());
        Assert.Equal(json["eTag"]!.Value<string>(), state["eTag"]);
    }

    [SkippableFact]
    public async Task A_stale_etag_is_refused_and_the_whole_batch_is_rolled_back()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        await a.State.WriteAsync(new Dictionary<string, object> { ["k"] = new JObject { ["n"] = 1 } });
        var onA = (JObject)(await a.State.ReadAsync(["k"]))["k"];
        var onB = (JObject)(await b.State.ReadAsync(["k"]))["k"];

        onA["n"] = 2;
        await a.State.WriteAsync(new Dictionary<string, object> { ["k"] = onA });
        onB["n"] = 3;
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() =>
            b.State.WriteAsync(new Dictionary<string, object> { ["other"] = new JObject { ["n"] = 1 }, ["k"] = onB }));
        Assert.Equal("k", conflict.Key);

        Assert.Equal(2, ((JObject)(await b.State.ReadAsync(["k"]))["k"])["n"]!.Value<int>());
        Assert.Empty(await b.State.ReadAsync(["other"]));
    }

    [SkippableFact]
    public async Task Of_two_instances_writing_over_the_same_etag_at_once_exactly_one_wins()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        await a.State.WriteAsync(new Dictionary<string, object> { ["turn"] = new JObject { ["n"] = 0 } });
        var etag = ((JObject)(await a.State.ReadAsync(["turn"]))["turn"])["eTag"]!.Value<string>();

        var writes = Enumerable.Range(1, 8).Select(async i =>
        {
            var store = i % 2 == 0 ? a.State : b.State;
            try
            {
                await store.WriteAsync(new Dictionary<string, object> { ["turn"] = new JObject { ["n"] = i, ["eTag"] = etag } });
                return i;
            }
            catch (StorageConflictException)
            {
                return 0;
            }
        }).ToList();
        var winners = (await Task.WhenAll(writes)).Where(i => i != 0).ToList();

        var winner = Assert.Single(winners);
        Assert.Equal(winner, ((JObject)(await b.State.ReadAsync(["turn"]))["turn"])["n"]!.Value<int>());
    }

    [SkippableFact]
    public async Task State_documents_keep_the_etag_rules_across_instances_also_after_a_delete_and_re_create()
    {
        var a = (SqlBotStateStore)(await InstanceAsync()).State;
        var b = (SqlBotStateStore)(await InstanceAsync()).State;
        var first = await a.WriteDocumentAsync("webchat/conversations/c", """{"conversation":{"Welcomed":true}}""", null, CancellationToken.None);

        var read = await b.ReadDocumentsAsync(["missing", "webchat/conversations/c"], CancellationToken.None);
        Assert.Null(read[0]);
        Assert.Equal(new StateDocument("""{"conversation":{"Welcomed":true}}""", first), read[1]);

        var second = await b.WriteDocumentAsync("webchat/conversations/c", """{"conversation":{"Welcomed":false}}""", first, CancellationToken.None);
        Assert.NotEqual(first, second);
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() =>
            a.WriteDocumentAsync("webchat/conversations/c", """{"conversation":{}}""", first, CancellationToken.None));
        Assert.Equal("webchat/conversations/c", conflict.Key);

        // Deleted and written again: an ETag read before the delete must not match the new row.
        await ((IBotStateStore)a).DeleteAsync(["webchat/conversations/c"]);
        await a.WriteDocumentAsync("webchat/conversations/c", """{"conversation":{}}""", null, CancellationToken.None);
        await Assert.ThrowsAsync<StorageConflictException>(() =>
            b.WriteDocumentAsync("webchat/conversations/c", """{"conversation":{"Welcomed":true}}""", second, CancellationToken.None));

        var current = (await a.ReadDocumentsAsync(["webchat/conversations/c"], CancellationToken.None))[0]!;
        var writes = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await (i % 2 == 0 ? a : b).WriteDocumentAsync("webchat/conversations/c", $$"""{"n":{{i}}}""", current.ETag, CancellationToken.None);
                return i;
            }
            catch (StorageConflictException)
            {
                return 0;
            }
        }).ToList();
        var winner = Assert.Single(await Task.WhenAll(writes), i => i != 0);
        Assert.Equal($$"""{"n":{{winner}}}""", (await b.ReadDocumentsAsync(["webchat/conversations/c"], CancellationToken.None))[0]!.Json);
    }

    [SkippableFact]
    public async Task Deleted_and_idle_state_goes_and_feedback_reads_back_newest_first()
    {
        var a = await InstanceAsync();
        await a.State.WriteAsync(new Dictionary<string, object> { ["x"] = new JObject(), ["y"] = new JObject() });
        await a.State.DeleteAsync(["x"]);
        Assert.Equal(["y"], (await a.State.ReadAsync(["x", "y"])).Keys);
        Assert.Equal(0, await a.State.PurgeIdleAsync(DateTimeOffset.UtcNow.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(1, await a.State.PurgeIdleAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        Assert.Empty(await a.State.ReadAsync(["y"]));

        var now = DateTimeOffset.UtcNow;
        await a.Feedback.AddAsync(new FeedbackRecord("a1", 1, "faq", "webchat", "card-1", null, null, null, "High", "Parent", "vi", now),
            CancellationToken.None);
        await a.Feedback.AddAsync(new FeedbackRecord("a2", -1, "law", "telegram", null, "102/2016/QH13", 4, 2, "Medium", null, "vi",
            now.AddSeconds(1)), CancellationToken.None);
        var recent = await (await InstanceAsync()).Feedback.RecentAsync(10, CancellationToken.None);
        Assert.Equal(["a2", "a1"], recent.Select(f => f.AnswerId));
        Assert.Equal((4, 2, -1), (recent[0].Article!.Value, recent[0].Clause!.Value, recent[0].Vote));

        // A second vote on an answer replaces the first, from any instance.
        await (await InstanceAsync()).Feedback.AddAsync(new FeedbackRecord("a1", -1, "faq", "webchat", "card-1", null, null, null, "High",
            "Parent", "vi", now.AddSeconds(2)), CancellationToken.None);
        var after = await a.Feedback.RecentAsync(10, CancellationToken.None);
        Assert.Equal(2, after.Count);
        Assert.Equal(-1, after.Single(f => f.AnswerId == "a1").Vote);
    }

    [SkippableFact]
    public async Task A_lease_has_one_holder_until_it_runs_out_or_is_released()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var t0 = DateTimeOffset.UtcNow;

        Assert.True(await a.Leases.TryAcquireAsync("role", "A", t0, t0.AddSeconds(20), CancellationToken.None));
        Assert.False(await b.Leases.TryAcquireAsync("role", "B", t0.AddSeconds(1), t0.AddSeconds(21), CancellationToken.None));
        // The holder renews; the other still cannot take it before the renewed expiry.
        Assert.True(await a.Leases.TryAcquireAsync("role", "A", t0.AddSeconds(10), t0.AddSeconds(30), CancellationToken.None));
        Assert.False(await b.Leases.TryAcquireAsync("role", "B", t0.AddSeconds(25), t0.AddSeconds(45), CancellationToken.None));
        Assert.Equal("A", (await b.Leases.HolderAsync("role", t0.AddSeconds(25), CancellationToken.None))?.Owner);

        // A holder that stopped renewing (a crash) loses it when it runs out.
        Assert.Null(await b.Leases.HolderAsync("role", t0.AddSeconds(30), CancellationToken.None));
        Assert.True(await b.Leases.TryAcquireAsync("role", "B", t0.AddSeconds(30), t0.AddSeconds(50), CancellationToken.None));
        Assert.False(await a.Leases.TryAcquireAsync("role", "A", t0.AddSeconds(31), t0.AddSeconds(51), CancellationToken.None));

        // Only the holder can release it; released, it is free at once.
        await a.Leases.ReleaseAsync("role", "A", CancellationToken.None);
        Assert.Equal("B", (await a.Leases.HolderAsync("role", t0.AddSeconds(32), CancellationToken.None))?.Owner);
        await b.Leases.ReleaseAsync("role", "B", CancellationToken.None);
        Assert.True(await a.Leases.TryAcquireAsync("role", "A", t0.AddSeconds(33), t0.AddSeconds(53), CancellationToken.None));
    }

    [SkippableFact]
    public async Task Of_many_instances_asking_for_a_free_lease_at_once_exactly_one_gets_it()
    {
        var instances = new[] { await InstanceAsync(), await InstanceAsync() };
        var now = DateTimeOffset.UtcNow;
        var asks = Enumerable.Range(0, 12).Select(i =>
            instances[i % 2].Leases.TryAcquireAsync("telegram-polling:1", $"owner-{i}", now, now.AddSeconds(20), CancellationToken.None));
        var granted = await Task.WhenAll(asks);
        Assert.Equal(1, granted.Count(g => g));
    }

    [SkippableFact]
    public async Task The_same_inbound_activity_on_two_instances_at_once_opens_one_case()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var now = DateTimeOffset.UtcNow;
        var conversation = "conv-" + Guid.NewGuid().ToString("N")[..8];
        var first = Draft(conversation, "activity-1", now);
        var again = first with { CaseId = CaseIdentifiers.NewCaseId(now) };

        var results = await Task.WhenAll(a.Cases.OpenCaseAsync(first, CancellationToken.None), b.Cases.OpenCaseAsync(again, CancellationToken.None));

        Assert.Single(results, r => r.Outcome == OpenCaseOutcome.Created);
        Assert.Single(results, r => r.Outcome == OpenCaseOutcome.Duplicate);
        Assert.Single(results.Select(r => r.Case.CaseId).Distinct());
        Assert.Single(await b.Cases.ListAsync(openOnly: true, 10, CancellationToken.None));

        // A second disclosure in the same conversation joins the open case.
        var joined = await b.Cases.OpenCaseAsync(Draft(conversation, "activity-2", now.AddSeconds(1)), CancellationToken.None);
        Assert.Equal(OpenCaseOutcome.AddedToOpenCase, joined.Outcome);
        Assert.Equal(results[0].Case.CaseId, joined.Case.CaseId);
    }

    [SkippableFact]
    public async Task Of_operators_claiming_one_case_on_two_instances_at_once_exactly_one_wins()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var now = DateTimeOffset.UtcNow;
        var opened = await a.Cases.OpenCaseAsync(Draft("conv-claim", "activity-1", now), CancellationToken.None);
        var caseId = opened.Case.CaseId;

        var claims = Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? a : b).Cases.ClaimAsync(caseId, $"op-{i}", now.AddSeconds(1), CancellationToken.None));
        var outcomes = await Task.WhenAll(claims);

        Assert.Equal(1, outcomes.Count(o => o.Result == OperatorActionResult.Done));
        Assert.Equal(9, outcomes.Count(o => o.Result == OperatorActionResult.AlreadyClaimedByAnother));
        var winner = outcomes.Single(o => o.Result == OperatorActionResult.Done).Case!.ClaimedBy;
        var stored = await b.Cases.GetAsync(caseId, includeText: false, CancellationToken.None);
        Assert.Equal(CaseStatus.Claimed, stored!.Status);
        Assert.Equal(winner, stored.ClaimedBy);
        Assert.All(outcomes, o => Assert.Equal(winner, o.Case!.ClaimedBy));
        // Every attempt is audited, and the user is told once that a counsellor took the case.
        Assert.Equal(10, (await a.Cases.AuditTrailAsync(caseId, CancellationToken.None)).Count(e => e.Action == "claim"));
        var userNotices = await DrainAsync([a, b], DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Single(userNotices, i => i.Case.CaseId == caseId && i.Destination == OutboxDestinations.User && i.Kind == nameof(UserNotice.Claimed));
    }

    [SkippableFact]
    public async Task Outbox_rows_drained_by_dispatchers_on_two_instances_are_each_handed_out_once()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var now = DateTimeOffset.UtcNow;
        var caseIds = new List<string>();
        for (var i = 0; i < 30; i++)
            caseIds.Add((await (i % 2 == 0 ? a : b).Cases.OpenCaseAsync(Draft($"conv-{i}", "activity", now), CancellationToken.None)).Case.CaseId);

        var delivered = await DrainAsync([a, b], now.AddSeconds(1));

        // One row per case (the operators' channel), each handed out and completed exactly once.
        Assert.Equal(30, delivered.Count);
        Assert.Equal(caseIds.Order(), delivered.Select(i => i.Case.CaseId).Order());
        Assert.Equal(delivered.Count, delivered.Select(i => i.Id).Distinct().Count());
        var backlog = await b.Outbox.BacklogAsync(CancellationToken.None);
        Assert.Equal(0, backlog.Pending);
        // A delivered opening marks the case notified.
        Assert.All(await a.Cases.ListAsync(openOnly: true, 100, CancellationToken.None), c => Assert.Equal(CaseStatus.Notified, c.Status));
    }

    [SkippableFact]
    public async Task An_outbox_row_whose_lease_ran_out_goes_to_another_dispatcher_and_the_first_cannot_complete_it()
    {
        var a = await InstanceAsync();
        var b = await InstanceAsync();
        var now = DateTimeOffset.UtcNow;
        await a.Cases.OpenCaseAsync(Draft("conv-lease", "activity", now), CancellationToken.None);

        var taken = Assert.Single(await a.Outbox.LeaseAsync("dispatcher-a", now, now.AddSeconds(30), 10, CancellationToken.None));
        Assert.Empty(await b.Outbox.LeaseAsync("dispatcher-b", now.AddSeconds(10), now.AddSeconds(40), 10, CancellationToken.None));
        Assert.Equal(now.AddSeconds(30).ToUnixTimeMilliseconds(), (await b.Outbox.NextDueAsync(CancellationToken.None))?.ToUnixTimeMilliseconds());

        // Dispatcher A hangs past its lease: B takes the row over; A's late completion is refused, B's counts.
        var retaken = Assert.Single(await b.Outbox.LeaseAsync("dispatcher-b", now.AddSeconds(31), now.AddSeconds(61), 10, CancellationToken.None));
        Assert.Equal(taken.Id, retaken.Id);
        Assert.False(await a.Outbox.CompleteAsync(taken, "dispatcher-a", now.AddSeconds(32), null, CancellationToken.None));
        Assert.True(await b.Outbox.FailAsync(retaken, "dispatcher-b", now.AddSeconds(40), "HTTP 503", CancellationToken.None));
        Assert.Empty(await a.Outbox.LeaseAsync("dispatcher-a", now.AddSeconds(35), now.AddSeconds(65), 10, CancellationToken.None));
        var retry = Assert.Single(await a.Outbox.LeaseAsync("dispatcher-a", now.AddSeconds(41), now.AddSeconds(71), 10, CancellationToken.None));
        Assert.Equal(1, retry.Attempts);
        Assert.True(await a.Outbox.CompleteAsync(retry, "dispatcher-a", now.AddSeconds(42), null, CancellationToken.None));
        Assert.Null(await b.Outbox.NextDueAsync(CancellationToken.None));
    }

    /// <summary>Three dispatch loops per instance lease and complete until nothing is due; returns every row handed out.</summary>
    private static async Task<List<OutboxItem>> DrainAsync(IReadOnlyList<StoreInstance> instances, DateTimeOffset now)
    {
        var handed = new System.Collections.Concurrent.ConcurrentBag<OutboxItem>();
        var loops = instances.SelectMany((instance, n) => Enumerable.Range(0, 3).Select(async k =>
        {
            var owner = $"instance-{n}/loop-{k}";
            while (true)
            {
                var batch = await instance.Outbox.LeaseAsync(owner, now, now.AddMinutes(5), 4, CancellationToken.None);
                if (batch.Count == 0)
                {
                    // Nothing free: done once nothing is due (rows leased by another loop are that loop's to finish).
                    var due = await instance.Outbox.NextDueAsync(CancellationToken.None);
                    if (due is null || due > now) return;
                    await Task.Delay(5);
                    continue;
                }
                foreach (var item in batch)
                {
                    handed.Add(item);
                    Assert.True(await instance.Outbox.CompleteAsync(item, owner, now, null, CancellationToken.None));
                }
            }
        }));
        await Task.WhenAll(loops);
        return [.. handed];
    }

    private static CaseDraft Draft(string conversation, string activity, DateTimeOffset now) => new(
        CaseIdentifiers.NewCaseId(now),
        CaseIdentifiers.InboundKey("webchat", conversation, activity),
        activity,
        "webchat",
        conversation,
        """{"channelId":"webchat","conversation":{"id":"c"},"serviceUrl":"http://127.0.0.1:1/"}""",
        DisclosureLevel.Urgent,
        DisclosureCategory.SexualAbuse,
        Reporter.Child,
        ["test-touch"],
        "vi",
        now,
        "excerpt",
        "message");
}

/// <summary>The contract on SQLite: one file shared by the instances of one machine.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly Infrastructure.TestFolder _folder = new();

    protected override Task<StoreInstance> InstanceAsync(NotificationRouting routing)
    {
        var migrations = StateSchema.Migrations.Concat(EscalationSchema.Migrations).Append(LeaseSchema.Sqlite);
        var database = new SqliteDatabase("Data Source=data/contract.db", _folder.Path, migrations,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDatabase>.Instance);
        return Task.FromResult(new StoreInstance(new SqliteBotStateStore(database, TimeProvider.System), new SqliteFeedbackStore(database),
            new SqliteLeaseStore(database), new SqliteCaseStore(database, routing), new SqliteOutboxStore(database)));
    }

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The contract on PostgreSQL (ACTIONMONTH_POSTGRES), each test on a database of its own.</summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    private Postgres.PostgresTestDatabase? _database;

    protected override async Task<StoreInstance> InstanceAsync(NotificationRouting routing)
    {
        _database ??= await Postgres.PostgresTestDatabase.CreateAsync();
        var migrations = PostgresStateSchema.Migrations.Concat(PostgresEscalationSchema.Migrations).Append(LeaseSchema.Postgres);
        var database = _database.Open(migrations);
        return new StoreInstance(new PostgresBotStateStore(database, TimeProvider.System), new PostgresFeedbackStore(database),
            new PostgresLeaseStore(database), new PostgresCaseStore(database, routing), new PostgresOutboxStore(database));
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null) await _database.DisposeAsync();
    }
}
