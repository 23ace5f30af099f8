using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>Parses a document guide (knowledge/guides/*.md): header fields, an introduction, and one
/// "## Điều N. Title" entry per article (or "## Mục X. Heading" for documents without articles).</summary>
public static partial class GuideParser
{
    private static readonly HashSet<string> HeaderKeys =
        ["doc", "type", "title", "short", "alias", "issuer", "signed", "effective", "status", "source", "note"];
    private static readonly HashSet<string> EntryKeys = ["keyword", "cite", "source", "audience"];

    [GeneratedRegex(@"^Điều\s+(?<n>\d+)\s*\.\s*(?<title>.*)$")]
    private static partial Regex ArticleHeading();

    [GeneratedRegex(@"^Mục\s+(?<id>[^.\s]+)\s*\.?\s*(?<title>.*)$")]
    private static partial Regex SectionHeading();

    public static DocumentGuide? Parse(string text, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        var blocks = MarkdownBlockReader.Read(text, fileName, errors);
        if (blocks.Count == 0 || blocks[0].Level != 1)
        {
            errors.Add(Error(fileName, 1, "the first line must be '# title'"));
            return null;
        }
        var header = blocks[0];
        ReportUnknownKeys(header, HeaderKeys, "guide header", fileName, errors);
        var doc = header.Value("doc");
        if (string.IsNullOrWhiteSpace(doc))
        {
            errors.Add(Error(fileName, header.Line, "guide without 'doc:'; the file is skipped"));
            return null;
        }
        var title = header.Value("title") ?? header.Heading;
        var entries = new List<GuideEntry>();
        var seenArticles = new HashSet<int>();
        foreach (var block in blocks.Skip(1))
        {
            if (block.Level == 1)
            {
                errors.Add(Error(fileName, block.Line, "a second '# ' title; entries are '## ' headings"));
                continue;
            }
            ReportUnknownKeys(block, EntryKeys, "guide entry", fileName, errors);
            var citations = CardParser.ReadCitations(block, fileName, errors);
            var article = ArticleHeading().Match(block.Heading);
            if (article.Success)
            {
                var n = int.Parse(article.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (!seenArticles.Add(n))
                {
                    errors.Add(Error(fileName, block.Line, $"Điều {n} has a second entry; it is ignored"));
                    continue;
                }
                entries.Add(new GuideEntry(doc, n, null, article.Groups["title"].Value.Trim(), block.Body,
                    block.Values("keyword").ToList(), citations, block.Values("source").ToList(),
                    new SourceLocation(fileName, block.Line)));
                continue;
            }
            var section = SectionHeading().Match(block.Heading);
            if (section.Success)
            {
                entries.Add(new GuideEntry(doc, null, section.Groups["id"].Value, section.Groups["title"].Value.Trim(), block.Body,
                    block.Values("keyword").ToList(), citations, block.Values("source").ToList(),
                    new SourceLocation(fileName, block.Line)));
                continue;
            }
            errors.Add(Error(fileName, block.Line, "guide entries must be '## Điều N. Title' or '## Mục X. Heading'"));
        }
        return new DocumentGuide(doc, title, header.Value("short") ?? title, header.Values("alias").ToList(),
            header.Value("type"), header.Value("issuer"), header.Value("signed"), header.Value("effective"),
            header.Value("status"), header.Body, header.Values("source").ToList(), entries,
            new SourceLocation(fileName, header.Line));
    }

    internal static void ReportUnknownKeys(MarkdownBlock block, HashSet<string> allowed, string what, string fileName,
        ICollection<KnowledgeLoadError> errors)
    {
        foreach (var f in block.Fields.Where(f => !allowed.Contains(f.Key)))
            errors.Add(Error(fileName, f.Line, $"unknown {what} key '{f.Key}'"));
    }

    internal static KnowledgeLoadError Error(string file, int line, string message) => new(new SourceLocation(file, line), message);
}
