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
        // Casefold may leave decomposed sequences for some inputs; compose again so "ẻ" is one char.
        return Nfc.Normalize(CaseFold.Normalize(text));
    }

    /// <summary>True when <see cref="Normalize"/> would return the same characters: callers that hold text
    /// normalised before (and only cut it at ASCII punctuation or spaces since) can read it in place instead of
    /// normalising a copy. ICU's check is exact or errs towards false, never towards true.</summary>
    public static bool IsNormalized(ReadOnlySpan<char> text) =>
        text.IsEmpty || CaseFold.IsNormalized(text) && Nfc.IsNormalized(text);

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
