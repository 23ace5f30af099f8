using System.Security.Cryptography;
using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Safety;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>
/// GET /: the chat page, wwwroot/index.html with its few server values filled in (the CSP nonce, where the quick exit
/// goes, how long transcripts are kept, and what happens to a disclosure, which depends on whether escalation is on).
/// Never cached: a page that is not in the browser's cache is one less trace on a shared device.
/// </summary>
public sealed class WebChatPage(WebChatFiles files, ContentSecurityPolicy policy, IOptions<WebChatOptions> options,
    IOptions<DirectLineOptions> directLine, EscalationAvailability escalation, IOptions<EscalationOptions> escalationOptions)
{
    private string? _template;

    public async Task<IResult> RenderAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var template = _template ??= await ReadTemplateAsync(files.Provider.GetFileInfo("index.html"), cancellationToken).ConfigureAwait(false);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = template
            .Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{quickExitUrl}}", Escape(options.Value.QuickExitUrl), StringComparison.Ordinal)
            .Replace("{{retentionHours}}", Math.Max(1, directLine.Value.TranscriptRetentionHours).ToString(), StringComparison.Ordinal)
            .Replace("{{escalationNote}}", Escape(EscalationNote()), StringComparison.Ordinal);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = policy.ForPage(nonce);
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>Only what is true here: with escalation on, a case is opened and its excerpt kept for the configured
    /// days; without it, nobody is alerted by this service.</summary>
    private string EscalationNote() => escalation.Enabled
        ? "Nếu bạn kể rằng một trẻ em đang bị hại, tư vấn viên được báo để giúp, và một đoạn ngắn của tin nhắn đó được giữ "
          + $"cho họ tối đa {Math.Max(1, escalationOptions.Value.ExcerptRetentionDays)} ngày."
        : "Trang này không tự báo cho ai. Nếu một trẻ em đang bị hại, hãy gọi 111.";

    /// <summary>HTML escaping that leaves Vietnamese letters as they are (WebUtility would turn "à" into "&amp;#224;").</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static async Task<string> ReadTemplateAsync(IFileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists) throw new FileNotFoundException("The chat page (wwwroot/index.html) is missing from the application's files.");
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
