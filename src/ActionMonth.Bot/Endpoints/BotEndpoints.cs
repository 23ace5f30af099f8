using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;

namespace ActionMonth.Bot.Endpoints;

/// <summary>POST /api/messages: the Bot Framework activity endpoint (interfaces.md).</summary>
public static class BotEndpoints
{
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot,
                CancellationToken cancellationToken) => adapter.ProcessAsync(request, response, bot, cancellationToken))
            .AddEndpointFilter<ActivityRequestFilter>()
            .DisableAntiforgery();
        return endpoints;
    }
}
