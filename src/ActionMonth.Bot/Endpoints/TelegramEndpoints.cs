using System.Text.Json;
using ActionMonth.Bot.Telegram.Inbound;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Receiving;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ActionMonth.Bot.Endpoints;

/// <summary>
/// POST /api/telegram, the Telegram webhook (interfaces.md), mapped only in webhook mode with a token (otherwise the
/// route does not exist: 404). The secret header is checked first (TelegramSecretFilter: 401, nothing read); the
/// update is then handled before the answer, so 200 means handled (or handled before: duplicates are ignored by
/// update id) and 503 means "send it again", which Telegram does.
/// </summary>
public static class TelegramEndpoints
{
    public const string Route = "/api/telegram";
    private const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapTelegramEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
        if (!options.Enabled || options.Mode != TelegramMode.Webhook) return endpoints;
        endpoints.MapPost(Route, ReceiveAsync)
            .AddEndpointFilter<TelegramSecretFilter>()
            .DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, TelegramUpdateDispatcher dispatcher,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        if (request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(request.Body, JsonBotAPI.Options, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (JsonException)
        {
            update = null;
        }
        if (update is null || update.Id <= 0)
        {
            loggers.CreateLogger(typeof(TelegramEndpoints)).LogWarning("Telegram webhook body is not an update");
            return Results.BadRequest();
        }

        // The turn must not be cut short if Telegram hangs up: it runs to the end unless the host stops.
        var outcome = await dispatcher.DispatchAsync(update, lifetime.ApplicationStopping).ConfigureAwait(false);
        return outcome == UpdateOutcome.Retry ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok();
    }
}
