using System.Buffers;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// Reads an activity from a POST /api/messages body and writes the turn's InvokeResponse as the SDK's HttpHelper does
/// (same serializer settings, so the same JSON value), with less copying: the body that ActivityRequestFilter already
/// holds in memory is parsed where it lies (HttpHelper copies it into a second stream first), Newtonsoft's char buffers
/// come from a pool, and the response is encoded straight into the response's pipe (HttpHelper builds it in a
/// MemoryStream that grows by doubling, then copies it); an expectReplies body is written by
/// <see cref="ExpectedRepliesJsonWriter"/> (the same bytes, a fraction of the cost). Unlike HttpHelper, the response is
/// not indented: a question's reply is ~2.9 KB instead of ~4.1 KB of the same JSON.
/// </summary>
public static class ActivityHttpBody
{
    // HttpHelper's serializer settings without the indentation, which clients do not need.
    internal static readonly JsonSerializer CompactSerializer = Compact();

    private static JsonSerializer Compact()
    {
        var serializer = JsonSerializer.Create(HttpHelper.BotMessageSerializerSettings);
        serializer.Formatting = Formatting.None;
        return serializer;
    }

    /// <summary>The activity in the body, or null when it is not JSON an Activity can be read from (HttpHelper's rule).</summary>
    public static async Task<Activity?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body as MemoryStream;
        if (body is null || !body.CanSeek)
        {
            body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        }
        body.Position = 0;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1024,
                leaveOpen: true)) { MaxDepth = null, ArrayPool = NewtonsoftCharPool.Instance };
            return HttpHelper.BotMessageSerializer.Deserialize<Activity>(reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="invokeResponse"/> as HttpHelper.WriteResponseAsync does: none → 200; else its status,
    /// and its body as JSON (unindented) when it has one.</summary>
    public static async Task WriteAsync(HttpResponse response, InvokeResponse? invokeResponse, CancellationToken cancellationToken)
    {
        if (invokeResponse is null)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is null) return;

        response.ContentType = "application/json";
        var pipe = response.BodyWriter;
        if (invokeResponse.Body is ExpectedReplies replies)
        {
            // expectReplies, the body of nearly every turn: the same bytes without Newtonsoft's general machinery.
            ExpectedRepliesJsonWriter.Write(pipe, replies, CompactSerializer);
        }
        else
        {
            WriteWithNewtonsoft(pipe, invokeResponse.Body);
        }
        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body as <see cref="CompactSerializer"/> writes it (any invoke response's body).</summary>
    internal static void WriteWithNewtonsoft(IBufferWriter<byte> output, object body)
    {
        using var writer = new Utf8BufferTextWriter(output);
        using var json = new JsonTextWriter(writer) { ArrayPool = NewtonsoftCharPool.Instance };
        CompactSerializer.Serialize(json, body);
    }
}
