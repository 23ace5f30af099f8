using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Telegram.Storage;

namespace ActionMonth.Bot.Tests.Postgres;

/// <summary>The PostgreSQL schema is created on start and versioned, safely when several instances start at once.</summary>
public sealed class PostgresMigrationTests
{
    private static List<PostgresSchemaMigration> All() =>
    [
        .. PostgresStateSchema.Migrations, LeaseSchema.Postgres, .. PostgresEscalationSchema.Migrations,
        .. PostgresDirectLineSchema.Migrations, .. PostgresTelegramSchema.Migrations,
    ];

    [SkippableFact]
    public async Task Instances_starting_together_apply_each_migration_once()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var instances = Enumerable.Range(0, 6).Select(_ => database.Open(All())).ToList();

        await Task.WhenAll(instances.Select(i => i.EnsureReadyAsync(CancellationToken.None)));

        Assert.Equal(All().Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT module, version FROM schema_version GROUP BY module, version HAVING COUNT(*) > 1) d"));
        foreach (var table in new[] { "bot_state", "instance_lease", "escalation_case", "escalation_outbox", "telegram_updates" })
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT COUNT(*) FROM pg_tables WHERE tablename = @t", ("t", table)));
    }

    [SkippableFact]
    public async Task A_new_step_is_applied_on_the_next_start_and_old_steps_are_not_repeated()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await database.Open(All()).EnsureReadyAsync(CancellationToken.None);
        var stateSteps = PostgresStateSchema.Migrations.Count(m => m.Module == "state");
        var extended = All().Append(new PostgresSchemaMigration("state", stateSteps + 1, "test column",
            "ALTER TABLE bot_state ADD COLUMN note text"));

        await database.Open(extended).EnsureReadyAsync(CancellationToken.None);
        await database.Open(extended).EnsureReadyAsync(CancellationToken.None);

        Assert.Equal(stateSteps + 1L,
            await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version WHERE module = 'state'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'bot_state' AND column_name = 'note'"));
    }
}
