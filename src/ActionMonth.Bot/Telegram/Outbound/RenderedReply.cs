using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Telegram.Outbound;

/// <summary>A button of a rendered reply: a link (http, https or tg URL) or a bot action sent back when pressed.</summary>
public sealed record ReplyButton(string Text, string? Url = null, CardAction? Action = null);

/// <summary>A bot reply as Telegram messages: HTML pieces of at most 4,096 characters each and the inline keyboard
/// that goes under the last piece.</summary>
public sealed record RenderedReply(IReadOnlyList<string> Pieces, IReadOnlyList<IReadOnlyList<ReplyButton>> Keyboard)
{
    public bool IsEmpty => Pieces.Count == 0;
}
