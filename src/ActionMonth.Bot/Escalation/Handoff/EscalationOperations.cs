using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Outbox;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Handoff;

/// <summary>
/// What operators do with cases (claim, write to the user, close), for the operator API and the operators'
/// Telegram chat alike. Each action is checked and applied in one transaction with its audit row and the
/// messages it causes (to the user by proactive message, to the hotline's system as a status change), which the
/// outbox then delivers. Operator ids are free-form but required ("telegram:12345", "api:lan"); they are audited
/// and logged, the text never is.
/// </summary>
public sealed class EscalationOperations(
    ICaseStore store,
    OutboxSignal signal,
    IOptionsMonitor<EscalationOptions> options,
    TimeProvider time,
    ILogger<EscalationOperations> logger) : IEscalationOperations
{
    public const int MaxOperatorIdLength = 128;

    public async Task<OperatorActionResult> ClaimAsync(string caseId, string operatorId, CancellationToken cancellationToken)
    {
        Check(caseId, operatorId);
        var outcome = await store.ClaimAsync(caseId, operatorId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Done("claim", caseId, operatorId, outcome.Result);
    }

    public async Task<OperatorActionResult> SendToUserAsync(string caseId, string operatorId, string text, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        Check(caseId, operatorId);
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("The message is empty.", nameof(text));
        var limit = Math.Max(1, options.CurrentValue.MessageMaxLength);
        if (text.Length > limit) throw new ArgumentException($"The message is longer than {limit} characters.", nameof(text));
        var outcome = await store.AddOperatorMessageAsync(caseId, operatorId, text.Trim(), idempotencyKey, time.GetUtcNow(),
            cancellationToken).ConfigureAwait(false);
        return Done("message", caseId, operatorId, outcome.Result);
    }

    public async Task<OperatorActionResult> CloseAsync(string caseId, string operatorId, CancellationToken cancellationToken)
    {
        Check(caseId, operatorId);
        var outcome = await store.CloseAsync(caseId, operatorId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return Done("close", caseId, operatorId, outcome.Result);
    }

    private OperatorActionResult Done(string action, string caseId, string operatorId, OperatorActionResult result)
    {
        if (result == OperatorActionResult.Done) signal.Notify();
        logger.LogInformation("Operator {OperatorId} {Action} on case {CaseId}: {Result}", operatorId, action, caseId, result);
        return result;
    }

    private static void Check(string caseId, string operatorId)
    {
        if (string.IsNullOrWhiteSpace(caseId)) throw new ArgumentException("A case id is required.", nameof(caseId));
        if (string.IsNullOrWhiteSpace(operatorId)) throw new ArgumentException("An operator id is required.", nameof(operatorId));
        if (operatorId.Length > MaxOperatorIdLength || operatorId.Any(char.IsControl))
            throw new ArgumentException($"The operator id must be at most {MaxOperatorIdLength} printable characters.", nameof(operatorId));
    }
}
