using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Parsing;

/// <summary>The knowledge/ format (knowledge/README.md) read from the made-up fixtures.</summary>
public sealed class KnowledgeSourceReaderTests
{
    private static KnowledgeSnapshot ReadMini() => KnowledgeSourceReader.Read(new KnowledgeSources(
        RepositoryPaths.Fixture("knowledge-mini"), [RepositoryPaths.Fixture("corpus-mini")], ""));

    private static IEnumerable<string> ErrorsAt(KnowledgeSnapshot s, string file) =>
        s.Errors.Where(e => e.Location.File.EndsWith(file, StringComparison.Ordinal)).Select(e => $"{e.Location.Line}: {e.Message}");

    [Fact]
    public void Reads_guide_header_aliases_and_one_entry_per_article()
    {
        var guide = Assert.Single(ReadMini().Guides);
        Assert.Equal("01/2099/QH99", guide.Doc);
        Assert.Equal("Luật Mẫu Kiểm thử", guide.Title);
        Assert.Equal("Luật Mẫu 2099", guide.ShortName);
        Assert.Equal(["luật mẫu", "luat mau"], guide.Aliases);
        Assert.Equal("Luật", guide.Type);
        Assert.Equal("Hướng dẫn mẫu cho văn bản giả dùng trong kiểm thử.", guide.Intro);
        Assert.Equal([1, 2, 3, 4], guide.Entries.Select(e => e.Article));
        var e2 = guide.Entries[1];
        Assert.Equal("Quyền được vui chơi", e2.Title);
        Assert.Equal(["con được chơi ở đâu", "san choi cho be"], e2.Keywords);
        Assert.Equal([new Citation("07/2098/TT-BKT", 2)], e2.Citations);
        Assert.StartsWith("Trẻ được chơi sau giờ học.", e2.Explanation);
        Assert.DoesNotContain("comment", guide.Entries[1].Explanation + guide.Entries[2].Explanation);
    }

    [Fact]
    public void Reads_cards_with_variants_citations_and_kind_from_the_folder()
    {
        var s = ReadMini();
        Assert.Equal(["parent-slide-safety", "parent-library-weekend", "child-hit-at-school", "procedure-playground-danger"],
            s.Cards.Select(c => c.Id).OrderBy(id => id == "procedure-playground-danger").ToList());
        var card = s.Cards.Single(c => c.Id == "parent-slide-safety");
        Assert.Equal(CardKind.Faq, card.Kind);
        Assert.Equal(Audience.Parent, card.Audience);
        Assert.Equal("Con tôi muốn chơi cầu trượt ở sân chung có an toàn không?", card.Question);
        Assert.Equal(2, card.Variants.Count);
        Assert.Equal([new Citation("07/2098/TT-BKT", 2, 1), new Citation("01/2099/QH99", 2, 2, "a")], card.Citations);
        Assert.Equal(["parent-library-weekend"], card.Related);
        var procedure = s.Cards.Single(c => c.Id == "procedure-playground-danger");
        Assert.Equal(CardKind.Procedure, procedure.Kind);
        Assert.Equal(Audience.All, procedure.Audience);
        Assert.Contains("3. Gọi 115", procedure.Answer);
    }

    [Fact]
    public void Malformed_entries_are_reported_with_file_and_line_and_the_rest_still_loads()
    {
        var s = ReadMini();
        var faq = ErrorsAt(s, "faq/parents.md").ToList();
        Assert.Contains(faq, e => e.StartsWith("23: ", StringComparison.Ordinal) && e.Contains("without 'id:'"));
        Assert.Contains(faq, e => e.StartsWith("38: ", StringComparison.Ordinal) && e.Contains("cannot read citation"));
        Assert.Contains(faq, e => e.Contains("has no Điều 40"));
        Assert.Contains(faq, e => e.Contains("has no khoản 9"));
        Assert.Contains(faq, e => e.Contains("'parent-bad-citation' has no citation that exists"));
        Assert.Contains(faq, e => e.StartsWith("48: ", StringComparison.Ordinal) && e.Contains("unknown card key 'mood'"));
        var guide = ErrorsAt(s, "guides/luat-mau.md").ToList();
        Assert.Contains(guide, e => e.StartsWith("31: ", StringComparison.Ordinal) && e.Contains("unknown guide entry key 'color'"));
        Assert.Contains(guide, e => e.StartsWith("35: ", StringComparison.Ordinal) && e.Contains("'## Điều N. Title'"));
        // The card with the unknown key still loads; so does the guide entry.
        Assert.Contains(s.Cards, c => c.Id == "child-hit-at-school");
        Assert.Contains(s.Guides[0].Entries, e => e.Article == 4);
    }

    [Fact]
    public void Only_national_hotline_numbers_are_loaded()
    {
        var s = ReadMini();
        var hotline = Assert.Single(s.Hotlines);
        Assert.Equal("111", hotline.Number);
        Assert.True(hotline.Free);
        Assert.Equal("24/7", hotline.Hours);
        Assert.Contains(ErrorsAt(s, "hotlines.md"), e => e.StartsWith("11: ", StringComparison.Ordinal) && e.Contains("'999'"));
    }

    [Fact]
    public void Readme_and_sources_files_are_skipped()
    {
        var s = ReadMini();
        Assert.DoesNotContain(s.Errors, e => e.Location.File.Contains("README") || e.Location.File.Contains("SOURCES"));
        Assert.Equal(2, s.Documents.Count);
    }

    [Fact]
    public void Missing_folders_are_warnings_not_failures()
    {
        var s = KnowledgeSourceReader.Read(new KnowledgeSources("/nonexistent/knowledge", ["/nonexistent/corpus"], ""));
        Assert.Empty(s.Errors);
        Assert.Equal(2, s.Warnings.Count);
        Assert.Empty(s.Documents);
    }

    [Fact]
    public void Fingerprint_changes_with_content_and_only_then()
    {
        using var temp = new TempFolder();
        temp.CopyFrom(RepositoryPaths.Fixture("knowledge-mini"), "knowledge");
        var sources = new KnowledgeSources(temp.Combine("knowledge"), [RepositoryPaths.Fixture("corpus-mini")], "");
        var first = KnowledgeSourceReader.Read(sources).SourceFingerprint;
        Assert.Equal(first, KnowledgeSourceReader.Read(sources).SourceFingerprint);
        File.AppendAllText(temp.Combine("knowledge", "faq", "parents.md"), "\nMột câu thêm.\n");
        Assert.NotEqual(first, KnowledgeSourceReader.Read(sources).SourceFingerprint);
    }

    [Fact]
    public void Cite_syntax_reads_article_clause_and_point()
    {
        Assert.True(CitationSyntax.TryParse("56/2017/NĐ-CP Điều 25 khoản 1 điểm đ", out var c));
        Assert.Equal(new Citation("56/2017/NĐ-CP", 25, 1, "đ"), c);
        Assert.True(CitationSyntax.TryParse("102/2016/QH13 Điều 26", out c));
        Assert.Equal(new Citation("102/2016/QH13", 26), c);
        Assert.False(CitationSyntax.TryParse("Điều 26", out _));
        Assert.False(CitationSyntax.TryParse("102/2016/QH13 khoản 2", out _));
    }
}
