using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Content.Scanning;
using ActionMonth.Knowledge.Tests.Content.Support;
using ActionMonth.Knowledge.Tests.Support;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content;

/// <summary>What knowledge/ cites exists in the official texts of ../shared/corpus, as the project's own parsers
/// read them: the document, the article and, where given, the clause and the point; and every guide entry carries
/// the official article title.</summary>
public sealed class CitationTests
{
    [SkippableFact]
    public void Every_cite_line_names_an_existing_document_article_clause_and_point()
    {
        var documents = OfficialCorpus.Documents;
        var problems = new List<string>();
        var count = 0;
        foreach (var file in KnowledgeFolder.Files.Where(f => f.Relative != "README.md"))
        {
            foreach (var field in file.Blocks.SelectMany(b => b.Fields).Where(f => f.Key == "cite"))
            {
                count++;
                if (!CitationSyntax.TryParse(field.Value, out var citation))
                {
                    problems.Add($"{file.At(field.Line)}: cannot read 'cite: {field.Value}' (expected 'DOC Điều N [khoản K] [điểm x]')");
                    continue;
                }
                // No guides passed: only the official text counts, never our own guide to it.
                var problem = CitationChecker.Problem(citation, documents, []);
                if (problem is not null)
                {
                    problems.Add($"{file.At(field.Line)}: 'cite: {field.Value}': {problem}");
                    continue;
                }
                var official = documents.First(d => DocumentNumber.Same(d.Number, citation.Doc));
                if (citation.Doc != official.Number)
                    problems.Add($"{file.At(field.Line)}: 'cite: {field.Value}': write the document number as the official text does: {official.Number}");
            }
        }
        ContentAssert.NoProblems(problems,
            $"Every cite: line in knowledge/ must name a document, article, clause and point that exist in ../shared/corpus ({count} cite lines checked):");
        Assert.True(count > 500, $"only {count} cite lines found in knowledge/; the cards and guides should cite far more");
    }

    [SkippableFact]
    public void Every_guide_article_entry_has_the_exact_official_title()
    {
        var problems = new List<string>();
        foreach (var (file, guide) in KnowledgeFolder.Guides)
        {
            var official = OfficialCorpus.Find(guide.Doc);
            foreach (var entry in guide.Entries.Where(e => e.Article is not null))
            {
                var where = file.At(entry.Source.Line);
                if (official is null)
                {
                    problems.Add($"{where}: '## Điều {entry.Article}' in a guide to {guide.Doc}, which is not in ../shared/corpus; " +
                        "a document we have no text for gets '## Mục X. Heading' sections, never article numbers");
                    continue;
                }
                var article = official.Articles.FirstOrDefault(a => a.Number == entry.Article);
                if (article is null)
                {
                    problems.Add($"{where}: {official.Number} has no Điều {entry.Article}");
                    continue;
                }
                var ours = VietnameseText.ToNfc(entry.Title.Trim());
                var theirs = VietnameseText.ToNfc(article.Title.Trim());
                if (ours != theirs)
                    problems.Add($"{where}: Điều {entry.Article} title differs from the official one\n      ours:     '{ours}'\n      official: '{theirs}'");
            }
        }
        ContentAssert.NoProblems(problems, "Every '## Điều N. Title' must use the official title exactly (after NFC):");
    }

    [SkippableFact]
    public void Every_guide_names_its_document_as_the_official_text_does_or_says_where_its_facts_come_from()
    {
        var problems = new List<string>();
        foreach (var (file, guide) in KnowledgeFolder.Guides)
        {
            var official = OfficialCorpus.Find(guide.Doc);
            var where = file.At(guide.Source.Line);
            if (official is not null)
            {
                if (guide.Doc != official.Number)
                    problems.Add($"{where}: 'doc: {guide.Doc}' must be written as the official text writes it: '{official.Number}'");
                continue;
            }
            // No official text (Directive 28-CT/TW, a provincial plan): facts need their sources.
            if (guide.Sources.Count == 0)
                problems.Add($"{where}: guide to {guide.Doc}, which is not in ../shared/corpus, has no 'source:' line in its header");
            foreach (var entry in guide.Entries.Where(e => e.Article is null && e.Sources.Count == 0))
                problems.Add($"{file.At(entry.Source.Line)}: 'Mục {entry.Section}' of a document we have no text for has no 'source:' line");
        }
        ContentAssert.NoProblems(problems, "Guides name their document exactly, or source every section when we have no official text:");
    }

