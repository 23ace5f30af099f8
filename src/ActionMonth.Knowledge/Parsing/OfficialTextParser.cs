using System.Text;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>
/// Parses an official legal text in the corpus format (interfaces.md) into document → articles → clauses →
/// points. Tolerant of what the real pháp điển files contain: missing chapters, very long lines, run-together
/// words, sub-points such as "a1)" (kept inside their point) and Chương/Mục headings whose name is on the next line.
/// </summary>
public static partial class OfficialTextParser
{
    [GeneratedRegex(@"^#\s*(?<title>.*?)\s*\((?<number>[^()]+)\)\s*$")]
    private static partial Regex FirstLine();

    // "Điều 12. Title", also "Điều 12.Title", "Điều 12: Title", "## Điều 12. Title" and "**Điều 12.**".
    [GeneratedRegex(@"^[#*\s]*Điều\s+(?<n>\d+)\s*[.:](?!\d)\**\s*(?<title>.*?)\**\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ArticleLine();

    [GeneratedRegex(@"^(?<kind>Chương|Mục)\s+(?<id>[IVXLCDM]+|\d+)\b\s*[.:\-–]?\s*(?<name>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingLine();

    // "1. Text" or "1.Text", not "1.000 đồng" or "1.2".
    [GeneratedRegex(@"^(?<n>\d{1,3})\s*\.(?!\d)\s*(?<text>\S.*)$")]
    private static partial Regex ClauseLine();

    // "a) Text" and "đ) Text"; "a1) Text" is a sub-point and stays inside point a.
    [GeneratedRegex(@"^(?<letter>[a-zđ])\s*\)\s*(?<text>.*)$")]
    private static partial Regex PointLine();

    public static OfficialDocument? ParseFile(string path, ICollection<KnowledgeLoadError> errors, string? displayName = null)
    {
        var name = displayName ?? path;
        try
        {
            return Parse(File.ReadAllText(path, Encoding.UTF8), name, errors);
        }
        catch (IOException ex)
        {
            errors.Add(new KnowledgeLoadError(new SourceLocation(name, 0), $"cannot read the file: {ex.Message}"));
            return null;
        }
    }

    /// <summary>Parses one document; problems go to <paramref name="errors"/> and what can be read is returned.</summary>
    public static OfficialDocument? Parse(string text, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        var lines = SplitLines(text);
        var firstIndex = lines.FindIndex(l => l.Trim().Length > 0);
        if (firstIndex < 0)
        {
            errors.Add(new KnowledgeLoadError(new SourceLocation(fileName, 1), "empty file"));
            return null;
        }
        var first = FirstLine().Match(lines[firstIndex].Trim());
        if (!first.Success)
        {
            errors.Add(new KnowledgeLoadError(new SourceLocation(fileName, firstIndex + 1),
                "the first line must be '# TITLE (document number)'"));
            return null;
        }
        var number = first.Groups["number"].Value.Trim();
        var builder = new DocumentBuilder(number, fileName, errors);
        for (var i = firstIndex + 1; i < lines.Count; i++)
        {
            builder.Add(lines[i], i + 1);
        }
        var articles = builder.Finish();
        if (articles.Count == 0)
        {
            errors.Add(new KnowledgeLoadError(new SourceLocation(fileName, firstIndex + 1), "no 'Điều N. Title' line found"));
            return null;
        }
        return new OfficialDocument(number, first.Groups["title"].Value.Trim(), lines[firstIndex].Trim(), articles,
            new SourceLocation(fileName, firstIndex + 1));
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        string? line;
        while ((line = reader.ReadLine()) is not null) lines.Add(VietnameseText.ToNfc(line));
        return lines;
    }

    /// <summary>Accumulates lines into articles; one instance per document.</summary>
    private sealed class DocumentBuilder(string number, string fileName, ICollection<KnowledgeLoadError> errors)
    {
        private readonly List<OfficialArticle> _articles = [];
        private readonly HashSet<int> _seen = [];
        private string? _chapter;
        private string? _section;
        // Set after a "Chương I" / "Mục 1" line without a name: the next text line is that name.
        private Action<string>? _pendingHeadingName;

        private int _articleNumber;
        private string _articleTitle = "";
        private int _articleLine;
        private string? _articleChapter;
        private string? _articleSection;
        private readonly StringBuilder _intro = new();
        private readonly List<(int Number, StringBuilder Text, List<(string Letter, StringBuilder Text)> Points)> _clauses = [];
        private bool _inArticle;

        public void Add(string raw, int lineNumber)
        {
            var line = raw.Trim();
            if (line.Length == 0) return;

            var article = ArticleLine().Match(line);
            if (article.Success)
            {
                _pendingHeadingName = null;
                Close();
                var n = int.Parse(article.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (!_seen.Add(n))
                {
                    errors.Add(new KnowledgeLoadError(new SourceLocation(fileName, lineNumber),
                        $"Điều {n} appears twice; the later one is ignored"));
                    _inArticle = false;
                    _ignoring = true;
                    return;
                }
                _ignoring = false;
                _inArticle = true;
                _articleNumber = n;
                _articleTitle = article.Groups["title"].Value.Trim();
                _articleLine = lineNumber;
                _articleChapter = _chapter;
                _articleSection = _section;
                return;
            }

            var heading = HeadingLine().Match(line);
            if (heading.Success && IsStructuralHeading(heading))
            {
                Close();
                _inArticle = false;
                _ignoring = false;
                var label = $"{Capitalise(heading.Groups["kind"].Value)} {heading.Groups["id"].Value}";
                var name = heading.Groups["name"].Value.Trim();
                var isChapter = heading.Groups["kind"].Value.StartsWith('C') || heading.Groups["kind"].Value.StartsWith('c');
                if (isChapter) { _chapter = Join(label, name); _section = null; }
                else _section = Join(label, name);
                _pendingHeadingName = name.Length > 0 ? null : isChapter
                    ? s => _chapter = Join(label, s)
                    : s => _section = Join(label, s);
                return;
            }

            if (_pendingHeadingName is not null && !_inArticle)
            {
                _pendingHeadingName(line);
                _pendingHeadingName = null;
                return;
            }

            if (_ignoring) return;
            if (!_inArticle)
            {
                // Text between the title and the first article (a preamble) is not part of any article.
                return;
            }

            var clause = ClauseLine().Match(line);
            if (clause.Success)
            {
                var n = int.Parse(clause.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var expected = _clauses.Count == 0 ? 1 : _clauses[^1].Number + 1;
                // A number out of sequence is ordinary text ("2. " quoted inside a clause), not a new clause.
                if (n == expected)
                {
                    _clauses.Add((n, new StringBuilder(clause.Groups["text"].Value.Trim()), []));
                    return;
                }
            }

            var point = PointLine().Match(line);
            if (point.Success && _clauses.Count > 0)
            {
                _clauses[^1].Points.Add((point.Groups["letter"].Value, new StringBuilder(point.Groups["text"].Value.Trim())));
                return;
            }

            // Continuation: a sub-point, a dash item or a paragraph belongs to the innermost open element.
            if (_clauses.Count > 0)
            {
                var last = _clauses[^1];
                var target = last.Points.Count > 0 ? last.Points[^1].Text : last.Text;
                target.Append('\n').Append(line);
            }
            else
            {
                if (_intro.Length > 0) _intro.Append('\n');
                _intro.Append(line);
            }
        }

        private bool _ignoring;

        public IReadOnlyList<OfficialArticle> Finish()
        {
            Close();
            return _articles;
        }

        private void Close()
        {
            if (!_inArticle) return;
            var clauses = _clauses
                .Select(c => new OfficialClause(c.Number, c.Text.ToString(),
                    c.Points.Select(p => new OfficialPoint(p.Letter, p.Text.ToString())).ToList()))
                .ToList();
            _articles.Add(new OfficialArticle(number, _articleNumber, _articleTitle, _articleChapter, _articleSection,
                _intro.ToString(), clauses, new SourceLocation(fileName, _articleLine)));
            _intro.Clear();
            _clauses.Clear();
            _inArticle = false;
        }

        // "Mục 1" inside an article's text ("Mục 2 của Chương này") is prose, not a heading: a real heading line is
        // short and either bare or followed by an upper-case name.
        private static bool IsStructuralHeading(Match m)
        {
            var name = m.Groups["name"].Value.Trim();
            if (name.Length == 0) return true;
            if (name.Length > 200) return false;
            var letters = name.Where(char.IsLetter).ToList();
            return letters.Count > 0 && letters.Count(char.IsUpper) * 2 >= letters.Count;
        }

        private static string Join(string label, string name) => name.Length == 0 ? label : $"{label}. {name}";

        private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
    }
}
