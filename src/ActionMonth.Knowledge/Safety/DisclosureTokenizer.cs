using System.Text;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Safety;

/// <summary>One word of a message as the rules see it. <paramref name="AfterComma"/>: a comma separates it from
/// the previous word, so a phrase cannot run across it ("người em, em thấy" is not "em em").</summary>
/// <paramref name="WordId"/>: the folded word's number in the vocabulary the message was tokenised with
/// (<see cref="DisclosureVocabulary.Unknown"/> when the rules do not mention it or no vocabulary was given).
internal readonly record struct DisclosureToken(SyllableMarks Marks, bool IsNumber, bool AfterComma = false, int WordId = DisclosureVocabulary.Unknown)
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
            var marked = 0;
            foreach (var token in Tokens) if (token.Marks.HasMarks) marked++;
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

    public DisclosureText Tokenize(string text) => Tokenize(text, null);

    private static readonly DisclosureText Empty = new([], []);

    /// <summary>The thread's token and sentence lists, reused from one message to the next (the message gets
    /// arrays of its own).</summary>
    [ThreadStatic] private static List<DisclosureToken>? t_tokens;
    [ThreadStatic] private static List<DisclosureSentence>? t_sentences;

    /// <summary>Tokenises with each word's number in <paramref name="vocabulary"/> (<see cref="DisclosureToken.WordId"/>);
    /// a word the vocabulary knows reuses its string.</summary>
    internal DisclosureText Tokenize(string text, DisclosureVocabulary? vocabulary)
    {
        if (string.IsNullOrWhiteSpace(text)) return Empty;

        var normalised = VietnameseText.Normalize(text).Replace('’', '\'').Replace('‘', '\'');
        normalised = ExpandContractions(normalised);
        normalised = CollapseStretchedLetters(normalised);
        if (normalised.AsSpan().IndexOfAnyInRange('\uD800', '\uDBFF') >= 0) normalised = EmojiAsWords(normalised);
        if (normalised.Contains('j')) normalised = TeencodeJ().Replace(normalised, "i");

        var tokens = t_tokens is { Capacity: <= 4_096 } keptTokens ? keptTokens : t_tokens = [];
        tokens.Clear();
        var sink = new TokenSink { Tokens = tokens, Vocabulary = vocabulary };
        var sentences = t_sentences is { Capacity: <= 1_024 } kept ? kept : t_sentences = [];
        sentences.Clear();

        // Sentences end at . ! ? ; … and line breaks (a dot only before a space, another dot or the end, so "TP.HCM"
        // and "1.5" stay whole); then clauses between commas, read in place: a clause that is still
        // normalised (nearly all) is rewritten straight into tokens; any other goes through Rewrite as a string.
        var from = 0;
        for (var i = 0; i < normalised.Length; i++)
        {
            var c = normalised[i];
            var ends = c is '!' or '?' or ';' or '…' or '\n' or '\r'
                || (c == '.' && (i + 1 == normalised.Length || char.IsWhiteSpace(normalised[i + 1]) || normalised[i + 1] == '.'));
            if (!ends) continue;
            // A run of terminators ("?!", "...") ends one sentence; it is a question if any of them is '?'.
            var question = false;
            var exclamations = 0;
            var j = i;
            while (j < normalised.Length && normalised[j] is '!' or '?' or ';' or '…' or '\n' or '\r' or '.')
            {
                question |= normalised[j] == '?';
                if (normalised[j] == '!') exclamations++;
                j++;
            }
            if (i > from) AddSentence(normalised, from, i, question, exclamations >= 2, ref sink, sentences);
            from = j;
            i = j - 1;
        }
        if (from < normalised.Length) AddSentence(normalised, from, normalised.Length, false, false, ref sink, sentences);

        return new DisclosureText(tokens.ToArray(), sentences.ToArray());
    }

    private void AddSentence(string text, int from, int to, bool question, bool exclaimed, ref TokenSink sink, List<DisclosureSentence> sentences)
    {
        var tokens = sink.Tokens;
        var start = tokens.Count;
        var clauseFrom = from;
        while (true)
        {
            var comma = text.AsSpan(clauseFrom, to - clauseFrom).IndexOf(',');
            var clauseTo = comma < 0 ? to : clauseFrom + comma;
            var clauseStart = tokens.Count;
            var clause = text.AsSpan(clauseFrom, clauseTo - clauseFrom);
            if (VietnameseText.IsNormalized(clause)) rewriter.RewriteNormalised(clause, ref sink);
            else sink.Add(rewriter.Rewrite(clause.ToString()));
            if (clauseStart > start && tokens.Count > clauseStart) tokens[clauseStart] = tokens[clauseStart] with { AfterComma = true };
            if (comma < 0) break;
            clauseFrom = clauseTo + 1;
        }
        if (tokens.Count > start) sentences.Add(new DisclosureSentence(start, tokens.Count, question, exclaimed));
    }

    /// <summary>Turns rewritten words into tokens: a piece may hold several words separated by spaces (a
    /// replacement, or a whole rewritten clause).</summary>
    private struct TokenSink : TeencodeRewriter.IWordSink
    {
        public List<DisclosureToken> Tokens;
        public DisclosureVocabulary? Vocabulary;

        public readonly void Add(ReadOnlySpan<char> piece)
        {
            foreach (var range in piece.Split(' '))
            {
                var span = piece[range];
                if (!span.IsEmpty) AddWord(Tokens, span, Vocabulary);
            }
        }
    }

    private static void AddWord(List<DisclosureToken> tokens, ReadOnlySpan<char> span, DisclosureVocabulary? vocabulary)
    {
        // Words are read in place: only a word that starts with a digit becomes a string (for the unit regex).
        if (!char.IsAsciiDigit(span[0]))
        {
            tokens.Add(Token(span, false, vocabulary));
            return;
        }
        var word = span.ToString();
        // "13t", "13tuổi", "6h": an age or an hour glued to its number.
        var unit = NumberWithUnit().Match(word);
        if (unit.Success)
        {
            tokens.Add(Token(unit.Groups["n"].Value, true, vocabulary));
            var name = unit.Groups["u"].Value switch
            {
                "t" or "tuổi" => "tuổi",
                "h" or "giờ" => "giờ",
                "k" or "nghìn" => "nghìn",
                _ => "triệu",
            };
            tokens.Add(Token(name, false, vocabulary));
            return;
        }
        tokens.Add(Token(word, IsDigits(word), vocabulary));
    }

    private static DisclosureToken Token(ReadOnlySpan<char> word, bool isNumber, DisclosureVocabulary? vocabulary)
    {
        var marks = SyllableMarks.Of(word, vocabulary, out var id);
        return new DisclosureToken(marks, isNumber, WordId: id);
    }

    /// <summary>The few emoji that say what words would (words are letters and digits, so every emoji is dropped
    /// otherwise): "🆘" is "sos", "🩸" (a drop of blood) is "máu". Only text with a surrogate pair gets here.</summary>
    private static string EmojiAsWords(string text) =>
        text.Replace("\U0001F198", " sos ", StringComparison.Ordinal).Replace("\U0001FA78", " máu ", StringComparison.Ordinal);

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
