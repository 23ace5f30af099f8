namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>
/// Caps how often a case's plain user messages are relayed to the operators and the hotline: at most
/// <c>max</c> notifications per minute-long window. Past the cap a message is still stored at once, but its
/// notification is due when the next window opens, together with every other message held until then (the outbox
/// delivers a run of due user messages as one, "+K tin nhắn"). The held batch takes the first slot of that window.
/// A disclosure or a decline is never windowed.
/// </summary>
public static class RelayWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    /// <summary>The window after a message at <paramref name="now"/>, and when its notification is due.</summary>
    /// <param name="start">When the case's current window opened (null: never relayed); in the future while a held
    /// batch waits for it.</param>
    /// <param name="count">Notifications already due in that window.</param>
    /// <param name="max">At most this many a window; 0 or less: no cap.</param>
    public static Slot Next(DateTimeOffset? start, int count, DateTimeOffset now, int max)
    {
        if (max <= 0) return new Slot(now, 0, now);
        if (start is not { } opened || now >= opened + Length) return new Slot(now, 1, now);
        // A batch is already held for a window that has not opened yet: join it.
        if (now < opened) return new Slot(opened, count, opened);
        if (count < max) return new Slot(opened, count + 1, now);
        var next = opened + Length;
        return new Slot(next, 1, next);
    }

    /// <summary>The case's window after the message, and when the message's notification is due.</summary>
    public readonly record struct Slot(DateTimeOffset WindowStart, int Count, DateTimeOffset Due);
}
