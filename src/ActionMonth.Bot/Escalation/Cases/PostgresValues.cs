using Npgsql;
using NpgsqlTypes;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>Parameters and reads for the escalation tables on PostgreSQL; values are stored as on SQLite
/// (<see cref="SqliteValues"/>: Unix milliseconds, enums by name, statuses in lower case).</summary>
internal static class PostgresValues
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value });
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = value });
        return command;
    }

    public static DateTimeOffset? TimeOrNull(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqliteValues.Time(reader.GetInt64(ordinal));

    public static string? StringOrNull(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A 64-bit advisory lock key for a name (the first 8 bytes of its SHA-256): the same on every instance.</summary>
    public static long LockKey(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)), 0);
}
