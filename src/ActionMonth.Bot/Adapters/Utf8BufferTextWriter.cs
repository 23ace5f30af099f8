using System.Buffers;
using System.Globalization;
using System.Text;

namespace ActionMonth.Bot.Adapters;

/// <summary>A text writer that encodes UTF-8 (no BOM, invalid surrogates replaced, as StreamWriter with a
/// non-throwing UTF8Encoding does) straight into a buffer writer (the response's pipe), through a pooled char buffer.
/// A StreamWriter allocates its char and byte buffers (~5 KB) for every response and copies the bytes once more;
/// nothing is sent (and nothing blocks) until the caller flushes the pipe once, at the end.</summary>
internal sealed class Utf8BufferTextWriter(IBufferWriter<byte> output) : TextWriter(CultureInfo.InvariantCulture)
{
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

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

    private char[] Buffer() => _chars ?? throw new ObjectDisposedException(nameof(Utf8BufferTextWriter));

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
            var bytes = output.GetSpan(Math.Clamp(Utf8NoBom.GetMaxByteCount(chars.Length), 4, 4096));
            _encoder.Convert(chars, bytes, flush, out var used, out var written, out completed);
            output.Advance(written);
            chars = chars[used..];
        }
        while (!chars.IsEmpty || !completed);
    }
}
