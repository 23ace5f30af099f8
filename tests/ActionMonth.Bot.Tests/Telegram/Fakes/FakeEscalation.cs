using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram.Fakes;

/// <summary>
/// An in-test stand-in for the escalation flow (built on its own branch against Escalation/Contracts.cs), just
/// enough to drive the Telegram side end to end: a case per inbound activity, notifications pushed to the
/// registered IEscalationNotificationChannels (in the background, as an outbox would), user messages routed to the
/// case while it is open, and claim / send-to-user / close with the contract's results. Operator replies go through
/// the real ProactiveMessenger. Not a claim about the real escalation service.
/// </summary>
public sealed class FakeEscalation(IServiceProvider services) : IEscalationService, IEscalationOperations
{
    private readonly ConcurrentDictionary<string, FakeCase> _cases = new();
    private readonly ConcurrentQueue<Task> _deliveries = new();
    private int _notifications;

    public IReadOnlyCollection<FakeCase> Cases => _cases.Values.ToList();

    public ConcurrentQueue<string> Audit { get; } = new();

    public ConcurrentQueue<Exception> DeliveryFailures { get; } = new();

    public Task<EscalationCase> OpenCaseAsync(ITurnContext turnContext, DisclosureAssessment assessment, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var caseId = "case-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{activity.ChannelId}/{activity.Id}")))[..10].ToLowerInvariant();
        var created = false;
        var fake = _cases.GetOrAdd(caseId, id =>
        {
            created = true;
            return new FakeCase(id, activity.GetConversationReference(), assessment.Level, assessment.Category, activity.ChannelId,
                DateTimeOffset.UtcNow);
        });
        if (created) Notify(fake, NotificationKind.CaseOpened, activity.Text);
        return Task.FromResult(new EscalationCase(fake.CaseId, fake.Level, fake.Category));
    }

    public Task<bool> TryRouteToOpenCaseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var open = _cases.Values.FirstOrDefault(c => c.Status != CaseStatus.Closed && c.Reference.ChannelId == activity.ChannelId
                                                     && c.Reference.Conversation.Id == activity.Conversation.Id);
        if (open is null) return Task.FromResult(false);
        Notify(open, NotificationKind.UserMessage, activity.Text);
        return Task.FromResult(true);
    }

    public Task<OperatorActionResult> ClaimAsync(string caseId, string operatorId, CancellationToken cancellationToken)
    {
        Audit.Enqueue($"claim {caseId} {operatorId}");
        if (!_cases.TryGetValue(caseId, out var fake)) return Task.FromResult(OperatorActionResult.NotFound);
        lock (fake)
        {
            if (fake.Status == CaseStatus.Closed) return Task.FromResult(OperatorActionResult.AlreadyClosed);
            if (fake.ClaimedBy is not null && fake.ClaimedBy != operatorId) return Task.FromResult(OperatorActionResult.AlreadyClaimedByAnother);
            fake.ClaimedBy = operatorId;
            fake.Status = CaseStatus.Claimed;
        }
        Notify(fake, NotificationKind.StatusChanged, null);
        return Task.FromResult(OperatorActionResult.Done);
    }

    public async Task<OperatorActionResult> SendToUserAsync(string caseId, string operatorId, string text, CancellationToken cancellationToken)
    {
        Audit.Enqueue($"send {caseId} {operatorId}");
        if (!_cases.TryGetValue(caseId, out var fake)) return OperatorActionResult.NotFound;
        if (fake.Status == CaseStatus.Closed) return OperatorActionResult.AlreadyClosed;
        if (fake.ClaimedBy is null) return OperatorActionResult.NotClaimed;
        if (fake.ClaimedBy != operatorId) return OperatorActionResult.AlreadyClaimedByAnother;
        await services.GetRequiredService<ProactiveMessenger>().ContinueConversationAsync(fake.Reference,
            (context, ct) => context.SendActivityAsync(MessageFactory.Text("Tư vấn viên: " + text), ct), cancellationToken);
        return OperatorActionResult.Done;
    }

    public Task<OperatorActionResult> CloseAsync(string caseId, string operatorId, CancellationToken cancellationToken)
    {
        Audit.Enqueue($"close {caseId} {operatorId}");
        if (!_cases.TryGetValue(caseId, out var fake)) return Task.FromResult(OperatorActionResult.NotFound);
        if (fake.Status == CaseStatus.Closed) return Task.FromResult(OperatorActionResult.AlreadyClosed);
        fake.Status = CaseStatus.Closed;
        Notify(fake, NotificationKind.StatusChanged, null);
        return Task.FromResult(OperatorActionResult.Done);
    }

    /// <summary>Waits for every notification started so far to have been delivered (or to have failed).</summary>
    public async Task DrainAsync()
    {
        while (_deliveries.TryDequeue(out var delivery)) await delivery;
    }

    private void Notify(FakeCase fake, NotificationKind kind, string? text)
    {
        var notification = new EscalationNotification($"n{Interlocked.Increment(ref _notifications)}-{fake.CaseId}", fake.CaseId, kind,
            fake.Level, fake.Category, fake.Channel, fake.Status, fake.CreatedAt, text);
        var channels = services.GetServices<IEscalationNotificationChannel>().Where(c => c.IsConfigured && c.Accepts(kind)).ToList();
        _deliveries.Enqueue(Task.Run(async () =>
        {
            foreach (var channel in channels)
            {
                try
                {
                    await channel.DeliverAsync(notification, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    DeliveryFailures.Enqueue(ex);
                }
            }
        }));
    }
}

public sealed class FakeCase(string caseId, ConversationReference reference, DisclosureLevel level, DisclosureCategory category,
    string channel, DateTimeOffset createdAt)
{
    public string CaseId { get; } = caseId;
    public ConversationReference Reference { get; } = reference;
    public DisclosureLevel Level { get; } = level;
    public DisclosureCategory Category { get; } = category;
    public string Channel { get; } = channel;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public CaseStatus Status { get; set; } = CaseStatus.New;
    public string? ClaimedBy { get; set; }
}
