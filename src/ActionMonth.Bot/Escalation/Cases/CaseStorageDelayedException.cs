namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>The case could not be stored within the safety reply's time budget (database locked, full, or
/// failing). It is kept in memory and stored as soon as possible (<see cref="CaseRescueQueue"/>); the safety gate
/// sends its reply without claiming that anyone was alerted.</summary>
public sealed class CaseStorageDelayedException(string caseId)
    : Exception($"Escalation case {caseId} is not stored yet; it is kept in memory and retried.")
{
    public string CaseId { get; } = caseId;
}
