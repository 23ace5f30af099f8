using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// The words that make a sentence a question or a chat message ("gì", "không", "thì", "ạ", "vậy", "tôi") rather
/// than say what it is about. Their single-syllable query terms are left out, so a card or a title does not win on
/// "có … không"; their syllable pairs stay ("quyen_duoc", "khong_noi"), so phrases that need them still match.
/// This is query-side only: the index keeps every word (no stop filter, see the notes).
/// </summary>
public static class QuestionWords
{
    // Matched as written, with their marks (words without marks are looked up in the list below).
    private static readonly HashSet<string> Marked = new(StringComparer.Ordinal)
    {
        "gì", "không", "có", "được", "thì", "là", "ạ", "ơi", "nhé", "vậy", "sao", "nào", "thế", "như", "bao", "nhiêu",
        "mấy", "ai", "đâu", "làm", "nên", "phải", "chứ", "hả", "hay", "nhỉ", "à", "ư", "với", "và", "của", "cho", "các",
        "những", "một", "này", "đó", "khi", "nếu", "mà", "để", "ở", "tôi", "mình", "ra", "rồi", "đã", "sẽ", "đang",
        "bị", "thể", "nói", "theo", "về", "trong",
    };

    // Matched without diacritics only where the folded syllable has no other common meaning here: "co" (có, cơ, cô),
    // "bao" (bao, báo, bão), "dau" (đâu, đầu, đau), "the" (thế, thể, thẻ) stay.
    private static readonly HashSet<string> Unmarked = new(StringComparer.Ordinal)
    {
        "gi", "khong", "thi", "oi", "nhe", "vay", "nao", "nhu", "nhieu", "ai", "chu", "nhi", "voi", "va", "cua", "nhung",
        "cac", "mot", "nay", "khi", "neu", "ma", "o", "toi", "minh", "duoc", "roi", "dang", "theo", "trong",
    };

    /// <summary>The folded forms of the words of <paramref name="words"/> that only make it a question; a folded
    /// form is kept when any of its occurrences is a content word ("có" and "cơ" both fold to "co").</summary>
    public static IReadOnlySet<string> FoldedQuestionTerms(IReadOnlyList<string> words)
    {
        var question = new HashSet<string>(StringComparer.Ordinal);
        var content = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var folded = VietnameseText.Fold(word);
            // A word written without marks is judged by the unmarked list only: "bao" may be "báo" typed plainly.
            var isQuestion = VietnameseText.HasDiacritics(word) ? Marked.Contains(word) : Unmarked.Contains(folded);
            (isQuestion ? question : content).Add(folded);
        }
        question.ExceptWith(content);
        return question;
    }

    public static bool IsMarkedQuestionWord(string word) => Marked.Contains(word);
}
