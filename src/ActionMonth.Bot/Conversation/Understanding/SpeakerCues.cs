using ActionMonth.Knowledge.Model;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Whether a Vietnamese question from a user who has not chosen a role sounds like a child asking for themself or like
/// an adult asking about a child. Used only to pick between cards written for children ("em") and for adults
/// ("con bạn", "học sinh"), never to decide anything about safety. A child says "em" of themself ("em bị bạn bắt nạt",
/// "bố mẹ em"); "trẻ em", "các em", "con em", "em bé" are about someone else. An adult names the child ("trẻ", "con",
/// "cháu", "bé", "học sinh lớp tôi"). Adults also call themselves "em" out of politeness, so a question with both says
/// nothing, as does one with neither ("bị bạn bắt nạt thì làm sao", "học sinh đi làm thêm có bị cấm không"): the
/// engine's first answer then stands.
/// </summary>
public static class SpeakerCues
{
    // Words before "em" that make it someone else: "trẻ em", "các em", "anh em", "con em" (my child), "cháu em".
    private static readonly HashSet<string> NotSelfBefore = new(StringComparer.Ordinal)
    {
        "tre", "cac", "nhung", "anh", "chi", "con", "chau", "hai", "may", "moi", "nhieu", "be",
    };

    // A parent speaking of their own child or spouse, whatever pronoun they use for themself ("con em", "chồng em").
    private static readonly HashSet<string> ParentWords = new(StringComparer.Ordinal)
    {
        "con em", "con toi", "con minh", "con cua", "chau toi", "chau nha", "be nha", "chong em", "chong toi", "vo toi",
        "bo no", "me no", "nuoi con",
    };

    // School words: an adult who names the child and speaks of school is most often staff.
    private static readonly HashSet<string> SchoolWords = new(StringComparer.Ordinal)
    {
        "hoc sinh", "giao vien", "nha truong", "hieu truong", "hs",
    };

    // Words and pairs an adult uses for the child they ask about.
    private static readonly HashSet<string> ChildNamedByAdult = new(StringComparer.Ordinal)
    {
        "tre", "con", "chau", "be", "lop toi", "truong toi", "hoc sinh toi", "hs toi",
    };

    // Looked up by span: this runs on most questions of users without a role, and the key's words and word pairs are
    // slices of one string (TextKey separates words by one space), so nothing is allocated per word.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotSelfBeforeSpans = NotSelfBefore.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ParentSpans = ParentWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SchoolSpans = SchoolWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AdultSpans = ChildNamedByAdult.GetAlternateLookup<ReadOnlySpan<char>>();

    // Words looked at; a longer message is read by its first ones, which is where people say who they are.
    private const int MaxWords = 96;

    public static Audience? Guess(string? text)
    {
        var key = TextKey.Of(text).AsSpan();
        Span<Range> words = stackalloc Range[MaxWords];
        var count = key.Split(words, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count == MaxWords) count--; // the last range holds the rest of the text, not one word
        bool child = false, school = false, adult = false;
        for (var i = 0; i < count; i++)
        {
            var word = key[words[i]];
            var pair = i + 1 < count ? key[words[i].Start..words[i + 1].End] : default;
            if (!pair.IsEmpty && ParentSpans.Contains(pair)) return Audience.Parent;
            if (word.SequenceEqual("em")
                && (i == 0 || !NotSelfBeforeSpans.Contains(key[words[i - 1]]))
                && (i + 1 == count || !key[words[i + 1]].SequenceEqual("be")))
                child = true;
            if (!pair.IsEmpty && SchoolSpans.Contains(pair) || SchoolSpans.Contains(word)) school = true;
            if (AdultSpans.Contains(word) || !pair.IsEmpty && AdultSpans.Contains(pair)) adult = true;
        }
        if (child == adult) return null;
        return child ? Audience.Child : school ? Audience.Teacher : Audience.Parent;
    }
}
