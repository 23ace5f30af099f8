namespace ActionMonth.Bot.Storage;

/// <summary>Which database Storage:Provider names: <c>Sqlite</c> (the default, one file, one instance) or
/// <c>Postgres</c> (shared by several instances). Every module registers its stores from this one answer.</summary>
public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static bool IsPostgres(IConfiguration configuration) => Parse(configuration[$"{StorageOptions.Section}:Provider"]) == Postgres;

    /// <summary>The canonical name; throws on anything but the two providers (a typo must not silently fall back to SQLite).</summary>
    public static string Parse(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase)) return Sqlite;
        if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            return Postgres;
        throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use '{Sqlite}' or '{Postgres}'.");
    }
}
