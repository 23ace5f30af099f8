using ActionMonth.Knowledge.Tests.Content.Scanning;
using ActionMonth.Knowledge.Tests.Content.Support;

namespace ActionMonth.Knowledge.Tests.Content;

/// <summary>A wrong phone number in a child-safety answer does real harm: knowledge/hotlines.md lists exactly the
/// national numbers 111, 113, 114 and 115, and no other phone number appears anywhere in knowledge/ (any other
/// contact comes from configuration, Hotlines:Extra).</summary>
public sealed class PhoneNumberTests
{
    [Fact]
    public void No_phone_number_appears_anywhere_in_knowledge_except_the_national_numbers()
    {
        var problems = new List<string>();
        var lines = 0;
        // hotlines.md is scanned too: the directory may list the national numbers and nothing else.
        foreach (var file in KnowledgeFolder.Files)
        {
            for (var i = 0; i < file.Lines.Count; i++)
            {
                lines++;
                foreach (var finding in PhoneNumberScanner.Scan(file.Lines[i]))
                    problems.Add($"{file.At(i + 1)}: '{finding.Number}' {finding.Why}");
            }
        }
        ContentAssert.NoProblems(problems,
            "No phone number in knowledge/ other than 111, 113, 114 and 115; other contacts come from configuration (Hotlines:Extra):");
        Assert.True(lines > 1000, $"only {lines} lines scanned");
    }

    [Fact]
    public void The_directory_lists_exactly_111_113_114_and_115_and_111_is_free_and_always_open()
    {
        var file = KnowledgeFolder.HotlineFile;
        Assert.True(file is not null, "knowledge/hotlines.md is missing");
        // The raw headings, since the parser leaves out (and reports) any number that is not national.
        var headings = file!.Blocks.Where(b => b.Level == 2).Select(b => (b.Heading.Trim(), b.Line)).ToList();
        var problems = headings.Where(h => !PhoneNumberScanner.NationalNumbers.Contains(h.Item1))
            .Select(h => $"{file.At(h.Line)}: '## {h.Item1}' is not a national number; other contacts belong in configuration")
            .Concat(headings.GroupBy(h => h.Item1).Where(g => g.Count() > 1).Select(g => $"{file.Name}: '## {g.Key}' is listed {g.Count()} times"))
            .Concat(PhoneNumberScanner.NationalNumbers.Order().Where(n => headings.All(h => h.Item1 != n)).Select(n => $"{file.Name}: no '## {n}' entry"))
            .ToList();
        ContentAssert.NoProblems(problems, "knowledge/hotlines.md lists exactly 111, 113, 114 and 115:");
        Assert.Equal(["111", "113", "114", "115"], KnowledgeFolder.Hotlines.Select(h => h.Number).Order());
        var hotline111 = KnowledgeFolder.Hotlines.Single(h => h.Number == "111");
        Assert.True(hotline111.Free, "hotlines.md: 111 must say 'free: yes' (the national child-protection hotline is free)");
        Assert.True(hotline111.Hours == "24/7", $"hotlines.md: 111 must say 'hours: 24/7', not '{hotline111.Hours}'");
        Assert.True(hotline111.Citations.Count > 0, "hotlines.md: 111 must cite the decree that sets it up");
    }

    [Theory]
    [InlineData("Gọi tổng đài 1800 1567 để được tư vấn.", "1800 1567")]
    [InlineData("Số của cô: 0912 345 678.", "0912 345 678")]
    [InlineData("liên hệ 0912.345.678", "0912.345.678")]
    [InlineData("hoặc 0912-345-678", "0912-345-678")]
    [InlineData("gọi +84 912 345 678", "+84 912 345 678")]
    [InlineData("bấm 18001567", "18001567")]
    [InlineData("Hãy gọi 116 ngay.", "116")]
    [InlineData("goi tong dai 1080 nhe", "1080")]
    [InlineData("Gọi 111 hoặc 112 khi nguy hiểm.", "112")]
    public void The_scanner_finds_phone_numbers(string line, string number) =>
        Assert.Contains(PhoneNumberScanner.Scan(line), f => f.Number == number);

    [Theory]
    [InlineData("cite: 102/2016/QH13 Điều 100 khoản 1 điểm c")]
    [InlineData("## Điều 105. Xử lý vi phạm")]
    [InlineData("Luật Trẻ em số 102/2016/QH13, ký ngày 05/04/2016, có hiệu lực từ 01/06/2017.")]
    [InlineData("Gọi 111, 113, 114 hoặc 115; 111 trực 24/7.")]
    [InlineData("Trẻ em là người dưới 16 tuổi; từ năm 2025 và giai đoạn 2021-2025, 2021 – 2030.")]
    [InlineData("Phạt từ 5.000.000 đến 10.000.000 đồng.")]
    [InlineData("source: https://stp.example.gov.vn/?cn=696&gd=26&tc=8931 (ghi nhận 29/11/2026; seen 2026-11-29)")]
    [InlineData("Kế hoạch 140-KH/TU; Công văn 982/BLĐTBXH-CTE; một thông báo khác ghi số 981.")]
    [InlineData("Gọi 111 (khoản 3 Điều 100) khi cần.")]
    [InlineData("Số em tối thiểu: 100 em ở diễn đàn quốc gia.")]
    [InlineData("related: child-when-call-113-115")]
    [InlineData("Khi nguy hiểm, gọi 113-115 tùy việc.")]
    public void The_scanner_leaves_document_numbers_dates_years_amounts_and_articles_alone(string line) =>
        Assert.Empty(PhoneNumberScanner.Scan(line));
}
