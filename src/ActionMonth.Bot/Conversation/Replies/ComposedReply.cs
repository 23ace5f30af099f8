using System.Security.Cryptography;
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
    private const int IdBytes = 6;
    private const int IdsPerFill = 64;

    // Cryptographically random bytes, drawn 64 ids at a time: one call into the system's generator costs
    // microseconds, about as much as composing the rest of an answer. Each byte is used once, then cleared.
    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _next;

    /// <summary>True for a value shaped like <see cref="NewAnswerId"/>'s ids: a button value edited by hand is not
    /// stored as feedback on an answer that never was.</summary>
    public static bool IsAnswerId(string? value) =>
        value is { Length: IdBytes * 2 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string NewAnswerId()
    {
        var random = _random;
        if (random is null || _next == random.Length)
        {
            random ??= _random = new byte[IdBytes * IdsPerFill];
            RandomNumberGenerator.Fill(random);
            _next = 0;
        }
        var bytes = random.AsSpan(_next, IdBytes);
        _next += IdBytes;
        var id = Convert.ToHexStringLower(bytes);
        bytes.Clear();
        return id;
    }
}
