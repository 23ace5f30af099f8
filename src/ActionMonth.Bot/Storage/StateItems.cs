namespace ActionMonth.Bot.Storage;

/// <summary>
/// A BotState cache's items (its property values and <c>eTag</c>) that may carry the document text they were just
/// serialised to (the tracked states make it with <c>StateDocumentFormat.Write</c> to tell whether anything changed),
/// so the store writes that text instead of serialising them a second time. Whoever sets <see cref="DocumentJson"/> clears it once the write is done; a store that does not
/// know this type sees an ordinary dictionary.
/// </summary>
public sealed class StateItems : Dictionary<string, object>
{
    public StateItems() : base(StringComparer.Ordinal)
    {
    }

    public string? DocumentJson { get; set; }
}
