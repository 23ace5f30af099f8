using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>
/// The page's Content-Security-Policy. Scripts: only our own files (no inline script, no eval). Styles: our file plus
/// Web Chat's runtime styles, which it inserts as &lt;style&gt; elements carrying the per-response nonce we pass it
/// (renderWebChat's <c>nonce</c>); and an empty style attribute, which Web Chat 4.18 sets (the hash of the empty
/// string, so no actual style can pass). Connections: our origin, plus Azure's Direct Line when it is the one in use.
/// Nothing may frame the page, and it may not be used as a form target or base-URL trick.
/// </summary>
public sealed class ContentSecurityPolicy(IOptions<WebChatOptions> options)
{
    /// <summary>For responses other than the page (files, JSON): allow nothing to run or frame them.</summary>
    public const string Default = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    // SHA-256 of "": Web Chat clears a style attribute once; this allows exactly that and nothing else.
    private const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    public string ForPage(string nonce)
    {
        var connect = "'self'";
        if (options.Value.UsesAzure && Uri.TryCreate(options.Value.DirectLineEndpoint, UriKind.Absolute, out var azure))
            connect += " " + azure.GetLeftPart(UriPartial.Authority);
        return string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            $"style-src 'self' 'nonce-{nonce}' 'unsafe-hashes' {EmptyStyleHash}",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' data: blob:",
            $"connect-src {connect}",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
            "frame-ancestors 'none'");
    }
}
