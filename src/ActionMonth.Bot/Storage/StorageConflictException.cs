namespace ActionMonth.Bot.Storage;

/// <summary>A write carried an ETag that no longer matches the stored item: someone else changed it since it
/// was read (optimistic concurrency). The key is a storage key, never message text.</summary>
public sealed class StorageConflictException(string key)
    : Exception($"The stored item '{key}' changed since it was read (ETag mismatch).")
{
    public string Key { get; } = key;
}
