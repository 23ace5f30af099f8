using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content.Scanning;

/// <summary>A run of words that also appears in an official text: where it starts, how long it is, and from where.</summary>
public sealed record CopiedRun(int Line, int Words, string Text, string OfficialFile);

/// <summary>
/// Finds text copied from the official documents by comparing word n-grams (8 by default): words are letter/digit
/// runs of the NFC, case-folded text (<see cref="VietnameseText.Normalize"/> and <see cref="VietnameseText.Words"/>),
/// so punctuation and case do not hide a copy. An allowed official name (a body's or programme's name of eight or
/// more words) counts as a single word on both sides: writing the name is fine, copying the sentence around it is not.
/// </summary>
public sealed class CopiedTextFinder
{
    private const string NameMarker = "\u0001name";
    private readonly int _n;
    private readonly List<string[]> _names;
    private readonly Dictionary<string, string> _officialGrams = new(StringComparer.Ordinal);

    public CopiedTextFinder(IEnumerable<(string File, string Text)> officialTexts, IEnumerable<string> allowedNames, int n = 8)
    {
        _n = n;
        // Longest first, so a name containing a shorter allowed name is replaced whole.
        _names = allowedNames.Select(Words).Where(w => w.Length > 0).OrderByDescending(w => w.Length).ToList();
        foreach (var (file, text) in officialTexts)
        {
            var words = ReplaceNames(Words(text).Select(w => (w, 0)).ToList());
            for (var i = 0; i + _n <= words.Count; i++) _officialGrams.TryAdd(Gram(words, i), file);
        }
    }

    public static string[] Words(string text) => VietnameseText.Words(VietnameseText.Normalize(text)).ToArray();

    /// <summary>The copied runs in one segment of text (a paragraph, or a single line), each merged from its
    /// overlapping n-grams. <paramref name="segment"/> gives each line of the segment with its line number.</summary>
    public IReadOnlyList<CopiedRun> Find(IEnumerable<(int Line, string Text)> segment)
    {
        var words = ReplaceNames(segment.SelectMany(l => Words(l.Text).Select(w => (w, l.Line))).ToList());
        var runs = new List<CopiedRun>();
        var i = 0;
        while (i + _n <= words.Count)
        {
            if (!_officialGrams.TryGetValue(Gram(words, i), out var file)) { i++; continue; }
            var last = i;
            while (last + 1 + _n <= words.Count && _officialGrams.ContainsKey(Gram(words, last + 1))) last++;
            var length = last - i + _n;
            var text = string.Join(' ', words.Skip(i).Take(length).Select(w => w.Word.StartsWith(NameMarker, StringComparison.Ordinal)
                ? "[" + string.Join(' ', _names[int.Parse(w.Word[NameMarker.Length..], System.Globalization.CultureInfo.InvariantCulture)]) + "]"
                : w.Word));
            runs.Add(new CopiedRun(words[i].Line, length, Shorten(text), file));
            i = last + _n;
        }
        return runs;
    }

    // A whole copied paragraph would drown the message; its start and length are enough to find it.
    private static string Shorten(string text)
    {
        var words = text.Split(' ');
        return words.Length <= 25 ? text : string.Join(' ', words.Take(25)) + " …";
    }

    private string Gram(List<(string Word, int Line)> words, int start)
    {
        var parts = new string[_n];
        for (var j = 0; j < _n; j++) parts[j] = words[start + j].Word;
        return string.Join(' ', parts);
    }

    private List<(string Word, int Line)> ReplaceNames(List<(string Word, int Line)> words)
    {
        if (_names.Count == 0) return words;
        var result = new List<(string, int)>(words.Count);
        for (var i = 0; i < words.Count;)
        {
            var matched = -1;
            for (var k = 0; k < _names.Count && matched < 0; k++)
            {
                var name = _names[k];
                if (i + name.Length > words.Count) continue;
                var ok = true;
                for (var j = 0; j < name.Length && ok; j++) ok = words[i + j].Word == name[j];
                if (ok) matched = k;
            }
            if (matched < 0) { result.Add(words[i]); i++; continue; }
            result.Add((NameMarker + matched.ToString(System.Globalization.CultureInfo.InvariantCulture), words[i].Line));
            i += _names[matched].Length;
        }
        return result;
    }
}
