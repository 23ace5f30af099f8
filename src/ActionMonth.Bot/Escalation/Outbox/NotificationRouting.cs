namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>Which configured operator channels get which kind of notification: decided when the outbox rows are
/// written (in the same transaction as the case change), so a row exists for every destination that must hear.</summary>
public sealed class NotificationRouting(IEnumerable<IEscalationNotificationChannel> channels)
{
    private readonly IReadOnlyList<IEscalationNotificationChannel> _channels =
        channels.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    /// <summary>The names of the configured channels that accept <paramref name="kind"/>.</summary>
    public IReadOnlyList<string> DestinationsFor(NotificationKind kind) =>
        _channels.Where(c => c.IsConfigured && c.Accepts(kind)).Select(c => c.Name).ToList();

    public IEscalationNotificationChannel? Channel(string name) =>
        _channels.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public IReadOnlyList<string> ConfiguredChannels => _channels.Where(c => c.IsConfigured).Select(c => c.Name).ToList();
}
