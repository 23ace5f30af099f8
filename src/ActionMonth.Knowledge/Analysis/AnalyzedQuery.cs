using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// A user's question after query-side analysis: teencode rewritten, normalised, analysed into the three field
/// forms, plus the legal phrases the domain vocabulary adds (kept apart so they can weigh less than the user's own
/// words). Exact-form terms are only produced when the question carries diacritics: without them the exact field
/// ranks "tre" (bamboo) above "trẻ". An age given as a detail ("con tôi 13 tuổi") loses its number (<see cref="AgeMentions"/>).
/// </summary>
public sealed record AnalyzedQuery(
    string Rewritten,
    bool HasDiacritics,
    IReadOnlyList<string> Exact,
    IReadOnlyList<string> Folded,
    IReadOnlyList<string> Pairs,
    IReadOnlyList<string> Expansions,
    IReadOnlyList<string> ExpansionExact,
    IReadOnlyList<string> ExpansionFolded,
    IReadOnlyList<string> ExpansionPairs,
    IReadOnlyList<Paraphrase> Paraphrases)
{
    private static readonly VietnameseAnalyzer ExactAnalyzer = new(FieldForm.Exact);
    private static readonly VietnameseAnalyzer FoldedAnalyzer = new(FieldForm.Folded);
    private static readonly VietnameseAnalyzer PairsAnalyzer = new(FieldForm.FoldedPairs);

    public static AnalyzedQuery Create(string query, TeencodeRewriter teencode, DomainVocabulary vocabulary, bool dropQuestionWords = true,
        AgeMentions? ages = null)
    {
        var phrases = (ages ?? AgeMentions.None).Phrases(teencode.Rewrite(query));
        var rewritten = phrases.Count == 1 ? phrases[0] : string.Join(' ', phrases);
        var words = VietnameseText.Words(rewritten);
        var hasDiacritics = VietnameseText.HasDiacritics(rewritten);
        var questionTerms = dropQuestionWords ? QuestionWords.FoldedQuestionTerms(words) : new HashSet<string>();
        var exact = hasDiacritics ? Terms(ExactAnalyzer, rewritten).Where(t => !questionTerms.Contains(VietnameseText.Fold(t))).ToList() : [];
        var allFolded = Terms(FoldedAnalyzer, rewritten);
        // A question made only of question words ("có không?") keeps them: better weak terms than none.
        var folded = allFolded.Where(t => !questionTerms.Contains(t)).ToList();
        if (folded.Count == 0) folded = allFolded;
        var pairs = phrases.Count == 1 ? Terms(PairsAnalyzer, rewritten)
            : phrases.SelectMany(p => Terms(PairsAnalyzer, p)).Distinct(StringComparer.Ordinal).ToList();
        var matches = vocabulary.Match(words);
        var expansions = matches.SelectMany(m => m.Legal).Distinct(StringComparer.Ordinal).ToList();
        var paraphrases = matches.Select(m =>
        {
            var span = string.Join(' ', words.Skip(m.Start).Take(m.Length));
            return new Paraphrase(Terms(FoldedAnalyzer, span), Terms(PairsAnalyzer, span),
                m.Legal.Select(l => (IReadOnlyList<string>)Terms(FoldedAnalyzer, l)).Where(t => t.Count > 0).ToList());
        }).ToList();
        var expansionText = string.Join(" , ", expansions);
        // Pairs are taken phrase by phrase so that no pair straddles two legal phrases.
        var expansionPairs = expansions.SelectMany(e => Terms(PairsAnalyzer, e)).Distinct().Except(pairs).ToList();
        return new AnalyzedQuery(rewritten, hasDiacritics, exact, folded, pairs, expansions,
            Terms(ExactAnalyzer, expansionText).Except(exact).ToList(),
            Terms(FoldedAnalyzer, expansionText).Except(folded).ToList(),
            expansionPairs, paraphrases);
    }

    /// <summary>Distinct terms of <paramref name="text"/> in the analyzer's form, in order of first appearance.</summary>
    public static List<string> Terms(VietnameseAnalyzer analyzer, string text) =>
        AnalyzedToken.Analyze(analyzer, "q", text).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>An everyday phrase of the question (its folded terms and syllable pairs) and the legal phrases it stands
/// for (each as its folded terms): a text that holds one of those legal phrases answers that part of the question
/// ("bầm tím" is answered by a text on "bạo lực").</summary>
public sealed record Paraphrase(IReadOnlyList<string> Terms, IReadOnlyList<string> Pairs, IReadOnlyList<IReadOnlyList<string>> Legal);
