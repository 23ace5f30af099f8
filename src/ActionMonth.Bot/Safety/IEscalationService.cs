using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Safety;

/// <summary>
/// The seam to escalation (issue 5 §3–6), implemented by the escalation work, not here. The safety gate calls
/// <see cref="OpenCaseAsync"/> for every urgent or emergency disclosure before it sends the safety reply, and the
/// bot calls <see cref="TryRouteToOpenCaseAsync"/> as step 2 of every message turn. When no implementation is
/// registered the gate opens no case and says so honestly in its reply (it cannot alert anyone itself).
/// </summary>
public interface IEscalationService
{
    /// <summary>Stores the case durably and queues the hotline notification, then returns it. The same inbound
    /// activity twice must give the same case. May throw; the gate still sends the safety reply.</summary>
    Task<EscalationCase> OpenCaseAsync(ITurnContext turnContext, DisclosureAssessment assessment, CancellationToken cancellationToken);

    /// <summary>When this conversation has an open case, passes the message on to it. Returns true when the turn is
    /// done (an operator is handling the case, or the message was about the counsellor itself); false when the Q&amp;A
    /// must answer it (no open case, or a case still waiting for an operator).</summary>
    Task<bool> TryRouteToOpenCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>An escalation case as the reply needs it (interfaces.md: the actionmonth/escalation entity).</summary>
public sealed record EscalationCase(string CaseId, DisclosureLevel Level, DisclosureCategory Category);

/// <summary>Whether an <see cref="IEscalationService"/> is registered, and which. Injected instead of the service
/// itself so that the bot works, and says the right thing, with or without it.</summary>
public sealed class EscalationAvailability(IEnumerable<IEscalationService> services)
{
    public IEscalationService? Service { get; } = services.LastOrDefault();
    public bool Enabled => Service is not null;
}
