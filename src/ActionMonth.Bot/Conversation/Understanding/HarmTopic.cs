namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Whether a question is about a child being harmed or about reporting harm ("báo bạo hành ở đâu", "how do I report
/// abuse"). Used when the engine has no confident answer: such a question then gets how to report and find help,
/// never "I have no information"; and by <see cref="ReportingQuestion"/>. Matched on the folded words (<see cref="TextKey"/>), so a typed word without its
/// marks counts; a wrong match costs an answer about reporting, which is never harmful but is jarring to a child who
/// only lost a pen: "bị bán" (sold) is listed with what follows it, since folded "bi ban" is also "bị bạn" (by a friend).
/// </summary>
public static class HarmTopic
{
    // Folded phrases, matched on whole words. Kept to words that name harm to a child ...
    private static readonly string[] Harm =
    [
        "xam hai", "bao hanh", "bao luc", "danh dap", "nguoc dai", "boc lot", "mua ban tre", "bat coc", "bo roi",
        "bo mac", "bo doi", "hiep dam", "dam o", "sam so", "quay roi tinh duc", "tao hon", "ep ket hon", "bat nat",
        "bi danh", "danh con", "danh tre", "danh hoc sinh", "danh chau", "me danh", "bo danh", "cha danh", "ba danh",
        "bat lam", "ep lam", "bat di lam", "lao dong tre em", "bi ban sang", "bi ban cho", "bi ban di", "ep cuoi", "ep lay chong", "tu hai",
        "abuse", "abused", "abusing", "violence", "beaten", "beating", "molested", "trafficking", "neglected", "neglect",
        "bullied", "bullying", "forced to work", "child labour", "child labor", "suicide", "self harm", "hurt", "harmed",
    ];

    // ... or reporting it.
    private static readonly string[] Reporting = ["to giac", "to cao", "trinh bao", "bao tin", "report"];

    /// <summary>Names harm to a child or reporting it.</summary>
    public static bool Mentions(string? text) => Contains(TextKey.Of(text), Harm) || Contains(TextKey.Of(text), Reporting);

    /// <summary>Names harm to a child itself (reporting words alone do not count).</summary>
    public static bool MentionsHarm(string? text) => Contains(TextKey.Of(text), Harm);

    private static bool Contains(string key, string[] phrases)
    {
        if (key.Length == 0) return false;
        foreach (var phrase in phrases)
        {
            for (var at = key.IndexOf(phrase, StringComparison.Ordinal); at >= 0;
                 at = key.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                var end = at + phrase.Length;
                if ((at == 0 || key[at - 1] == ' ') && (end == key.Length || key[end] == ' ')) return true;
            }
        }
        return false;
    }
}
