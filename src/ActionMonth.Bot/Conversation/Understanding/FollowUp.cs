namespace ActionMonth.Bot.Conversation.Understanding;

public enum FollowUpKind { None, Clause, Article, Elaborate, Contextual, Summary, Example }

/// <summary>A message that only makes sense with the article the conversation is about: "còn khoản 2 thì sao?"
/// (Clause), "điều 27 thì sao?" (Article, same document), "nói rõ hơn" (Elaborate), or a question pointing back
/// at it, "điều đó áp dụng cho ai?" (Contextual: searched again with the article's title put in), "tóm tắt" (Summary),
/// "ví dụ?" (Example).</summary>
public sealed record FollowUp(FollowUpKind Kind, int? Article = null, int? Clause = null, string? Anaphor = null)
{
    public static FollowUp None { get; } = new(FollowUpKind.None);
}
