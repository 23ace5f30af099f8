using System.Text;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Safety;

/// <summary>One word of a message as the rules see it. <paramref name="AfterComma"/>: a comma separates it from
/// the previous word, so a phrase cannot run across it ("người em, em thấy" is not "em em").</summary>
internal readonly record struct DisclosureToken(SyllableMarks Marks, bool IsNumber, bool AfterComma = false)
{
    public string Folded => Marks.Folded;
}

/// <summary>A sentence as a token range; the question mark is kept because the rules read it, and so is a run of
/// two or more exclamation marks (<paramref name="Exclaimed"/>: "HELP!!!" is a cry, a bare "help" may be a command).</summary>
internal readonly record struct DisclosureSentence(int Start, int End, bool EndsWithQuestionMark, bool Exclaimed = false);

/// <summary>A tokenised message: words in order and the sentences they fall in.</summary>
internal sealed class DisclosureText(DisclosureToken[] tokens, DisclosureSentence[] sentences)
{
    public DisclosureToken[] Tokens { get; } = tokens;
    public DisclosureSentence[] Sentences { get; } = sentences;

    /// <summary>True when the message was typed with Vietnamese accents (at least two words and 40% of the words
    /// carry marks): an unmarked word in it is then most likely a word without marks ("tre" = bamboo, not "trẻ").</summary>
    public bool TypedWithAccents
    {
        get
        {
            var marked = Tokens.Count(t => t.Marks.HasMarks);
            return marked >= 2 && marked * 10 >= Tokens.Length * 4;
        }
    }
}

/// <summary>
/// Turns what people type into rule tokens: Unicode and case normalisation (NFD, full-width, ALL CAPS), English
/// contractions, stretched letters ("cứuuuu"), the teencode "j" for "i" ("hjếp", "mjnh"), and the shared teencode
/// table ("e", "bme", "ko"), sentence by sentence so that a rule never spans two sentences.
/// </summary>
internal sealed partial class DisclosureTokenizer(TeencodeRewriter rewriter)
{
    public const string TeencodeResource = "disclosure-teencode.tsv";

    /// <summary>The shared teencode table with the detector's own changes (disclosure-teencode.tsv).</summary>
    public static DisclosureTokenizer Default { get; } = new(BuildRewriter());

    internal static TeencodeRewriter BuildRewriter()
    {
        var assembly = typeof(DisclosureTokenizer).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Safety." + TeencodeResource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return MergeTeencode(TeencodeRewriter.LoadEmbedded("teencode.tsv"), TeencodeRewriter.ParseTable(reader, TeencodeResource).ToList());
    }

    /// <summary>Shared entries, minus those the detector marks "-", plus the detector's own.</summary>
    internal static TeencodeRewriter MergeTeencode(
        IEnumerable<KeyValuePair<string, string>> shared, IReadOnlyList<KeyValuePair<string, string>> detector)
    {
        var removed = detector.Where(e => e.Value == "-").Select(e => VietnameseText.Normalize(e.Key).Trim()).ToHashSet(StringComparer.Ordinal);
        var merged = shared.Where(e => !removed.Contains(VietnameseText.Normalize(e.Key).Trim()))
            .Concat(detector.Where(e => e.Value != "-"));
        return new TeencodeRewriter(merged);
    }

    public DisclosureText Tokenize(string text)
    {
        var tokens = new List<DisclosureToken>();
        var sentences = new List<DisclosureSentence>();
        if (string.IsNullOrWhiteSpace(text)) return new DisclosureText([], []);

        var normalised = VietnameseText.Normalize(text).Replace('’', '\'').Replace('‘', '\'');
        normalised = ExpandContractions(normalised);
        normalised = CollapseStretchedLetters(normalised);
        if (normalised.Contains('j')) normalised = TeencodeJ().Replace(normalised, "i");

        foreach (var (sentence, question, exclaimed) in SplitSentences(normalised))
        {
            var start = tokens.Count;
            foreach (var clause in sentence.Split(','))
            {
                var clauseStart = tokens.Count;
                AddWords(tokens, rewriter.Rewrite(clause));
                if (clauseStart > start && tokens.Count > clauseStart) tokens[clauseStart] = tokens[clauseStart] with { AfterComma = true };
            }
            if (tokens.Count > start) sentences.Add(new DisclosureSentence(start, tokens.Count, question, exclaimed));
        }
        return new DisclosureText(tokens.ToArray(), sentences.ToArray());
    }

