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
        if (body.TryGetBuffer(out var bytes) && !StartsWithUtf16Or32Mark(bytes))
        {
            // The whole body is in memory: decode it at once into a pooled buffer (what the StreamReader below would
            // hand Newtonsoft, piece by piece, from ~3 KB of buffers of its own for each request).
            ReadOnlySpan<byte> text = bytes;
            if (text.StartsWith(Utf8Mark)) text = text[Utf8Mark.Length..];
            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(text.Length));
            try
            {
                return Deserialize(new CharBufferReader(chars, Encoding.UTF8.GetChars(text, chars)));
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
        return Deserialize(new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1024, leaveOpen: true));
    }

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];

    /// <summary>A byte order mark the StreamReader would switch to UTF-16 or UTF-32 for (FE FF, FF FE, 00 00 FE FF):
    /// such a body is left to it.</summary>
    private static bool StartsWithUtf16Or32Mark(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    private static Activity? Deserialize(TextReader text)
    {
        try
        {
            using var reader = new JsonTextReader(text) { MaxDepth = null, ArrayPool = NewtonsoftCharPool.Instance };
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
