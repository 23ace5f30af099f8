using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.WebChat;

/// <summary>GET / (the page) and POST /api/webchat/token (the page's Direct Line connection, ours or Azure's).</summary>
public static class WebChatEndpoints
{
    public static IEndpointRouteBuilder MapWebChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, WebChatPage page, CancellationToken cancellationToken) => page.RenderAsync(context, cancellationToken));
        endpoints.MapGet("/index.html", (HttpContext context, WebChatPage page, CancellationToken cancellationToken) =>
            page.RenderAsync(context, cancellationToken));
        endpoints.MapPost("/api/webchat/token", async (HttpContext context, IWebChatConnectionSource source, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            try
            {
                return Results.Json(await source.CreateAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (DirectLineUnavailableException ex)
            {
                return Results.Json(new { error = new { code = "DirectLineUnavailable", message = ex.Message } },
                    statusCode: StatusCodes.Status502BadGateway);
            }
        }).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>Serves the page's files (css/, js/, lib/) from <see cref="WebChatFiles"/>; revalidated on each use.</summary>
    public static IApplicationBuilder UseWebChatFiles(this IApplicationBuilder app)
    {
        var files = app.ApplicationServices.GetRequiredService<WebChatFiles>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files.Provider,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }

    public static bool UsesAzure(this IServiceProvider services) => services.GetRequiredService<IOptions<WebChatOptions>>().Value.UsesAzure;
}
