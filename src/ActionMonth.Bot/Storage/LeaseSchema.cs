namespace ActionMonth.Bot.Storage;

/// <summary>The "leases" module: named roles that exactly one instance holds at a time (e.g. Telegram long polling),
/// each row held by an owner until a time. The same SQL on SQLite and PostgreSQL.</summary>
public static class LeaseSchema
{
    public const string Module = "leases";
    public const string Description = "Instance leases: a named role held by one instance until a time";

    public const string Sql = """
        CREATE TABLE instance_lease (
            name        TEXT   NOT NULL PRIMARY KEY,
            owner       TEXT   NOT NULL,
            acquired_at BIGINT NOT NULL,
            expires_at  BIGINT NOT NULL);
        """;

    public static SchemaMigration Sqlite { get; } = new(Module, 1, Description, Sql);

    public static PostgresSchemaMigration Postgres { get; } = new(Module, 1, Description, Sql);
}
