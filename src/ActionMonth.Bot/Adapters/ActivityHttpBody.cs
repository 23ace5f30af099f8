using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// Reads an activity from a POST /api/messages body and writes the turn's InvokeResponse, exactly as the SDK's HttpHelper
/// does (same serializer and settings, so the same JSON), with less copying: the body that ActivityRequestFilter already
/// holds in memory is parsed where it lies (HttpHelper copies it into a second stream first), Newtonsoft's char buffers
/// come from a pool, and the response is serialized straight into the response's pipe (HttpHelper builds it in a
/// MemoryStream that grows by doubling, then copies it).
/// </summary>
public static class ActivityHttpBody
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

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
    /// and its body as JSON when it has one.</summary>
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
        using (var writer = new StreamWriter(new PipeBufferStream(pipe), Utf8NoBom, bufferSize: 1024))
        using (var json = new JsonTextWriter(writer) { ArrayPool = CharPool.Instance })
        {
            HttpHelper.BotMessageSerializer.Serialize(json, invokeResponse.Body);
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

    /// <summary>A write-only stream that copies into the pipe's buffer without flushing: nothing is sent (and nothing
    /// blocks) until the caller flushes the pipe once, at the end.</summary>
    private sealed class PipeBufferStream(PipeWriter pipe) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => pipe.Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer) => pipe.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
