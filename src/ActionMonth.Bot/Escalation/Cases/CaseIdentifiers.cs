using System.Security.Cryptography;

namespace ActionMonth.Bot.Escalation.Cases;

/// <summary>Case ids operators can read aloud and type: the UTC date and ten Crockford base-32 characters (50
/// random bits), e.g. <c>20261129-7KQ2MX4D9A</c>. The inbound key ties a case to the activity that opened it.</summary>
public static class CaseIdentifiers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewCaseId(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> suffix = stackalloc char[10];
        for (var i = 0; i < suffix.Length; i++) suffix[i] = Alphabet[random[i] & 31];
        return $"{now.UtcDateTime:yyyyMMdd}-{suffix}";
    }

    /// <summary>Channel, conversation and activity id: the same inbound activity delivered twice has the same key.
    /// An activity without an id cannot be recognised again and gets a key of its own.</summary>
    public static string InboundKey(string? channelId, string? conversationId, string? activityId) =>
        $"{channelId}|{conversationId}|{(string.IsNullOrEmpty(activityId) ? "no-id:" + Guid.NewGuid().ToString("N") : activityId)}";
}
