using System.Text.RegularExpressions;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>Whether an English message names the speaker's own child or pupil ("my 8 year old", "my son", "my
/// students"), or a child other than the speaker ("a pupil told me", "the girl next door"): the words of an adult
/// speaking about a child. Used only to choose which wording a reply takes (both give 111), never to decide whether
/// to escalate.</summary>
public static partial class EnglishSpeakerCues
{
    public static bool NamesOwnChild(string? text) => text is not null && OwnChild().IsMatch(text);

    /// <summary>A teacher naming their own pupils ("my students", "our class").</summary>
    public static bool NamesOwnPupils(string? text) => text is not null && OwnPupils().IsMatch(text);

    /// <summary>School staff as the one who reports ("who should a teacher report abuse to", "as a teacher"), not "my
    /// son's teacher" (the one who harmed).</summary>
    public static bool NamesTeacherAsReporter(string? text) => text is not null && TeacherAsReporter().IsMatch(text);

    public static bool NamesAChild(string? text) => text is not null && (OwnChild().IsMatch(text) || AnotherChild().IsMatch(text));

    [GeneratedRegex(@"\b(?:pupils?|students?|(?:a|the|this|that|one|another)\s+(?:child|kid|girl|boy|baby|toddler|teen)|neighbou?r'?s\s+(?:kids?|child|children|son|daughter|girl|boy|baby)|(?:his|her|their)\s+(?:son|daughter|kids?|child|children|stepson|stepdaughter))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnotherChild();

    [GeneratedRegex(@"\b(?:my|our)\s+(?:students?|pupils?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnPupils();

    [GeneratedRegex(@"(?:^|\b(?:a|as a|the|as the|we|I am a|I'm a)\s+)teachers?\b(?![''’]s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TeacherAsReporter();

    [GeneratedRegex(@"\b(?:my|our)\s+(?:\d{1,2}\s*-?\s*(?:years?|yrs?|y)\s*-?\s*olds?|\d{1,2}\s*yo|son|sons|daughter|daughters|kids?|child|children|boy|girl|baby(?!\s*-?\s*(?:brothers?|sisters?))|toddler|teen|teenager|students?|pupils?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    // "my baby sister" is a sibling: the speaker is then often a child.
    private static partial Regex OwnChild();
}
