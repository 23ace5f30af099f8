using System.Data.Common;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>How an escalation_case row is selected and read, the same on SQLite and PostgreSQL; the outbox stores
/// read a case beside each outbox row with it.</summary>
internal static class CaseRows
{
    public const string Columns = """
        case_id, channel_id, conversation_id, conversation_reference, level, category, reporter, cues, language, status,
        created_at, updated_at, notified_at, claimed_by, claimed_at, closed_by, closed_at, claim_timed_out_at, categories, declined_at,
        last_activity_at
        """;

    /// <summary>Reads <see cref="Columns"/> followed by the excerpt (or NULL), from <paramref name="offset"/> on.</summary>
    public static CaseRecord Read(DbDataReader reader, int offset = 0) => new(
        reader.GetString(offset + 0),
        reader.GetString(offset + 1),
        reader.GetString(offset + 2),
        EscalationValues.StringOrNull(reader, offset + 3),
        EscalationValues.ParseLevel(reader.GetString(offset + 4)),
        EscalationValues.ParseCategory(reader.GetString(offset + 5)),
        EscalationValues.ParseReporter(reader.GetString(offset + 6)),
        reader.GetString(offset + 7).Split(',', StringSplitOptions.RemoveEmptyEntries),
        reader.GetString(offset + 8),
        EscalationValues.ParseStatus(reader.GetString(offset + 9)),
        EscalationValues.Time(reader.GetInt64(offset + 10)),
        EscalationValues.Time(reader.GetInt64(offset + 11)),
        EscalationValues.TimeOrNull(reader, offset + 12),
        EscalationValues.StringOrNull(reader, offset + 13),
        EscalationValues.TimeOrNull(reader, offset + 14),
        EscalationValues.StringOrNull(reader, offset + 15),
        EscalationValues.TimeOrNull(reader, offset + 16),
        EscalationValues.TimeOrNull(reader, offset + 17),
        EscalationValues.ParseCategories(EscalationValues.StringOrNull(reader, offset + 18), reader.GetString(offset + 5)),
        EscalationValues.TimeOrNull(reader, offset + 19),
        EscalationValues.TimeOrNull(reader, offset + 20) ?? EscalationValues.Time(reader.GetInt64(offset + 10)),
        EscalationValues.StringOrNull(reader, offset + 21));
}
