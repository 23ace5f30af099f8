using System.Text.RegularExpressions;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>Whether an English message names the speaker's own child or pupil ("my 8 year old", "my son", "my
/// students"): the words of an adult speaking about a child. Used only to choose the wording of the gentle concern
/// line, never to decide anything about safety.</summary>
public static partial class EnglishSpeakerCues
{
    public static bool NamesOwnChild(string? text) => text is not null && OwnChild().IsMatch(text);

    [GeneratedRegex(@"\b(?:my|our)\s+(?:\d{1,2}\s*-?\s*(?:years?|yrs?|y)\s*-?\s*olds?|\d{1,2}\s*yo|son|sons|daughter|daughters|kids?|child|children|boy|girl|baby|toddler|teen|teenager|students?|pupils?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnChild();
}
