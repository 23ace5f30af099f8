using System.Globalization;
using System.Text.RegularExpressions;

namespace ActionMonth.Knowledge.Analysis;

/// <summary>
/// Ages a question gives as a detail of the child it is about: "con tôi 14 tuổi", "e 12t", "bé 8 tháng tuổi". No
/// official text says "14 tuổi", so that number weighed the most of the whole question (a word no text holds is what an
/// off-topic question is about) and matched every "Điều 14"; the number is left out, "tuổi" stays (the texts that set age
/// bands hold it). The ages the official texts set as limits ("dưới 16 tuổi", "từ đủ 07 tuổi", "dưới 36 tháng tuổi")
/// stay whole: a question naming one asks about that limit ("16 tuổi còn là trẻ em không"). So does an age the question
/// puts as a limit ("con dưới 3 tuổi"): what it asks about, which the texts may not hold. Our own cards are not asked:
/// their ways of asking give ages as details too. Leading zeros do not count ("7 tuổi" is the law's "07 tuổi"). Grades
/// ("lớp 5") lose their number for the same reason. On the blind sets no question lost a rank and one gained (b2-76).
/// </summary>
public sealed partial class AgeMentions
{
    private readonly HashSet<(int Age, bool Months)> _limits;

    private AgeMentions(HashSet<(int, bool)> limits) => _limits = limits;

    public static AgeMentions None { get; } = new([]);

    /// <summary>The ages the texts set as limits: a number of years or months after "dưới", "từ", "đủ", "trên", "đến"
    /// or "tới".</summary>
    public static AgeMentions FromLimitsIn(IEnumerable<string> officialTexts)
    {
        var limits = new HashSet<(int, bool)>();
        foreach (var text in officialTexts)
            foreach (Match m in Limit().Matches(text))
                limits.Add((int.Parse(m.Groups["age"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), m.Groups["months"].Success));
        return new AgeMentions(limits);
    }

    public bool IsLimit(int age, bool months) => _limits.Contains((age, months));

    /// <summary>The question cut where its ages that are not limits and its grade numbers were, the numbers left
    /// out: "trẻ 13 tuổi có quyền gì" gives "trẻ" and "tuổi có quyền gì". The parts are analysed apart, so that no
    /// syllable pair is made across a cut ("trẻ tuổi" is "young"). One part, the question itself, when there are none.</summary>
    public IReadOnlyList<string> Phrases(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        // Cheap test first: most questions have no digit.
        if (!question.AsSpan().ContainsAnyInRange('0', '9')) return [question];
        List<string>? phrases = null;
        var at = 0;
        foreach (Match m in Detail().Matches(question))
        {
            // "dưới 3 tuổi", "trên 15 tuổi": a limit is what the question asks about, whether or not the texts know it.
            if (m.Groups["limit"].Success) continue;
            if (m.Groups["age"].Success
                && IsLimit(int.Parse(m.Groups["age"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), m.Groups["months"].Success))
                continue;
            // Only the number goes: "tuổi" says the question is about age (the texts that set age bands hold it),
            // "lớp" that it is about school.
            var number = m.Groups["age"].Success ? m.Groups["age"] : m.Groups["number"];
            (phrases ??= []).Add(question[at..number.Index]);
            at = number.Index + number.Length;
        }
        if (phrases is null) return [question];
        phrases.Add(question[at..]);
        phrases.RemoveAll(string.IsNullOrWhiteSpace);
        return phrases;
    }

    // An age: a number of at most two digits, then "tuổi" (or "tháng tuổi"), with or without diacritics, apart by spaces
    // or a hyphen or glued ("13tuổi"), after a limit word or not. Without diacritics only the limit words that cannot be
    // another word: "toi 13 tuoi" is "tôi 13 tuổi". A grade: "lớp"/"lop" and a number from 1 to 12.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:(?<limit>(?i:dưới|duoi|từ|đủ|du|trên|tren|đến|den|tới|quá|hơn|hon|under|over)\s+)?(?<age>\d{1,2})\s*-?\s*(?<months>(?i:tháng|thang)\s+)?(?i:tuổi|tuoi)|(?i:lớp|lop)\s*(?<number>1[0-2]|[1-9]))(?![\p{L}\p{N}])")]
    private static partial Regex Detail();

    [GeneratedRegex(@"(?<!\p{L})(?i:dưới|từ|đủ|trên|đến|tới)\s+(?<age>\d{1,2})\s+(?<months>(?i:tháng)\s+)?(?i:tuổi)(?!\p{L})")]
    private static partial Regex Limit();
}
