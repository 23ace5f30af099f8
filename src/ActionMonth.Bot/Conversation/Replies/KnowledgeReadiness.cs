using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>
/// Whether the knowledge catalog can be read without waiting. The catalog blocks callers until the index has
/// loaded once (up to a minute at start); the safety reply, the welcome and the hotline list must never wait
/// for that, so they ask here first and fall back to what they know without it.
/// </summary>
public sealed class KnowledgeReadiness(KnowledgeIndex? index = null)
{
    public bool IsReady => index is null || index.IsLoaded;
}
