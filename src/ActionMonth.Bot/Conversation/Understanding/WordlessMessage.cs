namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>A message with no letters or digits (emoji, punctuation): nothing to search for, but crying faces from a
/// child say something, and get a gentle reply rather than "no information".</summary>
public static class WordlessMessage
{
    private static readonly string[] SadFaces =
        ["😢", "😭", "😞", "😔", "☹", "🙁", "😿", "💔", "😣", "😖", "😫", "😩", "😥", "😰", "😨", "😱", "🥺", "😓", "😟"];

    public static bool IsWordless(string text) => !text.Any(char.IsLetterOrDigit);

    public static bool LooksSad(string text) => SadFaces.Any(face => text.Contains(face, StringComparison.Ordinal));
}
