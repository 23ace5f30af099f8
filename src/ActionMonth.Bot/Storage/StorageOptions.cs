namespace ActionMonth.Bot.Storage;

/// <summary>The Storage section of the configuration (interfaces.md).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string DefaultConnectionString = "Data Source=data/actionmonth.db";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c> (a later issue).</summary>
    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>Conversation and user state untouched for this many days is deleted. The welcome message
    /// promises this number, so it is read from here and nowhere else.</summary>
    public int StateRetentionDays { get; set; } = 30;
}
