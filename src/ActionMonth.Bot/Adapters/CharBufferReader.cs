namespace ActionMonth.Bot.Adapters;

/// <summary>A text reader over the first <paramref name="length"/> characters of a buffer the caller owns (a pooled
/// one): a request body already decoded whole, read without a StringReader's string or a StreamReader's buffers.</summary>
internal sealed class CharBufferReader(char[] chars, int length) : TextReader
{
    private int _position;

    public override int Peek() => _position < length ? chars[_position] : -1;

    public override int Read() => _position < length ? chars[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, length - _position);
        chars.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
