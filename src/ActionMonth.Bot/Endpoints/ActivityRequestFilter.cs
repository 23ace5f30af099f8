using System.Text.Json;
using ActionMonth.Bot.Bots;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Endpoints;

/// <summary>
/// Checks a POST /api/messages body before the Bot Framework adapter sees it, so bad input gets a clear 4xx
/// instead of the SDK's bare 400 or a 500 from deep inside a turn: a body over Bot:MaxRequestBytes → 413;
/// not JSON, not an object, or without the fields a turn needs (type, channelId, serviceUrl, conversation.id,
/// and from.id on messages) → 400 with a JSON message. The checked body is handed on to the adapter in memory.
/// </summary>
public sealed class ActivityRequestFilter(IOptions<BotOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var limit = options.Value.MaxRequestBytes;
        if (request.ContentLength > limit) return TooLarge(limit);

        if (await ReadBodyAsync(request, limit, context.HttpContext.RequestAborted).ConfigureAwait(false) is not { } body) return TooLarge(limit);

        if (Problem(body.GetBuffer().AsMemory(0, (int)body.Length)) is { } problem)
            return Results.Json(new { error = "bad_activity", message = problem }, statusCode: StatusCodes.Status400BadRequest);

        body.Position = 0;
        request.Body = body;
        context.HttpContext.Response.RegisterForDispose(body);
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The whole body in memory, or null when it is over <paramref name="limit"/>. With a Content-Length (what channels
    /// send) it is read straight into one array of that size; a chunked body is read through a pooled buffer.</summary>
    private static async Task<MemoryStream?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > 0 and var length && length <= limit)
        {
            var exact = new byte[length];
            var filled = 0;
            int got;
            while (filled < exact.Length && (got = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                filled += got;
            // Kestrel ends the body at Content-Length; a shorter body (client gone) is checked like any other below.
            return new MemoryStream(exact, 0, filled, writable: false, publiclyVisible: true);
        }

        var body = new MemoryStream(4096);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit) return null;
                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        body.Position = 0;
        return body;
    }

    private static IResult TooLarge(int limit) => Results.Json(
        new { error = "too_large", message = $"The activity is larger than {limit} bytes." },
        statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>What is wrong with the body, or null when a turn can be run on it.</summary>
    public static string? Problem(ReadOnlyMemory<byte> json)
    {
        if (json.IsEmpty) return "The request body is empty; expected a Bot Framework activity (JSON).";
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "The request body must be a JSON object (an activity).";
            var type = String(root, "type");
            if (type is null) return "The activity has no 'type'.";
            if (String(root, "channelId") is null) return "The activity has no 'channelId'.";
            if (String(root, "serviceUrl") is not { } serviceUrl || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
                return "The activity has no valid 'serviceUrl'.";
            if (!root.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object
                || String(conversation, "id") is null)
                return "The activity has no 'conversation.id'.";
            if (type == "message"
                && (!root.TryGetProperty("from", out var from) || from.ValueKind != JsonValueKind.Object || String(from, "id") is null))
                return "The message has no 'from.id'.";
            if (root.TryGetProperty("text", out var text) && text.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return "The activity's 'text' must be a string.";
            return null;
        }
        catch (JsonException)
        {
            return "The request body is not valid JSON.";
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                                                     && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;
}
