using System.Data;
using System.Data.Common;

namespace ActionMonth.Bot.Storage;

/// <summary>Commands and typed parameters over System.Data.Common, so a store's SQL can be written once for SQLite
/// and PostgreSQL. Parameters are named without a prefix and written <c>@name</c> in the SQL: Npgsql strips the
/// prefix and Microsoft.Data.Sqlite tries each prefix. The DbType is set because Npgsql sends untyped nulls.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, string? value) =>
        command.With(name, DbType.String, value);

    public static DbCommand With(this DbCommand command, string name, long value) => command.With(name, DbType.Int64, value);

    public static DbCommand With(this DbCommand command, string name, int value) => command.With(name, DbType.Int32, value);

    public static DbCommand With(this DbCommand command, string name, int? value) => command.With(name, DbType.Int32, value);

    private static DbCommand With(this DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
