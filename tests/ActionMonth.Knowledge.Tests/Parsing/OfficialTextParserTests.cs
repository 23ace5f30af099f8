using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Parsing;

public sealed class OfficialTextParserTests
{
    private static OfficialDocument ParseFixture(string name, List<KnowledgeLoadError> errors) =>
        OfficialTextParser.ParseFile(RepositoryPaths.Fixture(Path.Combine("corpus-mini", name)), errors, name)!;

    [Fact]
    public void Reads_number_title_chapters_sections_clauses_and_points()
    {
        var errors = new List<KnowledgeLoadError>();
        var doc = ParseFixture("luat-mau-01-2099-QH99.md", errors);
        Assert.Empty(errors);
        Assert.Equal("01/2099/QH99", doc.Number);
        Assert.Equal("LUẬT MẪU KIỂM THỬ", doc.Title);
        Assert.Equal([1, 2, 3, 4], doc.Articles.Select(a => a.Number));

        var a2 = doc.Articles[1];
        Assert.Equal("Quyền được vui chơi", a2.Title);
        Assert.Equal("Chương I. QUY ĐỊNH CHUNG", a2.Chapter);
        Assert.Null(a2.Section);
        Assert.Equal("Các em nhỏ có những quyền sau:", a2.Intro);
        Assert.Equal([1, 2, 3], a2.Clauses.Select(c => c.Number));
        Assert.Equal(["a", "b", "c", "d", "đ"], a2.Clauses[1].Points.Select(p => p.Letter));
        Assert.StartsWith("Điểm vui chơi miễn phí", a2.Clauses[1].Points[4].Text);
        Assert.Equal(new SourceLocation("luat-mau-01-2099-QH99.md", 9), a2.Source);
    }

    [Fact]
    public void Tolerates_run_together_headings_out_of_sequence_numbers_sub_points_and_long_lines()
    {
        var errors = new List<KnowledgeLoadError>();
        var a3 = ParseFixture("luat-mau-01-2099-QH99.md", errors).Articles[2];
        Assert.Equal("Trách nhiệm của gia đình", a3.Title);
        Assert.Equal("Chương II. TRÁCH NHIỆM", a3.Chapter);
        Assert.Equal("Mục 1. GIA ĐÌNH", a3.Section);
        Assert.Equal([1, 2], a3.Clauses.Select(c => c.Number));
        Assert.StartsWith("Cha mẹ trò chuyện", a3.Clauses[0].Text);
        // "3." after "1." is not a clause: it stays text of clause 1.
        Assert.Contains("3. Dòng này bắt đầu bằng số không đúng thứ tự", a3.Clauses[0].Text);
        Assert.Equal(["a", "b"], a3.Clauses[1].Points.Select(p => p.Letter));
        Assert.Contains("a1) Mục con của điểm a", a3.Clauses[1].Points[0].Text);
        Assert.Contains("mục thử số 159.", a3.Clauses[1].Points[1].Text);
        Assert.Equal("Mục 2. NHÀ TRƯỜNG", ParseFixture("luat-mau-01-2099-QH99.md", errors).Articles[3].Section);
    }

    [Fact]
    public void Document_without_chapters_has_articles_without_chapter()
    {
        var errors = new List<KnowledgeLoadError>();
        var doc = ParseFixture("thong-tu-mau-07-2098-TT-BKT.md", errors);
        Assert.Empty(errors);
        Assert.Equal("07/2098/TT-BKT", doc.Number);
        Assert.All(doc.Articles, a => Assert.Null(a.Chapter));
        Assert.Equal("Thông tư mẫu này hướng dẫn việc kiểm tra sân chơi trong bộ kiểm thử.", doc.Articles[0].Intro);
    }

    [Fact]
    public void Missing_title_line_is_an_error_at_line_one_and_nothing_is_returned()
    {
        var errors = new List<KnowledgeLoadError>();
        Assert.Null(OfficialTextParser.Parse("Điều 1. Phạm vi\nNội dung.", "bad.md", errors));
        var error = Assert.Single(errors);
        Assert.Equal(new SourceLocation("bad.md", 1), error.Location);
    }

    [Fact]
    public void Duplicate_article_is_reported_at_its_line_and_the_first_one_kept()
    {
        var errors = new List<KnowledgeLoadError>();
        var doc = OfficialTextParser.Parse("# LUẬT X (1/2000/QH1)\n\nĐiều 1. A\nMột.\n\nĐiều 1. B\nHai.\nĐiều 2. C\nBa.", "dup.md", errors)!;
        Assert.Equal([1, 2], doc.Articles.Select(a => a.Number));
        Assert.Equal("A", doc.Articles[0].Title);
        Assert.Equal("Ba.", doc.Articles[1].Intro);
        Assert.Equal(new SourceLocation("dup.md", 6), Assert.Single(errors).Location);
    }

