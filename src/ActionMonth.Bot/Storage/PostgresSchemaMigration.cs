namespace ActionMonth.Bot.Storage;

/// <summary>One step of a module's schema on PostgreSQL: the same idea as <see cref="SchemaMigration"/> (each module
/// numbers its own steps from 1; missing steps are applied in order, each in a transaction, and recorded in
/// schema_version), in PostgreSQL's dialect. Register with <c>services.AddSingleton(new PostgresSchemaMigration(...))</c>;
/// a module keeps its SQLite and PostgreSQL steps in step, version for version.</summary>
public sealed record PostgresSchemaMigration(string Module, int Version, string Description, string Sql);
