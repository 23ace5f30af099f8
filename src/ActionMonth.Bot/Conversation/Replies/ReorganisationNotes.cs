using System.Runtime.CompilerServices;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>
/// Notes for texts that name bodies which no longer exist in that form (facts.md §2 and §6): child affairs moved
/// from the Ministry of Labour, Invalids and Social Affairs to the Ministry of Health on 01/03/2025, and district
/// level government ended on 01/07/2025. The official texts still say what they said when issued; the note tells
/// the reader who acts now.
/// </summary>
public sealed class ReorganisationNotes
{
    // Folded, punctuation-free word sequences.
    private static readonly string[] MinistryCues =
    [
        "lao dong thuong binh va xa hoi", "bo ldtbxh", "so ldtbxh", "phong ldtbxh", "ldtbxh",
    ];

    private static readonly string[] DistrictCues = ["cap huyen"];

    // The texts checked are mostly the catalog's own strings (card answers, guide explanations, official articles),
    // the same instances answer after answer: remember what each one names instead of folding it again.
    private readonly ConditionalWeakTable<string, Found> _seen = new();

    public IReadOnlyList<string> For(IEnumerable<string?> texts, UiText ui)
    {
        var ministry = false;
        var district = false;
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            var found = _seen.GetValue(text, Scan);
            ministry |= found.Ministry;
            district |= found.District;
        }
        var notes = new List<string>(2);
        if (ministry) notes.Add(ui.MinistryReorganisationNote);
        if (district) notes.Add(ui.DistrictReorganisationNote);
        return notes;
    }

    private static Found Scan(string text)
    {
        var words = " " + string.Join(' ', VietnameseText.Words(VietnameseText.Fold(text))) + " ";
        return new Found(
            MinistryCues.Any(cue => words.Contains(" " + cue + " ", StringComparison.Ordinal)),
            DistrictCues.Any(cue => words.Contains(" " + cue + " ", StringComparison.Ordinal)));
    }

    private sealed record Found(bool Ministry, bool District);
}
