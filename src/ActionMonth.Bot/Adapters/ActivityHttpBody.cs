using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
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
/// MemoryStream that grows by doubling, then copies it). Unlike HttpHelper, the response is not indented: a question's
/// reply is ~2.9 KB instead of ~4.1 KB of the same JSON.
/// </summary>
public static class ActivityHttpBody
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    // HttpHelper's serializer settings without the indentation, which clients do not need.
    private static readonly JsonSerializer CompactSerializer = Compact();

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
                leaveOpen: true)) { MaxDepth = null, ArrayPool = CharPool.Instance };
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
        using (var writer = new PipeTextWriter(pipe))
        using (var json = new JsonTextWriter(writer) { ArrayPool = CharPool.Instance })
        {
            CompactSerializer.Serialize(json, invokeResponse.Body);
        }
        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Newtonsoft's buffer pool over the shared ArrayPool.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null) ArrayPool<char>.Shared.Return(array);
        }
    }

    /// <summary>A text writer that encodes UTF-8 (no BOM, invalid surrogates replaced, as StreamWriter with
    /// <see cref="Utf8NoBom"/> does) straight into the pipe's buffer, through a pooled char buffer. A StreamWriter
    /// allocates its char and byte buffers (~5 KB) for every response and copies the bytes once more; nothing is sent
    /// (and nothing blocks) until the caller flushes the pipe once, at the end.</summary>
    private sealed class PipeTextWriter(PipeWriter pipe) : TextWriter(CultureInfo.InvariantCulture)
    {
        private const int BufferSize = 1024;
        private readonly Encoder _encoder = Utf8NoBom.GetEncoder();
        private char[]? _chars = ArrayPool<char>.Shared.Rent(BufferSize);
        private int _count;

        public override Encoding Encoding => Utf8NoBom;

        public override void Write(char value)
        {
            var chars = Buffer();
            if (_count == chars.Length) Drain(flush: false);
            chars[_count++] = value;
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> value)
        {
            var chars = Buffer();
            if (value.Length > chars.Length - _count)
            {
                Drain(flush: false);
                if (value.Length > chars.Length)
                {
                    Encode(value, flush: false);
                    return;
                }
            }
            value.CopyTo(chars.AsSpan(_count));
            _count += value.Length;
        }

        public override void Flush() => Drain(flush: false);

        protected override void Dispose(bool disposing)
        {
            if (disposing && _chars is { } chars)
            {
                Drain(flush: true);
                _chars = null;
                ArrayPool<char>.Shared.Return(chars);
            }
            base.Dispose(disposing);
        }

        private char[] Buffer() => _chars ?? throw new ObjectDisposedException(nameof(PipeTextWriter));

        private void Drain(bool flush)
        {
            Encode(Buffer().AsSpan(0, _count), flush);
            _count = 0;
        }

        private void Encode(ReadOnlySpan<char> chars, bool flush)
        {
            bool completed;
            do
            {
                // At least 4 bytes (one whole UTF-8 sequence); as much as the chars can need, up to a pipe segment.
                var bytes = pipe.GetSpan(Math.Clamp(Utf8NoBom.GetMaxByteCount(chars.Length), 4, 4096));
                _encoder.Convert(chars, bytes, flush, out var used, out var written, out completed);
                pipe.Advance(written);
                chars = chars[used..];
            }
            while (!chars.IsEmpty || !completed);
        }
    }
}
