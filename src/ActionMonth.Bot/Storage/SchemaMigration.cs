namespace ActionMonth.Bot.Storage;

/// <summary>One step of a module's schema. Each module (state, feedback, and later escalation cases and the
/// outbox) numbers its own steps from 1; the migrator applies the missing ones in order, each in a transaction,
/// and records them in the schema_version table. Register more with
/// <c>services.AddSingleton(new SchemaMigration(...))</c>.</summary>
public sealed record SchemaMigration(string Module, int Version, string Description, string Sql);
