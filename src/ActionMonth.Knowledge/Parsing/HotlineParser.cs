using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>Parses knowledge/hotlines.md. Only the national numbers 111, 113, 114 and 115 may be listed; anything
/// else is reported and left out, because a wrong phone number in a child-safety answer does real harm.</summary>
public static class HotlineParser
{
    public static readonly IReadOnlySet<string> NationalNumbers = new HashSet<string> { "111", "113", "114", "115" };
    private static readonly HashSet<string> Keys = ["name", "free", "hours", "when", "cite", "source"];

    public static IReadOnlyList<Hotline> Parse(string text, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        var blocks = MarkdownBlockReader.Read(text, fileName, errors);
        var result = new List<Hotline>();
        if (blocks.Count == 0 || blocks[0].Level != 1)
            errors.Add(GuideParser.Error(fileName, 1, "the first line must be '# title'"));
        foreach (var block in blocks.Where(b => b.Level == 2))
        {
            GuideParser.ReportUnknownKeys(block, Keys, "hotline", fileName, errors);
            var number = block.Heading.Trim();
            if (!NationalNumbers.Contains(number))
            {
                errors.Add(GuideParser.Error(fileName, block.Line, $"'{number}' is not a national number (111, 113, 114, 115); it is left out"));
                continue;
            }
            var free = block.Value("free")?.Trim().ToLowerInvariant() is "yes" or "có" or "true";
            result.Add(new Hotline(number, block.Value("name") ?? number, free, block.Value("hours") ?? "",
                block.Value("when") ?? "", block.Body, CardParser.ReadCitations(block, fileName, errors)));
        }
        return result;
    }
}
