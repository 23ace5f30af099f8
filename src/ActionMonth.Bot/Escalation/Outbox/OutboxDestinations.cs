namespace ActionMonth.Bot.Escalation.Outbox;

/// <summary>The outbox's destination names besides the operator channels' own names ("webhook",
/// "telegram-operators"): the user's conversation, reached by proactive message.</summary>
public static class OutboxDestinations
{
    public const string User = "user";
}

/// <summary>What an outbox row for the user's conversation says.</summary>
public enum UserNotice
{
    /// <summary>A counsellor has taken the case.</summary>
    Claimed,
    /// <summary>A counsellor's words.</summary>
    OperatorMessage,
    /// <summary>Nobody has claimed the case in time: 111 again.</summary>
    ClaimTimedOut,
    /// <summary>The conversation with the counsellor has ended: 111 again.</summary>
    Closed,
}
