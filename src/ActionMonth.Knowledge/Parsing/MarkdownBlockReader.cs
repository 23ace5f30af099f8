using System.Text;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>One "key: value" line under a heading.</summary>
public sealed record FieldLine(string Key, string Value, int Line);

/// <summary>A '#' or '##' heading with its field lines and its body text (knowledge/README.md, "Shared syntax").</summary>
public sealed record MarkdownBlock(int Level, string Heading, int Line, IReadOnlyList<FieldLine> Fields, string Body)
{
    public IEnumerable<string> Values(string key) => Fields.Where(f => f.Key == key).Select(f => f.Value);
    public string? Value(string key) => Fields.FirstOrDefault(f => f.Key == key)?.Value;
}

/// <summary>
/// Splits a knowledge/ file into heading blocks: field lines directly under a heading (before the first blank
/// line), then body text until the next heading. HTML comments are dropped, also when they span lines.
/// </summary>
public static partial class MarkdownBlockReader
{
    [GeneratedRegex(@"^(?<key>[a-z]+):\s*(?<value>.*)$")]
    private static partial Regex Field();

    public static IReadOnlyList<MarkdownBlock> Read(string text, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        var blocks = new List<MarkdownBlock>();
        var lines = StripComments(VietnameseText.ToNfc(text.TrimStart('\uFEFF')));
        int? level = null;
        string heading = "";
        var headingLine = 0;
        var fields = new List<FieldLine>();
        var body = new StringBuilder();
        var inFields = false;

        void Flush()
        {
            if (level is null) return;
            blocks.Add(new MarkdownBlock(level.Value, heading, headingLine, fields.ToList(), body.ToString().Trim()));
            fields.Clear();
            body.Clear();
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (line is null) continue; // inside a comment
            if (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                level = line.StartsWith("# ", StringComparison.Ordinal) ? 1 : 2;
                heading = line[(level.Value + 1)..].Trim();
                headingLine = number;
                inFields = true;
                continue;
            }
            if (level is null)
            {
                if (line.Trim().Length > 0)
                    errors.Add(new KnowledgeLoadError(new SourceLocation(fileName, number), "text before the first heading"));
                continue;
            }
            if (inFields)
            {
                if (line.Trim().Length == 0) { inFields = false; continue; }
                var m = Field().Match(line.TrimEnd());
                if (m.Success)
                {
                    fields.Add(new FieldLine(m.Groups["key"].Value, m.Groups["value"].Value.Trim(), number));
                    continue;
                }
                inFields = false;
            }
            body.Append(line.TrimEnd()).Append('\n');
        }
        Flush();
        return blocks;
    }

    /// <summary>Lines of the text with comments removed; a line that was only a comment becomes null so line
    /// numbers still match the file.</summary>
    private static List<string?> StripComments(string text)
    {
        var result = new List<string?>();
        var inComment = false;
        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var sb = new StringBuilder();
            var hadComment = inComment;
            var i = 0;
            while (i < line.Length)
            {
                if (inComment)
                {
                    var end = line.IndexOf("-->", i, StringComparison.Ordinal);
                    if (end < 0) { i = line.Length; break; }
                    inComment = false;
                    i = end + 3;
                }
                else
                {
                    var start = line.IndexOf("<!--", i, StringComparison.Ordinal);
                    if (start < 0) { sb.Append(line, i, line.Length - i); break; }
                    sb.Append(line, i, start - i);
                    inComment = true;
                    hadComment = true;
                    i = start + 4;
                }
            }
            var kept = sb.ToString();
            result.Add(hadComment && kept.Trim().Length == 0 ? null : kept);
        }
        return result;
    }
}
