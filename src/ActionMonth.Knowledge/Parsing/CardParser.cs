using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>Parses FAQ and procedure cards (knowledge/faq, knowledge/procedures): one "## question" block per card.</summary>
public static partial class CardParser
{
    private static readonly HashSet<string> CardKeys = ["id", "audience", "ask", "cite", "related", "topic", "source", "kind"];

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CardId();

    public static IReadOnlyList<KnowledgeCard> Parse(string text, string fileName, CardKind kind, ICollection<KnowledgeLoadError> errors)
    {
        var blocks = MarkdownBlockReader.Read(text, fileName, errors);
        var cards = new List<KnowledgeCard>();
        if (blocks.Count == 0 || blocks[0].Level != 1)
        {
            errors.Add(GuideParser.Error(fileName, 1, "the first line must be '# title'"));
            if (blocks.Count == 0) return cards;
        }
        foreach (var block in blocks.Where(b => b.Level == 2))
        {
            GuideParser.ReportUnknownKeys(block, CardKeys, "card", fileName, errors);
            var id = block.Value("id");
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add(GuideParser.Error(fileName, block.Line, "card without 'id:'; it is skipped"));
                continue;
            }
            if (!CardId().IsMatch(id))
                errors.Add(GuideParser.Error(fileName, block.Line, $"card id '{id}' should be lower-case ASCII words joined by hyphens"));
            var citations = ReadCitations(block, fileName, errors);
            if (citations.Count == 0)
            {
                errors.Add(GuideParser.Error(fileName, block.Line, $"card '{id}' has no valid 'cite:'; it is skipped"));
                continue;
            }
            if (block.Body.Length == 0)
            {
                errors.Add(GuideParser.Error(fileName, block.Line, $"card '{id}' has no answer; it is skipped"));
                continue;
            }
            var audience = ReadAudience(block, fileName, errors);
            cards.Add(new KnowledgeCard(id, kind, audience, block.Heading, block.Values("ask").ToList(), block.Body, citations,
                SplitList(block.Values("related")), SplitList(block.Values("topic")), block.Values("source").ToList(),
                new SourceLocation(fileName, block.Line)));
        }
        return cards;
    }

    internal static IReadOnlyList<Citation> ReadCitations(MarkdownBlock block, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        var citations = new List<Citation>();
        foreach (var f in block.Fields.Where(f => f.Key == "cite"))
        {
            if (CitationSyntax.TryParse(f.Value, out var c)) citations.Add(c);
            else errors.Add(GuideParser.Error(fileName, f.Line, $"cannot read citation '{f.Value}' (expected 'DOC Điều N [khoản K] [điểm x]')"));
        }
        return citations;
    }

    private static Audience ReadAudience(MarkdownBlock block, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        var field = block.Fields.FirstOrDefault(f => f.Key == "audience");
        if (field is null) return Audience.All;
        switch (field.Value.Trim().ToLowerInvariant())
        {
            case "parent": return Audience.Parent;
            case "teacher": return Audience.Teacher;
            case "child": return Audience.Child;
            case "all": return Audience.All;
            default:
                errors.Add(GuideParser.Error(fileName, field.Line, $"audience '{field.Value}' is not parent, teacher, child or all"));
                return Audience.All;
        }
    }

    internal static IReadOnlyList<string> SplitList(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
