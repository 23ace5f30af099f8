using System.Buffers.Text;
using System.Security.Cryptography;

namespace ActionMonth.Bot.DirectLine;

/// <summary>The ids the self-hosted Direct Line hands out: unguessable conversation ids, user ids in the
/// <c>dl_</c> form that Web Chat reserves for ids embedded in a token, and activity ids <c>{conversation}|{n}</c>
/// as in the Direct Line documentation.</summary>
public static class DirectLineIds
{
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public static string ActivityId(string conversationId, long sequence) => $"{conversationId}|{sequence:D7}";

    /// <summary>Conversation ids are ours (22 base64url characters) or, for tests and other stores, at most 128 safe characters.</summary>
    public static bool IsWellFormedConversationId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
