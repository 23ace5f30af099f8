using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// Emits each two neighbouring tokens as one pair ("bạo", "lực" → "bạo_lực"), and no single tokens: the same terms,
/// offsets and positions as Lucene's ShingleFilter(2, 2) without unigrams, for a fraction of its cost (that filter
/// captures and restores every attribute of every token, which was a third of the index build). Tokens on either
/// side of a position gap are not paired.
/// </summary>
public sealed class SyllablePairFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _increment;
    private readonly IPositionLengthAttribute _length;
    private readonly ITypeAttribute _type;
    private readonly string _separator;
    private char[] _previous = new char[16];
    private int _previousLength = -1;
    private int _previousStart;
    private char[] _current = new char[16];

    public SyllablePairFilter(TokenStream input, string separator) : base(input)
    {
        _separator = separator;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _length = AddAttribute<IPositionLengthAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public const string PairType = "shingle";

    public override bool IncrementToken()
    {
        while (m_input.IncrementToken())
        {
            var length = _term.Length;
            var start = _offset.StartOffset;
            var paired = _previousLength >= 0 && _increment.PositionIncrement == 1;
            if (_current.Length < length) _current = new char[Math.Max(length, _current.Length * 2)];
            Array.Copy(_term.Buffer, _current, length);
            if (paired)
            {
                var pair = _term.ResizeBuffer(_previousLength + _separator.Length + length);
                Array.Copy(_previous, pair, _previousLength);
                _separator.CopyTo(0, pair, _previousLength, _separator.Length);
                Array.Copy(_current, 0, pair, _previousLength + _separator.Length, length);
                _term.Length = _previousLength + _separator.Length + length;
                _offset.SetOffset(_previousStart, _offset.EndOffset);
                _increment.PositionIncrement = 1;
                _length.PositionLength = 2;
                _type.Type = PairType;
            }
            (_previous, _current) = (_current, _previous);
            _previousLength = length;
            _previousStart = start;
            if (paired) return true;
        }
        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _previousLength = -1;
        _previousStart = 0;
    }
}
