using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Content.Support;
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
}