    [SkippableFact]
    public void Article_references_in_the_text_that_name_their_document_exist()
    {
        // The bot shows answers as written: "theo Điều 99 Nghị định 56" in an answer misleads as much as a bad cite: line.
        var snapshot = KnowledgeSourceReader.Read(new KnowledgeSources(RepositoryPaths.Knowledge, [SharedData.Corpus], ""));
        var aliases = DocumentAliasTable.Build(snapshot);
        var problems = new List<string>();
        var count = 0;
        foreach (var file in KnowledgeFolder.Files.Where(f => f.Relative != "README.md"))
        {
            for (var i = 0; i < file.Lines.Count; i++)
            {
                var line = file.Lines[i];
                // Field lines that cite or source are checked elsewhere; a '## Điều N. Title' heading is a title.
                if (line.StartsWith("cite:", StringComparison.Ordinal) || line.StartsWith("source:", StringComparison.Ordinal)
                    || line.StartsWith("## Điều", StringComparison.Ordinal)) continue;
                foreach (var reference in ProseReferenceFinder.Find(line, aliases))
                {
                    // Only documents we hold the text of can be checked; the rest (Directive 28) have no articles here.
                    if (OfficialCorpus.Find(reference.Citation.Doc) is null) continue;
                    count++;
                    if (CitationChecker.Problem(reference.Citation, OfficialCorpus.Documents, []) is { } problem)
                        problems.Add($"{file.At(i + 1)}: '{reference.Text}': {problem}");
                }
            }
        }
        ContentAssert.NoProblems(problems, $"Article references written in the text with their document must exist in ../shared/corpus ({count} checked):");
        Assert.True(count > 20, $"only {count} references in running text recognised; the finder is probably broken");
    }

    [Theory]
    [InlineData("Gọi 111 (Điều 23 Nghị định 56/2017/NĐ-CP).", "56/2017/NĐ-CP", 23, null, null)]
    [InlineData("theo điểm a khoản 1 Điều 25 Nghị định 56, ai cũng báo được", "56/2017/NĐ-CP", 25, 1, "a")]
    [InlineData("điều kiện ở Điều 63 khoản 2 của Luật Trẻ em thì", "102/2016/QH13", 63, 2, null)]
    [InlineData("dieu 6 luat tre em cam gi", "102/2016/QH13", 6, null, null)]
    public void The_prose_reference_finder_reads_article_clause_point_and_document(string line, string doc, int article, int? clause, string? point)
    {
        var reference = Assert.Single(ProseReferenceFinder.Find(line, Aliases));
        Assert.Equal(new Citation(doc, article, clause, point), reference.Citation);
    }

    [Theory]
    [InlineData("Đây là việc luật giao cho Bộ Y tế (khoản 2 Điều 84).")]
    [InlineData("theo Điều 97 Luật Hôn nhân và gia đình")]
    [InlineData("các Điều 33–37 Nghị định 56/2017/NĐ-CP")]
    [InlineData("the Action Month (Luật Điều 11, Nghị định 56).")]
    public void The_prose_reference_finder_leaves_references_without_a_known_document_alone(string line) =>
        Assert.Empty(ProseReferenceFinder.Find(line, Aliases));

    private static readonly DocumentAliasTable Aliases = new([
        ("luật trẻ em", "102/2016/QH13"), ("102/2016/QH13", "102/2016/QH13"),
        ("nghị định 56", "56/2017/NĐ-CP"), ("nghị định 56/2017/NĐ-CP", "56/2017/NĐ-CP"), ("56/2017/NĐ-CP", "56/2017/NĐ-CP"),
    ]);
}
