using System.Text;
using ICU4N.Text;

namespace ActionMonth.Knowledge.Text;

/// <summary>
/// Unicode normalisation and diacritic folding for Vietnamese that behaves the same with and without
/// invariant globalization. <see cref="string.Normalize()"/> silently does nothing when
/// DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1, so this uses ICU4N's managed normaliser instead.
/// </summary>
public static class VietnameseText
{
    // NFKC_Casefold composes NFD input, folds case and full-width forms in one pass.
    private static readonly Normalizer2 CaseFold = Normalizer2.NFKCCaseFoldInstance;
    private static readonly Normalizer2 Nfc = Normalizer2.NFCInstance;
    private static readonly Normalizer2 Nfd = Normalizer2.NFDInstance;

    /// <summary>NFC, keeping case. Use for text we store or show.</summary>
    public static string ToNfc(string text) => string.IsNullOrEmpty(text) ? string.Empty : Nfc.Normalize(text);

    /// <summary>NFKC case-folded only: what the analyzers' ICUNormalizer2CharFilter does to a text, done in one call.</summary>
    public static string FoldCase(string text) => string.IsNullOrEmpty(text) ? string.Empty : CaseFold.Normalize(text);

    /// <summary>NFKC case-folded and NFC-composed: lower case, full-width folded, diacritics kept.</summary>
    public static string Normalize(string text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (SimpleForms.TryNormalize(text, out var simple)) return simple;
        // Casefold may leave decomposed sequences for some inputs; compose again so "ẻ" is one char.
        return Nfc.Normalize(CaseFold.Normalize(text));
    }

    /// <summary>True when <see cref="Normalize"/> would return the same characters: callers that hold text
    /// normalised before (and only cut it at ASCII punctuation or spaces since) can read it in place instead of
    /// normalising a copy. ICU's check is exact or errs towards false, never towards true.</summary>
    public static bool IsNormalized(ReadOnlySpan<char> text) =>
        text.IsEmpty || SimpleForms.IsNormalized(text) || CaseFold.IsNormalized(text) && Nfc.IsNormalized(text);

    /// <summary>
    /// <see cref="Normalize"/> without ICU for text made only of characters that normalise alone: most messages
    /// (ASCII, precomposed Vietnamese letters, either case). Such a character has a normalisation boundary before it
    /// in both forms (ICU: it never interacts with what precedes it, so a text of them normalises character by
    /// character) and normalises, on its own, to one character that has the same boundary and is its own NFC. The
    /// table is read from ICU itself when the class loads, for the Latin ranges Vietnamese is typed in; any other
    /// character (a combining mark, a full-width form, a ligature) sends the text to ICU as before.
    /// </summary>
    private static class SimpleForms
    {
        private const char Unmapped = '\0';
        // Per character below 0x250 and in 0x1E00-0x1EFF (Latin Extended Additional: ạ ả ấ … ỹ), its normal form.
        private static readonly char[] Low = Build('\0', '\u0250');
        private static readonly char[] Additional = Build('\u1E00', '\u1F00');

        private static char[] Build(char from, char to)
        {
            var map = new char[to - from];
            for (var c = from; c < to; c++)
            {
                if (char.IsSurrogate(c) || !CaseFold.HasBoundaryBefore(c)) continue;
                var folded = CaseFold.Normalize(c.ToString());
                if (folded.Length != 1 || !Nfc.HasBoundaryBefore(folded[0]) || Nfc.Normalize(folded) != folded) continue;
                map[c - from] = folded[0];
            }
            return map;
        }

        private static char FormOf(char c) =>
            c < Low.Length ? Low[c] : c is >= '\u1E00' and < '\u1F00' ? Additional[c - '\u1E00'] : Unmapped;

        public static bool IsNormalized(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                var form = FormOf(c);
                if (form == Unmapped || form != c) return false;
            }
            return true;
        }

        public static bool TryNormalize(string text, out string normalised)
        {
            normalised = text;
            var changes = false;
            foreach (var c in text)
            {
                var form = FormOf(c);
                if (form == Unmapped) return false;
                changes |= form != c;
            }
            if (changes) normalised = string.Create(text.Length, text, static (chars, source) =>
            {
                for (var i = 0; i < chars.Length; i++) chars[i] = FormOf(source[i]);
            });
            return true;
        }
    }

    /// <summary>Normalised, then stripped of every diacritic: "Điều khoản" → "dieu khoan".</summary>
    public static string Fold(string text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var decomposed = Nfd.Normalize(CaseFold.Normalize(text));
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (IsCombiningMark(c)) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'd', 'ð' => 'd', _ => c });
        }
        return sb.ToString();
    }

    /// <summary>True when the text carries any Vietnamese diacritic (tone mark, hook, breve, circumflex, đ).</summary>
    public static bool HasDiacritics(string text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var c in Nfd.Normalize(text))
        {
            if (IsCombiningMark(c) || c is 'đ' or 'Đ') return true;
        }
        return false;
    }

    /// <summary>Splits normalised text into word tokens (letters and digits), for rule matching.</summary>
    public static IReadOnlyList<string> Words(string normalised)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in normalised)
        {
            if (IsWordChar(c)) sb.Append(c);
            else if (sb.Length > 0) { words.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) words.Add(sb.ToString());
        return words;
    }

    /// <summary>A character of a word in <see cref="Words"/>.</summary>
    internal static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || IsCombiningMark(c);

    private static bool IsCombiningMark(char c) =>
        (c >= '\u0300' && c <= '\u036F') || (c >= '\u1DC0' && c <= '\u1DFF') || (c >= '\u20D0' && c <= '\u20FF');
}
