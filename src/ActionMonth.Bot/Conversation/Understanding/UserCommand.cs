using ActionMonth.Knowledge.Model;

namespace ActionMonth.Bot.Conversation.Understanding;

public enum CommandKind
{
    None,
    Start,
    Help,
    Hotlines,
    Restart,
    ChangeRole,
    ChooseRole,
    Language,
    Greeting,
    Thanks,
    Feedback,
    FullText,
    ConnectCounsellor,
    SafeNow,
    AskMore,
    AboutBot,
    Acknowledge,
}

/// <summary>What a short message or a button press asks the bot to do, when it is not a question.</summary>
public sealed record UserCommand(
    CommandKind Kind,
    Audience? Role = null,
    string? Language = null,
    int Vote = 0,
    string? AnswerId = null,
    string? CardId = null,
    string? Doc = null,
    int? Article = null,
    int? Clause = null)
{
    public static UserCommand None { get; } = new(CommandKind.None);
}
