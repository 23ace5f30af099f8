using System.Reflection;
using System.Text;

namespace ActionMonth.Knowledge.Text;

/// <summary>
/// Rewrites chat shorthand and teencode word by word ("e ko dc di hoc j bme danh" → "em không được đi học gì
/// bố mẹ đánh"). Whole-word rewriting of the text before analysis keeps syllable pairs intact, which a
/// SynonymFilter did not (notes-vietnamese-search.md). The table lives in Text/teencode.tsv with comments.
/// </summary>
public sealed class TeencodeRewriter
{
    private readonly Dictionary<string, string> _single;
    private readonly List<(string[] From, string To)> _phrases;

    public TeencodeRewriter(IEnumerable<KeyValuePair<string, string>> entries)
    {
        _single = new Dictionary<string, string>(StringComparer.Ordinal);
        _phrases = new List<(string[], string)>();
        foreach (var (from, to) in entries)
        {
            var key = VietnameseText.Normalize(from).Trim();
            var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            if (words.Length == 1) _single[key] = VietnameseText.Normalize(to);
            else _phrases.Add((words, VietnameseText.Normalize(to)));
        }
        _phrases.Sort((a, b) => b.From.Length.CompareTo(a.From.Length));
        foreach (var (from, _) in _phrases) _phraseStarts |= StartBit(from[0]);
        _singleBySpan = _single.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // One bit per (first letter, length) of the first words of the phrases: a word whose bit is clear starts no phrase,
    // and most words are passed over without trying each phrase.
    private readonly ulong _phraseStarts;

    private static ulong StartBit(ReadOnlySpan<char> word) => word.IsEmpty ? 1UL : 1UL << ((word[0] * 7 + word.Length) & 63);

    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _singleBySpan;

    /// <summary>Receives the rewritten words of <see cref="RewriteNormalised{TSink}"/> one at a time.</summary>
    public interface IWordSink
    {
        /// <summary>One word of the output, or a replacement as the table gives it (it may hold spaces).</summary>
        void Add(ReadOnlySpan<char> word);
    }

    /// <summary>What <see cref="Rewrite"/> returns, for text that is already normalised
    /// (<see cref="VietnameseText.IsNormalized"/>), handed to the sink piece by piece instead of joined with spaces
    /// into a new string: the same words, the same table lookups, the same order. Nothing is allocated.</summary>
    public void RewriteNormalised<TSink>(ReadOnlySpan<char> normalised, ref TSink sink) where TSink : struct, IWordSink
    {
        // Word boundaries as in VietnameseText.Words: runs of letters, digits and combining marks.
        const int StackWords = 128;
        var count = 0;
        var capacity = (normalised.Length + 1) / 2;
        var rented = capacity <= StackWords ? null : new int[2 * capacity];
        // Sized to the text (stackalloc zeroes what it takes).
        Span<int> bounds = rented is null ? stackalloc int[2 * capacity] : rented;
        var start = -1;
        for (var k = 0; k <= normalised.Length; k++)
        {
            var inWord = k < normalised.Length && VietnameseText.IsWordChar(normalised[k]);
            if (inWord && start < 0) start = k;
            else if (!inWord && start >= 0)
            {
                bounds[2 * count] = start;
                bounds[2 * count + 1] = k - start;
                count++;
                start = -1;
            }
        }
        for (var i = 0; i < count;)
        {
            var matched = false;
            var word = normalised.Slice(bounds[2 * i], bounds[2 * i + 1]);
            if ((_phraseStarts & StartBit(word)) != 0)
            {
                foreach (var (from, to) in _phrases)
                {
                    if (i + from.Length > count) continue;
                    var ok = true;
                    for (var j = 0; j < from.Length && ok; j++) ok = normalised.Slice(bounds[2 * (i + j)], bounds[2 * (i + j) + 1]).SequenceEqual(from[j]);
                    if (!ok) continue;
                    sink.Add(to);
                    i += from.Length;
                    matched = true;
                    break;
                }
            }
            if (matched) continue;
            if (_singleBySpan.TryGetValue(word, out var rewritten)) sink.Add(rewritten);
            else sink.Add(word);
            i++;
        }
    }

    /// <summary>The table shipped with the library.</summary>
    public static TeencodeRewriter Default { get; } = new(LoadEmbedded("teencode.tsv"));

    /// <summary>Normalises the text (see <see cref="VietnameseText.Normalize"/>) and rewrites shorthand words.</summary>
    public string Rewrite(string text)
    {
        var words = VietnameseText.Words(VietnameseText.Normalize(text));
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < words.Count;)
        {
            var matched = false;
            foreach (var (from, to) in _phrases)
            {
                if (i + from.Length > words.Count) continue;
                var ok = true;
                for (var j = 0; j < from.Length && ok; j++) ok = words[i + j] == from[j];
                if (!ok) continue;
                Append(sb, to);
                i += from.Length;
                matched = true;
                break;
            }
            if (matched) continue;
            Append(sb, _single.TryGetValue(words[i], out var rewritten) ? rewritten : words[i]);
            i++;
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string word)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(word);
    }

    /// <summary>Reads a two-column table: "from&lt;TAB&gt;to" per line, '#' starts a comment.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseTable(TextReader reader, string sourceName)
    {
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
                throw new FormatException($"{sourceName}:{number}: expected 'shorthand<TAB>full form'");
            yield return new(parts[0], parts[1]);
        }
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> LoadEmbedded(string name)
    {
        var assembly = typeof(TeencodeRewriter).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return ParseTable(reader, name).ToList();
    }
}
