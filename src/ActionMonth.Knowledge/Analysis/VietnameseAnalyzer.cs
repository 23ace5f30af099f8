using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>The three forms a Vietnamese text is indexed in (notes-vietnamese-search.md).</summary>
public enum FieldForm
{
    /// <summary>Diacritics kept: "trẻ" and "tre" (bamboo) stay apart. Queried only when the query has marks.</summary>
    Exact,
    /// <summary>Diacritics folded: "trẻ em" → "tre em", whatever the user's keyboard did.</summary>
    Folded,
    /// <summary>Folded syllable pairs: "xâm hại tình dục" → "xam_hai hai_tinh tinh_duc"; stands in for word
    /// segmentation, since most Vietnamese words are two syllables.</summary>
    FoldedPairs,
}

/// <summary>
/// ICUNormalizer2CharFilter (NFKC case fold: composes NFD input, folds full-width forms and case) → StandardTokenizer,
/// then ICUFoldingFilter for the folded forms and <see cref="SyllablePairFilter"/> (what ShingleFilter(2,2) without
/// unigrams gives, for less) for pairs. No LowerCaseFilter: the case fold has already lowered every letter, and the
/// filter's culture-aware lowering per token was a third of the index build's time.
/// No stop filter: the usual Vietnamese stop lists hold words that matter here ("em", "con", "không", "điều").
/// The same chain works under invariant globalization because normalisation is ICU4N's, not the runtime's.
/// </summary>
public sealed class VietnameseAnalyzer(FieldForm form, bool inputCaseFolded = false) : Analyzer
{
    public const string PairSeparator = "_";
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public FieldForm Form { get; } = form;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = tokenizer;
        if (Form is FieldForm.Folded or FieldForm.FoldedPairs) stream = new ICUFoldingFilter(stream);
        if (Form is FieldForm.FoldedPairs) stream = new SyllablePairFilter(stream, PairSeparator);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The char filter keeps offsets true to the original text, which highlighting needs; the index stores no
    /// offsets, so the writer folds each text once with <see cref="VietnameseText.FoldCase"/> and skips the filter (it
    /// works on a text three times, once per form, and its buffer handling is quadratic in the text's length).</summary>
    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        inputCaseFolded ? reader : new ICUNormalizer2CharFilter(reader);

    /// <summary>The field name of <paramref name="baseField"/> in the given form ("body" → "body_f").</summary>
    public static string FieldName(string baseField, FieldForm form) => form switch
    {
        FieldForm.Exact => baseField + IndexFormat.ExactSuffix,
        FieldForm.Folded => baseField + IndexFormat.FoldedSuffix,
        _ => baseField + IndexFormat.PairsSuffix,
    };

    /// <summary>One analyzer for the index writer: each analysed field gets its form's chain. Every field value it is
    /// given must already be case-folded with <see cref="VietnameseText.FoldCase"/>.</summary>
    public static Analyzer ForIndex()
    {
        var fields = new Dictionary<string, Analyzer>();
        foreach (var form in Enum.GetValues<FieldForm>())
        {
            var analyzer = new VietnameseAnalyzer(form, inputCaseFolded: true);
            fields[FieldName(IndexFormat.Title, form)] = analyzer;
            fields[FieldName(IndexFormat.Body, form)] = analyzer;
        }
        return new PerFieldAnalyzerWrapper(new VietnameseAnalyzer(FieldForm.Folded, inputCaseFolded: true), fields);
    }
}
