using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActionMonth.Bot.Tests.Storage;

/// <summary>How the PostgreSQL connection string is read (no server needed: nothing connects until first use).</summary>
public sealed class PostgresDatabaseSettingsTests
{
    private static PostgresDatabase Open(string connectionString) => new(connectionString, [], NullLogger<PostgresDatabase>.Instance);

    [Fact]
    public async Task Each_instance_keeps_to_a_pool_share_unless_the_connection_string_sets_one()
    {
        await using var defaulted = Open("Host=db.example.internal;Database=actionmonth;Username=bot;Password=p");
        Assert.Equal(PostgresDatabase.DefaultMaxPoolSize, defaulted.MaxPoolSize);
        await using var spelled = Open("Host=db.example.internal;Database=actionmonth;Username=bot;Password=p;Maximum Pool Size=50");
        Assert.Equal(50, spelled.MaxPoolSize);
        await using var shortName = Open("Host=db.example.internal;Database=actionmonth;Username=bot;Password=p;MaxPoolSize=7");
        Assert.Equal(7, shortName.MaxPoolSize);
    }

    [Fact]
    public void A_connection_string_that_is_not_PostgreSQL_is_refused_without_quoting_it()
    {
        var sqlite = Assert.Throws<InvalidOperationException>(() => Open("Data Source=data/actionmonth.db"));
        Assert.DoesNotContain("actionmonth.db", sqlite.Message, StringComparison.Ordinal);
        var secret = Assert.Throws<InvalidOperationException>(() => Open("Host=db;Password=hunter2;Bogus Key=1"));
        Assert.DoesNotContain("hunter2", secret.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Sqlite")]
    [InlineData("", "Sqlite")]
    [InlineData("sqlite", "Sqlite")]
    [InlineData("Postgres", "Postgres")]
    [InlineData("postgresql", "Postgres")]
    public void The_provider_name_is_read_case_insensitively(string? configured, string expected) =>
        Assert.Equal(expected, StorageProviders.Parse(configured));

    [Fact]
    public void An_unknown_provider_stops_the_start_instead_of_falling_back_to_SQLite() =>
        Assert.Contains("'Postgress'", Assert.Throws<InvalidOperationException>(() => StorageProviders.Parse("Postgress")).Message, StringComparison.Ordinal);
}