    [Fact]
    public void File_without_articles_is_an_error()
    {
        var errors = new List<KnowledgeLoadError>();
        Assert.Null(OfficialTextParser.Parse("# LUẬT X (1/2000/QH1)\n\nChỉ có lời văn.", "empty.md", errors));
        Assert.Contains("Điều", Assert.Single(errors).Message);
    }

    [Fact]
    public void Decomposed_unicode_input_is_read_as_composed()
    {
        var errors = new List<KnowledgeLoadError>();
        var doc = OfficialTextParser.Parse("# LUA\u0323\u0302T X (1/2000/QH1)\n\nĐie\u0302\u0300u 1. Tre\u0309 em\nNội dung.", "nfd.md", errors)!;
        Assert.Equal("Trẻ em", doc.Articles[0].Title);
        Assert.Equal("LUẬT X", doc.Title);
    }
}

/// <summary>The parser on every file of ../shared/corpus: every article found, numbered as in the text.</summary>
public sealed class OfficialCorpusParsingTests
{
    private static readonly Regex ArticleLine = new(@"^Điều (\d+)\.", RegexOptions.Multiline);

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        var folder = SharedData.Folder is null ? null : Path.Combine(SharedData.Folder, "corpus");
        if (folder is null) data.Add("(shared corpus missing)");
        else foreach (var f in Directory.GetFiles(folder, "*.md").Where(f => Path.GetFileName(f) != "SOURCES.md").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_article_is_found_in_order_with_its_number_title_and_consecutive_clauses(string file)
    {
        var path = Path.Combine(SharedData.Corpus, file);
        var text = File.ReadAllText(path);
        var errors = new List<KnowledgeLoadError>();
        var doc = OfficialTextParser.Parse(text, file, errors);
        Assert.Empty(errors);
        Assert.NotNull(doc);
        var expected = ArticleLine.Matches(text).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(expected, doc.Articles.Select(a => a.Number));
        Assert.All(doc.Articles, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Title), $"Điều {a.Number} has no title");
            Assert.False(string.IsNullOrWhiteSpace(a.FullText), $"Điều {a.Number} has no text");
            Assert.Equal(Enumerable.Range(1, a.Clauses.Count), a.Clauses.Select(c => c.Number));
        });
        Assert.Matches(@"^\d+/\d{4}/", doc.Number);
    }

    [SkippableFact]
    public void Law_on_children_has_articles_1_to_106_with_chapters()
    {
        var doc = Parse("luat-tre-em-102-2016-QH13.md");
        Assert.Equal("102/2016/QH13", doc.Number);
        Assert.Equal(Enumerable.Range(1, 106), doc.Articles.Select(a => a.Number));
        Assert.Equal("Chương I. NHỮNG QUY ĐỊNH CHUNG", doc.Articles[0].Chapter);
        Assert.All(doc.Articles, a => Assert.StartsWith("Chương", a.Chapter));
        // Điều 10 khoản 1 lists the groups of children in special circumstances, point đ included.
        var point = doc.Articles[9].Clauses[0].Points.Single(p => p.Letter == "đ");
        Assert.Contains("HIV/AIDS", point.Text);
        Assert.Equal("Quyền bí mật đời sống riêng tư", doc.Articles[20].Title);
    }

    [SkippableFact]
    public void Decree_56_has_articles_1_to_58_without_chapters()
    {
        var doc = Parse("nghi-dinh-56-2017-ND-CP.md");
        Assert.Equal("56/2017/NĐ-CP", doc.Number);
        Assert.Equal(Enumerable.Range(1, 58), doc.Articles.Select(a => a.Number));
        Assert.All(doc.Articles, a => Assert.Null(a.Chapter));
    }

    [SkippableFact]
    public void Whole_corpus_reads_without_errors_into_eleven_documents()
    {
        var snapshot = KnowledgeSourceReader.Read(new ActionMonth.Knowledge.Indexing.KnowledgeSources(Path.Combine(Path.GetTempPath(), "no-knowledge-here"), [SharedData.Corpus], ""));
        Assert.Empty(snapshot.Errors);
        Assert.Equal(11, snapshot.Documents.Count);
        Assert.Equal(270, snapshot.Documents.Sum(d => d.Articles.Count));
        Assert.Contains(snapshot.Documents, d => d.Number == "28/2019/TT-BLĐTBXH");
    }

    private static OfficialDocument Parse(string file)
    {
        var errors = new List<KnowledgeLoadError>();
        var doc = OfficialTextParser.ParseFile(Path.Combine(SharedData.Corpus, file), errors, file);
        Assert.Empty(errors);
        return doc!;
    }
}
