namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>What the inbox says about an update we are about to handle.</summary>
public enum UpdateAdmission
{
    /// <summary>First time, or an earlier attempt failed: handle it now.</summary>
    Handle,
    /// <summary>Handled (or given up) before: a duplicate delivery, ignore it.</summary>
    Duplicate,
    /// <summary>Another attempt is handling it right now (another request or instance): try again later.</summary>
    Busy,
}

/// <summary>
/// Which Telegram updates have been handled, by update id, so that a webhook redelivery or a getUpdates batch
/// re-fetched after a partial failure is handled once. Holds ids and states only.
/// </summary>
public interface ITelegramUpdateInbox
{
    Task<(UpdateAdmission Admission, int Attempt)> AdmitAsync(long botId, long updateId, CancellationToken cancellationToken);

    Task CompleteAsync(long botId, long updateId, bool dropped, CancellationToken cancellationToken);

    /// <summary>The attempt failed in a way worth retrying: the next delivery handles it again.</summary>
    Task ReleaseAsync(long botId, long updateId, CancellationToken cancellationToken);
}
