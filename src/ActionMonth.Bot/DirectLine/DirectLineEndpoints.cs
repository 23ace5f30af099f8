using System.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// The self-hosted Direct Line 3.0 subset Web Chat needs when it polls (notes-protocols §1): tokens/generate and
/// tokens/refresh, start and reconnect a conversation, GET activities by watermark, POST an activity (answered after
/// the bot's turn). Every call but generate needs a valid, unexpired token for the conversation it names: otherwise
/// 403 with Direct Line's error body. Responses are never cached.
/// </summary>
public static class DirectLineEndpoints
{
    public const string Prefix = "/v3/directline";

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(Prefix).DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context).ConfigureAwait(false);
        });
        group.MapPost("/tokens/generate", GenerateAsync);
        group.MapPost("/tokens/refresh", RefreshAsync);
        group.MapPost("/conversations", StartAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        return endpoints;
    }

    /// <summary>A token for a new conversation. Anyone may ask, as anyone may open the page; the client cannot choose
    /// the user id (a body's <c>user</c> is ignored): the server makes one and binds it into the token.</summary>
    private static async Task<IResult> GenerateAsync(DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var conversationId = DirectLineIds.NewConversationId();
        var token = await tokens.IssueAsync(conversationId, DirectLineIds.NewUserId(), cancellationToken).ConfigureAwait(false);
        return Results.Json(new { conversationId, token, expires_in = (int)tokens.Lifetime.TotalSeconds });
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, DirectLineTokens tokens, CancellationToken cancellationToken)
    {
        var (grant, error) = await AuthorizeAsync(request, tokens, conversationId: null, cancellationToken).ConfigureAwait(false);
        if (grant is null) return error!;
        var token = await tokens.IssueAsync(grant.ConversationId, grant.UserId, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { conversationId = grant.ConversationId, token, expires_in = (int)tokens.Lifetime.TotalSeconds });
    }

    /// <summary>201 when the conversation is created now (the bot's welcome is already in the stream), 200 when it existed.</summary>
    private static async Task<IResult> StartAsync(HttpRequest request, DirectLineTokens tokens, DirectLineChannel channel,
        CancellationToken cancellationToken)
    {
        var (grant, error) = await AuthorizeAsync(request, tokens, conversationId: null, cancellationToken).ConfigureAwait(false);
        if (grant is null) return error!;
        var created = await channel.EnsureStartedAsync(grant, cancellationToken).ConfigureAwait(false);
        return Results.Json(Conversation(request, grant), statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>Reconnect (Web Chat given a conversationId after a reload). A conversation purged since is started
    /// afresh, so the user gets a working chat and a welcome instead of a dead end.</summary>
    private static async Task<IResult> ReconnectAsync(string conversationId, HttpRequest request, DirectLineTokens tokens,
        DirectLineChannel channel, CancellationToken cancellationToken)
    {
        var (grant, error) = await AuthorizeAsync(request, tokens, conversationId, cancellationToken).ConfigureAwait(false);
        if (grant is null) return error!;
        await channel.EnsureStartedAsync(grant, cancellationToken).ConfigureAwait(false);
        return Results.Json(Conversation(request, grant));
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpRequest request,
        DirectLineTokens tokens, DirectLineChannel channel, CancellationToken cancellationToken)
    {
        var (grant, error) = await AuthorizeAsync(request, tokens, conversationId, cancellationToken).ConfigureAwait(false);
        if (grant is null) return error!;
        long after = 0;
        if (!string.IsNullOrEmpty(watermark) && (!long.TryParse(watermark, out after) || after < 0))
            return DirectLineError.Result(StatusCodes.Status400BadRequest, DirectLineError.BadArgument, "The watermark is not valid.");
        if (await channel.FindAsync(grant.ConversationId, cancellationToken).ConfigureAwait(false) is null)
            return DirectLineError.Result(StatusCodes.Status404NotFound, DirectLineError.NotFound, "The conversation does not exist.");

        var (activities, next) = await channel.ReadAsync(grant.ConversationId, after, cancellationToken).ConfigureAwait(false);
        // The stored JSON is spliced in as it is: no re-serialisation of what the bot or the client wrote.
        var body = new StringBuilder("{\"activities\":[");
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0) body.Append(',');
            body.Append(activities[i].Json);
        }
        body.Append("],\"watermark\":\"").Append(next).Append("\"}");
        return Results.Text(body.ToString(), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpRequest request, DirectLineTokens tokens,
        DirectLineChannel channel, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (grant, error) = await AuthorizeAsync(request, tokens, conversationId, cancellationToken).ConfigureAwait(false);
        if (grant is null) return error!;

        var limit = Math.Max(1024, options.Value.MaxActivityBytes);
        var json = await ReadBodyAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (json is null)
            return DirectLineError.Result(StatusCodes.Status413PayloadTooLarge, DirectLineError.TooLarge,
                $"The activity is larger than {limit} bytes.");
        if (DirectLineJson.ParseObject(json) is not { } activity)
            return DirectLineError.Result(StatusCodes.Status400BadRequest, DirectLineError.BadArgument, "The body must be one activity (a JSON object).");
        var type = activity.Value<string>("type");
        if (!DirectLineActivities.IsAcceptedFromClient(type) && !DirectLineActivities.IsIgnoredFromClient(type))
            return DirectLineError.Result(StatusCodes.Status400BadRequest, DirectLineError.BadArgument,
                "Only message and event activities can be sent.");
        if (activity["text"] is { } text && text.Type is not (JTokenType.String or JTokenType.Null))
            return DirectLineError.Result(StatusCodes.Status400BadRequest, DirectLineError.BadArgument, "The activity's text must be a string.");

        var (outcome, id) = await channel.PostAsync(grant, activity, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            PostOutcome.ConversationNotFound => DirectLineError.Result(StatusCodes.Status404NotFound, DirectLineError.NotFound,
                "The conversation does not exist."),
            PostOutcome.BotFailed => DirectLineError.Result(StatusCodes.Status502BadGateway, DirectLineError.BotError,
                "The bot could not process the activity."),
            _ => Results.Json(new { id }),
        };
    }

    private static object Conversation(HttpRequest request, DirectLineGrant grant) => new
    {
        conversationId = grant.ConversationId,
        token = BearerOf(request),
        expires_in = Math.Max(0, (int)(grant.ExpiresAt - DateTimeOffset.UtcNow).TotalSeconds),
    };

    private static async Task<(DirectLineGrant? Grant, IResult? Error)> AuthorizeAsync(HttpRequest request, DirectLineTokens tokens,
        string? conversationId, CancellationToken cancellationToken)
    {
        var (status, grant) = await tokens.CheckAsync(request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case TokenStatus.Missing:
                return (null, DirectLineError.Forbidden(DirectLineError.TokenInvalid, "A Direct Line token is required (Authorization: Bearer)."));
            case TokenStatus.Invalid:
                return (null, DirectLineError.Forbidden(DirectLineError.TokenInvalid, "The token is not valid."));
            case TokenStatus.Expired:
                return (null, DirectLineError.Forbidden(DirectLineError.TokenExpired, "The token has expired."));
        }
        if (conversationId is not null && !string.Equals(conversationId, grant!.ConversationId, StringComparison.Ordinal))
            return (null, DirectLineError.Forbidden(DirectLineError.TokenInvalid, "The token is not valid for this conversation."));
        return (grant, null);
    }

    private static string BearerOf(HttpRequest request) => request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();

    /// <summary>The body as text, or null when it is over <paramref name="limit"/> bytes (read no further than that).</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
