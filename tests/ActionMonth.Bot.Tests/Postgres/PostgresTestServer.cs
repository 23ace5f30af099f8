using Npgsql;

namespace ActionMonth.Bot.Tests.Postgres;

/// <summary>
/// The PostgreSQL server the tests may use: ACTIONMONTH_POSTGRES, a connection string to a database the role can
/// create databases from (.ci/run sets it up). Without it the PostgreSQL tests are skipped with the reason; with
/// ACTIONMONTH_REQUIRE_POSTGRES=1 (set by .ci/run) a missing or unreachable server fails them instead.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "ACTIONMONTH_POSTGRES";
    public const string RequireVariable = "ACTIONMONTH_REQUIRE_POSTGRES";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips the calling test when there is no server to use, or fails it when one is required.</summary>
    public static string Require()
    {
        if (Unavailable.Value is { } reason)
        {
            if (Required) throw new InvalidOperationException($"{reason}, and {RequireVariable}=1 requires it.");
            Skip.If(true, $"{reason} (set {RequireVariable}=1 to fail instead)");
        }
        return ConnectionString!;
    }

    private static string? Probe()
    {
        if (ConnectionString is not { } connectionString) return $"{Variable} is not set: no PostgreSQL server to test against";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or TimeoutException)
        {
            // The message names host and port at most, never the password.
            return $"PostgreSQL named by {Variable} is not reachable ({ex.GetType().Name}: {ex.Message})";
        }
    }
}
