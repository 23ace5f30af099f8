using System.Net;
using System.Security.Cryptography;
using ActionMonth.Bot.DirectLine;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>
/// GET /: the chat page, wwwroot/index.html with its few server values filled in (the CSP nonce, where the quick exit
/// goes, how long transcripts are kept). Never cached: a page that is not in the browser's cache is one less trace
/// on a shared device.
/// </summary>
public sealed class WebChatPage(WebChatFiles files, ContentSecurityPolicy policy, IOptions<WebChatOptions> options,
    IOptions<DirectLineOptions> directLine)
{
    private string? _template;

    public async Task<IResult> RenderAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var template = _template ??= await ReadTemplateAsync(files.Provider.GetFileInfo("index.html"), cancellationToken).ConfigureAwait(false);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = template
            .Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{quickExitUrl}}", WebUtility.HtmlEncode(options.Value.QuickExitUrl), StringComparison.Ordinal)
            .Replace("{{retentionHours}}", Math.Max(1, directLine.Value.TranscriptRetentionHours).ToString(), StringComparison.Ordinal);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = policy.ForPage(nonce);
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<string> ReadTemplateAsync(IFileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists) throw new FileNotFoundException("The chat page (wwwroot/index.html) is missing from the application's files.");
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
