namespace ActionMonth.Bot.Storage;

/// <summary>The Storage section of the configuration (interfaces.md).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string DefaultConnectionString = "Data Source=data/actionmonth.db";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c> (several instances on one database).</summary>
    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>Conversation and user state untouched for this many days is deleted. The welcome message
    /// promises this number, so it is read from here and nowhere else.</summary>
    public int StateRetentionDays { get; set; } = 30;

    /// <summary>How long a role only one instance may play (Telegram long polling) stays with an instance that stops
    /// renewing it: the takeover time after a crash. Renewed every third of it.</summary>
    public double LeaseSeconds { get; set; } = 20;
}
