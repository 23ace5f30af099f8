using ActionMonth.Bot.WebChat;

namespace ActionMonth.Bot.Hardening;

/// <summary>
/// Headers on every response of the host (the page sets its own CSP first): no MIME sniffing, no referrer (links out
/// of the page, the quick exit included, do not tell the next site where the user came from), no framing, no
/// window.opener link with other sites, and no camera, microphone or location. JSON and files get a CSP that lets
/// nothing run, and nothing outside our origin may embed them. HSTS is added separately (UseHsts) on https.
/// Registered first in the pipeline, so responses cut short (429, 413, 401) carry them too.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // A static callback with the response as its state, and no async frame here: nothing is allocated per request
            // for the headers beyond what OnStarting keeps.
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                headers["X-Permitted-Cross-Domain-Policies"] = "none";
                if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy.Default;
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
