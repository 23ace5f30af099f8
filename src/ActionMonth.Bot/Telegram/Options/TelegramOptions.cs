using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ActionMonth.Bot.Telegram.Options;

/// <summary>How updates reach us: we ask Telegram (long polling) or Telegram posts them to /api/telegram.</summary>
public enum TelegramMode { Polling, Webhook }

/// <summary>
/// The Telegram section (interfaces.md: Token, ApiBaseUrl, Mode, WebhookUrl, WebhookSecret), plus tuning knobs with
/// production defaults that tests shorten. Telegram is off when <see cref="Token"/> is empty.
/// </summary>
public sealed partial class TelegramOptions : IValidatableObject
{
    public const string Section = "Telegram";

    /// <summary>The bot token. A secret: it is never logged and never put in an exception message of ours.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Bot API base URL; empty means Telegram's. Only scheme and authority are used (notes §4.1).</summary>
    public string ApiBaseUrl { get; set; } = string.Empty;

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token on every webhook POST.</summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>Long-poll time of getUpdates, in seconds.</summary>
    public int PollingTimeoutSeconds { get; set; } = 30;

    /// <summary>First wait after a failed poll; doubles on each failure up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Minimum gap between two messages to one chat (Telegram allows about one a second).</summary>
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>429 answers with retry_after up to this many seconds are waited out by Telegram.Bot itself; longer
    /// ones are waited out by us (<see cref="MaxRetryAfterWait"/>), never dropped.</summary>
    public int LibraryRetryThresholdSeconds { get; set; } = 60;

    /// <summary>The longest total time one request waits for 429s before the failure counts as transient.</summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an inline button keeps working.</summary>
    public int ButtonLifetimeDays { get; set; } = 30;

    /// <summary>An update whose replies cannot be delivered is retried this many times, then given up (logged).</summary>
    public int MaxAttemptsPerUpdate { get; set; } = 20;

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!TokenPattern().IsMatch(Token))
            yield return new ValidationResult("Telegram:Token must look like <digits>:<secret>.", [nameof(Token)]);
        if (!string.IsNullOrWhiteSpace(ApiBaseUrl) && !Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _))
            yield return new ValidationResult("Telegram:ApiBaseUrl must be an absolute URL.", [nameof(ApiBaseUrl)]);
        if (PollingTimeoutSeconds is < 0 or > 600)
            yield return new ValidationResult("Telegram:PollingTimeoutSeconds must be 0–600.", [nameof(PollingTimeoutSeconds)]);
        if (Mode != TelegramMode.Webhook) yield break;
        // A webhook without its secret would accept updates from anyone who finds the URL.
        if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out _))
            yield return new ValidationResult("Telegram:WebhookUrl must be an absolute URL in webhook mode.", [nameof(WebhookUrl)]);
        if (!SecretPattern().IsMatch(WebhookSecret))
            yield return new ValidationResult("Telegram:WebhookSecret must be 1–256 characters of A-Z a-z 0-9 _ - in webhook mode.",
                [nameof(WebhookSecret)]);
    }

    [GeneratedRegex(@"^\d{1,16}:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
