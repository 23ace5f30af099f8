using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Tests.Content.Scanning;
using ActionMonth.Knowledge.Tests.Content.Support;

namespace ActionMonth.Knowledge.Tests.Content;

/// <summary>
/// knowledge/ is written in our own words: no run of eight or more words of it appears in an official text of
/// ../shared/corpus. Compared: every line of every file, except the lines that must quote the official text —
/// a guide's '# Document title (number)' first line and '## Điều N. Title' headings (titles are names), 'title:'
/// header lines and 'cite:'/'source:' lines. An official title quoted in prose is compared like any other text.
/// The long official names listed in Content/official-names.txt count as one word.
/// </summary>
public sealed partial class CopyingTests
{
    private const int GramWords = 8;
    private const int MinNameWords = 6;

    [GeneratedRegex(@"^##\s+Điều\s+\d+\s*\.")]
    private static partial Regex OfficialTitleHeading();

    [GeneratedRegex(@"^(title|cite|source):")]
    private static partial Regex QuotingField();

    [GeneratedRegex(@"^(#{1,6}\s|[a-z]+:)")]
    private static partial Regex StandaloneLine();

    private static readonly Lazy<CopiedTextFinder> LazyFinder = new(() => new CopiedTextFinder(
        OfficialCorpus.Files.Select(f => (f.Name, f.Text)), OfficialNames.Read().Select(n => n.Name), GramWords));

    /// <summary>Skips (or fails in CI) before the finder is built when ../shared is missing: a Lazy would cache the skip.</summary>
    private static CopiedTextFinder Finder()
    {
        _ = OfficialCorpus.Files;
        return LazyFinder.Value;
    }

    [SkippableFact]
    public void No_run_of_eight_words_is_copied_from_the_official_texts()
    {
        var finder = Finder();
        var problems = new List<string>();
        foreach (var file in KnowledgeFolder.Files)
        {
            foreach (var segment in Segments(file))
            {
                foreach (var run in finder.Find(segment))
                    problems.Add($"{file.At(run.Line)}: {run.Words} words as in corpus/{run.OfficialFile}: \"{run.Text}\"");
            }
        }
        ContentAssert.NoProblems(problems,
            $"No run of {GramWords} or more words may be copied from the official texts; rewrite it in our own words " +
            "(a long official NAME may be added to tests/ActionMonth.Knowledge.Tests/Content/official-names.txt, never a sentence):");
    }

    [SkippableFact]
    public void The_allowed_official_names_are_few_long_and_really_official()
    {
        var names = OfficialNames.Read();
        var official = OfficialCorpus.Files.Select(f => string.Join(' ', CopiedTextFinder.Words(f.Text))).ToList();
        var problems = new List<string>();
        foreach (var (line, name) in names)
        {
            var words = CopiedTextFinder.Words(name);
            // A name of six or seven words trips the check with the word or two written around it ("… Việt Nam và").
            if (words.Length < MinNameWords)
                problems.Add($"official-names.txt:{line}: '{name}' has {words.Length} words; a name under {MinNameWords} words never needs listing");
            var joined = " " + string.Join(' ', words) + " ";
            if (!official.Any(t => (" " + t + " ").Contains(joined, StringComparison.Ordinal)))
                problems.Add($"official-names.txt:{line}: '{name}' does not appear in ../shared/corpus, so it is not an official name");
        }
        if (names.Count > 12) problems.Add($"official-names.txt lists {names.Count} names; keep it short (at most 12): names, not sentences");
        ContentAssert.NoProblems(problems, "The allowed-names list (" + OfficialNames.Path + ") holds only long official names:");
    }

    [SkippableFact]
    public void The_finder_catches_a_copied_clause_and_allows_a_listed_name()
    {
        var finder = Finder();
        // A clause of the Law, copied with different case and punctuation, must be found.
        var law = OfficialCorpus.Find("102/2016/QH13")!;
        var clause = law.Articles.First(a => a.Number == 6).Clauses.First(c => CopiedTextFinder.Words(c.Text).Length >= 12).Text;
        var copied = finder.Find([(7, "Như luật nói: " + clause.ToUpperInvariant().Replace(",", "", StringComparison.Ordinal))]);
        Assert.Contains(copied, r => r.Line == 7 && r.Words >= 12 && r.OfficialFile == "luat-tre-em-102-2016-QH13.md");
        // The hotline's name alone is fine.
        Assert.Empty(finder.Find([(1, "Gọi Tổng đài điện thoại quốc gia bảo vệ trẻ em, số 111.")]));
    }

    /// <summary>The file cut into the pieces compared: each heading or field line alone, body lines joined into
    /// paragraphs (a sentence may wrap), lines that quote the official text left out.</summary>
    private static IEnumerable<List<(int Line, string Text)>> Segments(KnowledgeFile file)
    {
        var paragraph = new List<(int, string)>();
        for (var i = 0; i < file.Lines.Count; i++)
        {
            var line = file.Lines[i];
            var number = i + 1;
            var blank = line.Trim().Length == 0;
            var skipped = OfficialTitleHeading().IsMatch(line) || QuotingField().IsMatch(line)
                || (file.Section == "guides" && line.StartsWith("# ", StringComparison.Ordinal));
            if (blank || skipped || StandaloneLine().IsMatch(line))
            {
                if (paragraph.Count > 0) { yield return paragraph; paragraph = []; }
                if (!blank && !skipped) yield return [(number, line)];
                continue;
            }
            paragraph.Add((number, line));
        }
        if (paragraph.Count > 0) yield return paragraph;
    }
}
