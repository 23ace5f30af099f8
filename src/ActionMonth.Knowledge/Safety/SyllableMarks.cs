using System.Text;
using ICU4N.Text;

namespace ActionMonth.Knowledge.Safety;

/// <summary>
/// A word split into its folded letters and its Vietnamese marks: one tone for the syllable and, per letter, the
/// hat (circumflex, breve, horn) or the stroke of đ. Matching compares folded letters and then lets a typed word
/// lack marks but not carry different ones: "danh" may be "đánh" typed without accents, "dành" may not.
/// </summary>
internal readonly record struct SyllableMarks(string Folded, byte Tone, ulong Hats)
{
    private static readonly Normalizer2 Nfd = Normalizer2.NFDInstance;

    // Three bits per letter; 21 letters cover every Vietnamese syllable and most English words.
    private const int MaxLetters = 21;
    private const ulong GroupLowBits = 0x1249249249249249UL & ((1UL << (3 * MaxLetters)) - 1);

    public bool HasMarks => Tone != 0 || Hats != 0;

    /// <summary>Per character below U+2000: its base letter, tone and hat, computed once with ICU so that
    /// splitting a word is a table lookup (this runs on every word of every message).</summary>
    private static readonly (char Base, byte Tone, byte Hat)[] Table = BuildTable();

    /// <summary>The letter without its marks ("ứ" → 'u', "đ" → 'd').</summary>
    public static char BaseLetterOf(char c) => c < Table.Length && Table[c].Base != '\0' ? Table[c].Base : c;

    /// <summary>Splits an already normalised (lower-case, NFC) word.</summary>
    public static SyllableMarks Of(string normalisedWord) => Of(normalisedWord.AsSpan());

    /// <summary>Splits an already normalised (lower-case, NFC) word given as characters of a longer text: only the
    /// folded string is allocated (this runs on every word of every message).</summary>
    public static SyllableMarks Of(ReadOnlySpan<char> normalisedWord) => Of(normalisedWord, null, out _);

    /// <summary>Splits a word and finds its folded letters in the rules' vocabulary: a word the rules mention reuses
    /// the vocabulary's string and comes with its number; any other gets a new string and
    /// <see cref="DisclosureVocabulary.Unknown"/>.</summary>
    public static SyllableMarks Of(ReadOnlySpan<char> normalisedWord, DisclosureVocabulary? vocabulary, out int wordId)
    {
        // Each character yields at most one folded letter.
        const int StackLimit = 256;
        // Sized to the word: stackalloc zeroes what it takes, and a fixed 256 chars cost more than the word itself.
        var folded = normalisedWord.Length <= StackLimit ? stackalloc char[normalisedWord.Length] : new char[normalisedWord.Length];
        var length = 0;
        byte tone = 0;
        ulong hats = 0;
        foreach (var c in normalisedWord)
        {
            if (c < Table.Length)
            {
                var (baseLetter, charTone, hat) = Table[c];
                if (baseLetter == '\0')
                {
                    // A lone combining mark (input that NFC could not compose): apply it to the previous letter.
                    if (charTone != 0) tone = charTone;
                    if (hat != 0) SetHat(ref hats, length - 1, hat);
                    continue;
                }
                folded[length++] = baseLetter;
                if (charTone != 0) tone = charTone;
                if (hat != 0) SetHat(ref hats, length - 1, hat);
            }
            else
            {
                folded[length++] = c;
            }
        }
        wordId = DisclosureVocabulary.Unknown;
        string? known = null;
        if (vocabulary is not null) wordId = vocabulary.Find(folded[..length], out known);
        return new SyllableMarks(known ?? new string(folded[..length]), tone, hats);
    }

    /// <summary>Base letter, tone and hat of one character, from its canonical decomposition.</summary>
    private static (char Base, byte Tone, byte Hat) Describe(char c)
    {
        var decomposed = Nfd.Normalize(c.ToString());
        char baseLetter = '\0';
        byte tone = 0, hat = 0;
        foreach (var d in decomposed)
        {
            switch (d)
            {
                case '\u0300': tone = 1; break; // huyền
                case '\u0301': tone = 2; break; // sắc
                case '\u0309': tone = 3; break; // hỏi
                case '\u0303': tone = 4; break; // ngã
                case '\u0323': tone = 5; break; // nặng
                case '\u0302': hat = 1; break; // â ê ô
                case '\u0306': hat = 2; break; // ă
                case '\u031B': hat = 3; break; // ơ ư
                case 'đ':
                    baseLetter = 'd';
                    hat = 4;
                    break;
                default:
                    // Other combining marks (rare outside Vietnamese) are dropped like VietnameseText.Fold does.
                    if (d is >= '\u0300' and <= '\u036F') break;
                    if (baseLetter == '\0') baseLetter = d;
                    break;
            }
        }
        return (baseLetter, tone, hat);
    }

    private static (char, byte, byte)[] BuildTable()
    {
        var table = new (char, byte, byte)[0x2000];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = char.IsSurrogate((char)c) ? ((char)c, (byte)0, (byte)0) : Describe((char)c);
        }
        return table;
    }

    /// <summary>True when a typed word (this) can be the pattern word (same letters assumed). A word typed with
    /// no mark at all can be any accented form. A word typed with marks was typed with accents: its tone must be
    /// the pattern's ("nên" is not "nện", "dành" is not "đánh") and each hat it carries must be the pattern's,
    /// though a missing hat is tolerated ("dánh" for "đánh").</summary>
    public bool CanBe(in SyllableMarks pattern)
    {
        if (!HasMarks) return true;
        if (Tone != pattern.Tone) return false;
        if (Hats == 0) return true;
        // Every 3-bit group that is set in the typed word must equal the pattern's group.
        var present = (Hats | (Hats >> 1) | (Hats >> 2)) & GroupLowBits;
        var mask = present * 7;
        return ((Hats ^ pattern.Hats) & mask) == 0;
    }

    private static void SetHat(ref ulong hats, int index, byte code)
    {
        if (index < 0 || index >= MaxLetters) return;
        hats |= (ulong)code << (3 * index);
    }
}
