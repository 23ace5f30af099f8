namespace ActionMonth.Bot.DirectLine;

/// <summary>The DirectLine section of the configuration: the self-hosted Direct Line 3.0 subset the chat page uses.</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>How long a token is valid. Direct Line's own is 30 minutes; DirectLineJS refreshes every 15.</summary>
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>A posted activity above this many bytes is refused with 413. A 2,000-character message in
    /// Vietnamese with Web Chat's fields is about 8 KB.</summary>
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>Base64 HMAC key (at least 32 bytes) that signs tokens and the internal serviceUrl. Empty: a key is
    /// generated once and kept in the database, so every instance on that database shares it.</summary>
    public string TokenSigningKey { get; set; } = string.Empty;

    /// <summary>Transcripts idle for this long are deleted. The page keeps only the token, in session storage.</summary>
    public int TranscriptRetentionHours { get; set; } = 24;

    /// <summary>At most this many activities per GET; the client pages on with the watermark.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The bot's display name on its activities.</summary>
    public string BotName { get; set; } = "ActionMonth.Bot";
}
