using ActionMonth.Bot.Conversation.State;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>The messages of one reply, and what the conversation should remember about it.</summary>
public sealed record ComposedReply(
    IReadOnlyList<IActivity> Activities,
    AnswerRecord? Answer = null,
    ArticleReference? Article = null,
    bool ArticleExplained = false)
{
    public static string NewAnswerId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