    private static void AddWords(List<DisclosureToken> tokens, string rewritten)
    {
            // Words are read in place: only a word that starts with a digit becomes a string (for the unit regex).
            foreach (var range in rewritten.AsSpan().Split(' '))
            {
                var span = rewritten.AsSpan()[range];
                if (span.IsEmpty) continue;
                if (!char.IsAsciiDigit(span[0]))
                {
                    tokens.Add(new DisclosureToken(SyllableMarks.Of(span), false));
                    continue;
                }
                var word = span.ToString();
                // "13t", "13tuổi", "6h": an age or an hour glued to its number.
                var unit = NumberWithUnit().Match(word);
                if (unit.Success)
                {
                    tokens.Add(new DisclosureToken(SyllableMarks.Of(unit.Groups["n"].Value), true));
                    var name = unit.Groups["u"].Value switch
                    {
                        "t" or "tuổi" => "tuổi",
                        "h" or "giờ" => "giờ",
                        "k" or "nghìn" => "nghìn",
                        _ => "triệu",
                    };
                    tokens.Add(new DisclosureToken(SyllableMarks.Of(name), false));
                    continue;
                }
                tokens.Add(new DisclosureToken(SyllableMarks.Of(word), IsDigits(word)));
            }
    }

    /// <summary>Splits on . ! ? ; … and line breaks; a dot only ends a sentence before a space or the end, so
    /// "TP.HCM" and "1.5" stay whole.</summary>
    private static IEnumerable<(string Sentence, bool Question, bool Exclaimed)> SplitSentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '!' or '?' or ';' or '…' or '\n' or '\r'
                || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] == '.'));
            if (!ends) continue;
            // A run of terminators ("?!", "...") ends one sentence; it is a question if any of them is '?'.
            var question = false;
            var exclamations = 0;
            var j = i;
            while (j < text.Length && text[j] is '!' or '?' or ';' or '…' or '\n' or '\r' or '.')
            {
                question |= text[j] == '?';
                if (text[j] == '!') exclamations++;
                j++;
            }
            if (i > start) yield return (text[start..i], question, exclamations >= 2);
            start = j;
            i = j - 1;
        }
        if (start < text.Length) yield return (text[start..], false, false);
    }

    private static string ExpandContractions(string text)
    {
        if (text.IndexOf('\'') < 0) return text;
        text = text.Replace("won't", "will not").Replace("can't", "can not");
        text = IAm().Replace(text, "i am");
        text = Negative().Replace(text, "${stem} not");
        text = PronounIs().Replace(text, "${pronoun} is");
        text = Suffix().Replace(text, m => m.Groups["suffix"].Value switch
        {
            "re" => " are",
            "s" => "", // a possessive: "my mom's pills" → "my mom pills"
            "ll" => " will",
            "ve" => " have",
            "d" => " would",
            _ => m.Value,
        });
        return text;
    }

    /// <summary>Runs of three or more of the same letter (ignoring marks) are stretched typing: keep the first.</summary>
    private static string CollapseStretchedLetters(string text)
    {
        StringBuilder? sb = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var j = i + 1;
            if (char.IsLetter(c))
            {
                var baseLetter = BaseLetter(c);
                while (j < text.Length && char.IsLetter(text[j]) && BaseLetter(text[j]) == baseLetter) j++;
            }
            if (j - i >= 3)
            {
                // Only "uu" and "oo" are doubled in unaccented Vietnamese ("cuu" = cứu, "xoong").
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append(c);
                if (BaseLetter(c) is 'u' or 'o') sb.Append(text[i + 1]);
            }
            else
            {
                sb?.Append(text, i, j - i);
            }
            i = j;
        }
        return sb?.ToString() ?? text;
    }

    private static char BaseLetter(char c) => SyllableMarks.BaseLetterOf(c);

    private static bool IsDigits(string word)
    {
        foreach (var c in word) if (!char.IsAsciiDigit(c)) return false;
        return word.Length > 0;
    }

    [GeneratedRegex("^(?<n>[0-9]{1,4})(?<u>t|tuổi|h|giờ|k|tr|triệu|nghìn)$")]
    private static partial Regex NumberWithUnit();

    [GeneratedRegex(@"\bi\s*'\s*m\b")]
    private static partial Regex IAm();

    [GeneratedRegex(@"(?<stem>\b(?:do|does|did|is|are|was|were|have|has|had|would|could|should|wo|ca|must|need))n't\b")]
    private static partial Regex Negative();

    [GeneratedRegex(@"\b(?<pronoun>it|he|she|that|what|there|who|here|where|this)\s*'\s*s\b")]
    private static partial Regex PronounIs();

    [GeneratedRegex(@"'(?<suffix>re|s|ll|ve|d)\b")]
    private static partial Regex Suffix();

    // Teencode writes "i" as "j" after a consonant ("hjếp", "mjnh", "bjết"); a lone "j" (= "gì") is left alone.
    [GeneratedRegex(@"(?<=[bcdđghklmnpqrstvx])j")]
    private static partial Regex TeencodeJ();
}
