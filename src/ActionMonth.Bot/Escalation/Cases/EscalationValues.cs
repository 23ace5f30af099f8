using System.Data.Common;
using System.Globalization;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>How the escalation tables store values, on SQLite and PostgreSQL alike: times as Unix milliseconds, enums
/// by name, statuses in lower case (as the API and the webhook show them).</summary>
internal static class EscalationValues
{
    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static DateTimeOffset? TimeOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Time(reader.GetInt64(ordinal));

    public static string? StringOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static string Status(CaseStatus status) => status.ToString().ToLowerInvariant();

    public static CaseStatus ParseStatus(string value) => Enum.Parse<CaseStatus>(value, ignoreCase: true);

    public static DisclosureLevel ParseLevel(string value) => Enum.Parse<DisclosureLevel>(value, ignoreCase: true);

    public static DisclosureCategory ParseCategory(string value) => Enum.Parse<DisclosureCategory>(value, ignoreCase: true);

    /// <summary>The categories column (names, comma-separated, in the order they were told); a case stored before the
    /// column existed has its one category.</summary>
    public static IReadOnlyList<DisclosureCategory> ParseCategories(string? value, string category) =>
        (string.IsNullOrWhiteSpace(value) ? category : value)
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseCategory).Distinct().ToList();

    public static string Categories(IEnumerable<DisclosureCategory> categories) => string.Join(",", categories.Distinct());

    public static Reporter ParseReporter(string value) => Enum.Parse<Reporter>(value, ignoreCase: true);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
