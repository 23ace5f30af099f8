using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Tests.Probe;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Analysis;

/// <summary>The token cases of notes-vietnamese-search.md: terms, offsets and positions per field form.</summary>
public sealed class VietnameseAnalyzerTests
{
    private static IReadOnlyList<AnalyzedToken> Tokens(FieldForm form, string text) =>
        AnalyzedToken.Analyze(new VietnameseAnalyzer(form), "f", text);

    private static string Terms(FieldForm form, string text) => string.Join(' ', Tokens(form, text).Select(t => t.Term));

    [Fact]
    public void Folded_question_gives_base_syllables_with_offsets_and_positions()
    {
        var text = "Trẻ em bị bạo lực thì báo ai?";
        var tokens = Tokens(FieldForm.Folded, text);
        Assert.Equal(["tre", "em", "bi", "bao", "luc", "thi", "bao", "ai"], tokens.Select(t => t.Term));
        Assert.Equal(Enumerable.Range(0, 8), tokens.Select(t => t.Position));
        // Offsets point into the original text, so highlighting marks the accented words.
        Assert.Equal(["Trẻ", "em", "bị", "bạo", "lực", "thì", "báo", "ai"], tokens.Select(t => text[t.Start..t.End]));
    }

    [Fact]
    public void Unaccented_question_folds_to_the_same_terms()
    {
        Assert.Equal(Terms(FieldForm.Folded, "Trẻ em bị bạo lực thì báo ai?"), Terms(FieldForm.Folded, "tre em bi bao luc thi bao ai"));
    }

    [Fact]
    public void Exact_field_composes_decomposed_input_and_keeps_the_marks()
    {
        var text = "Tre\u0309 em";
        var tokens = Tokens(FieldForm.Exact, text);
        Assert.Equal(["trẻ", "em"], tokens.Select(t => t.Term));
        Assert.Equal([(0, 4), (5, 7)], tokens.Select(t => (t.Start, t.End)));
        Assert.Equal([0, 1], tokens.Select(t => t.Position));
    }

    [Fact]
    public void Exact_field_keeps_apart_what_folding_merges()
    {
        Assert.NotEqual(Terms(FieldForm.Exact, "phạt"), Terms(FieldForm.Exact, "phát"));
        Assert.Equal(Terms(FieldForm.Folded, "phạt"), Terms(FieldForm.Folded, "phát"));
    }

    [Fact]
    public void Full_width_upper_case_folds_to_plain_lower_case()
    {
        Assert.Equal("tre em", Terms(FieldForm.Folded, "ＴＲẺ ＥＭ"));
    }

    [Fact]
    public void Every_vietnamese_base_letter_is_folded()
    {
        Assert.Equal("d d u o a a e o", Terms(FieldForm.Folded, "Đ đ Ư ơ ă â ê ô"));
    }

    [Fact]
    public void Pairs_field_gives_syllable_pairs_without_single_syllables()
    {
        var text = "xâm hại tình dục";
        var tokens = Tokens(FieldForm.FoldedPairs, text);
        Assert.Equal(["xam_hai", "hai_tinh", "tinh_duc"], tokens.Select(t => t.Term));
        Assert.Equal([0, 1, 2], tokens.Select(t => t.Position));
        Assert.Equal([(0, 7), (4, 12), (8, 16)], tokens.Select(t => (t.Start, t.End)));
    }

    [Fact]
    public void Pairs_come_out_the_same_from_unaccented_input()
    {
        Assert.Equal(Terms(FieldForm.FoldedPairs, "xâm hại tình dục"), Terms(FieldForm.FoldedPairs, "xam hai tinh duc"));
    }

    [Fact]
    public void Citation_text_splits_document_numbers_and_folds_point_letters()
    {
        Assert.Equal("dieu 6 102 2016 qh13 khoan 2 diem d", Terms(FieldForm.Folded, "Điều 6 … 102/2016/QH13, khoản 2 điểm đ"));
    }

    [Fact]
    public void Old_and_new_tone_placement_fold_alike()
    {
        Assert.Equal("hoa hoa thuy thuy", Terms(FieldForm.Folded, "hoà hòa thuỷ thủy"));
    }

    [Fact]
    public void Query_side_rewrites_teencode_before_analysis()
    {
        var rewritten = TeencodeRewriter.Default.Rewrite("e ko dc đi học j bme đánh");
        Assert.Equal("em khong duoc di hoc gi bo me danh", Terms(FieldForm.Folded, rewritten));
        Assert.Equal("em không được đi học gì bố mẹ đánh", rewritten);
    }

    [Fact]
    public void Query_keeps_exact_terms_only_when_the_question_has_diacritics()
    {
        var plain = AnalyzedQuery.Create("tre em bi danh", TeencodeRewriter.Default, DomainVocabulary.Default);
        var marked = AnalyzedQuery.Create("trẻ em bị đánh", TeencodeRewriter.Default, DomainVocabulary.Default);
        Assert.Empty(plain.Exact);
        // "bị" only marks the passive: like "gì", "không", "thì" its single syllable is left out, its pairs stay.
        Assert.Equal(["trẻ", "em", "đánh"], marked.Exact);
        // Unaccented "bi" may be "bí" (bí mật): it stays in the plain question.
        Assert.Equal(plain.Folded.Where(t => t != "bi"), marked.Folded);
        Assert.Equal(plain.Pairs, marked.Pairs);
        Assert.Contains("em_bi", marked.Pairs);
    }

    [Fact]
    public void Question_words_leave_single_terms_but_keep_pairs_and_homographs_with_content()
    {
        var q = AnalyzedQuery.Create("cơ sở bảo trợ có phải báo cáo không?", TeencodeRewriter.Default, DomainVocabulary.Default);
        // "có" is a question word but "cơ" (cơ sở) folds to the same "co": the term stays.
        Assert.Contains("co", q.Folded);
        Assert.DoesNotContain("khong", q.Folded);
        Assert.DoesNotContain("phai", q.Folded);
        Assert.Contains("bao_cao", q.Pairs);
        Assert.Contains("cao_khong", q.Pairs);
        // Unaccented "bao" may be báo, bão or bảo: not treated as a question word.
        Assert.Contains("bao", AnalyzedQuery.Create("tre bi danh bao ai", TeencodeRewriter.Default, DomainVocabulary.Default).Folded);
        // A question made only of question words keeps them rather than search for nothing.
        Assert.NotEmpty(AnalyzedQuery.Create("có không?", TeencodeRewriter.Default, DomainVocabulary.Default).Folded);
    }

    [Fact]
    public void Domain_vocabulary_adds_legal_words_without_replacing_the_users_own()
    {
        var q = AnalyzedQuery.Create("bố đánh con thì báo cho ai", TeencodeRewriter.Default, DomainVocabulary.Default);
        Assert.Contains("bạo lực", q.Expansions);
        Assert.Contains("tố giác", q.Expansions);
        Assert.Contains("danh", q.Folded);
        Assert.Contains("bao_luc", q.ExpansionPairs);
        var privacy = AnalyzedQuery.Create("dang anh con len mang", TeencodeRewriter.Default, DomainVocabulary.Default);
        Assert.Contains("bí mật đời sống riêng tư", privacy.Expansions);
        // One unaccented syllable alone is too ambiguous to expand: "bao" is not "bão" (a storm).
        Assert.DoesNotContain("thiên tai", AnalyzedQuery.Create("bao lau thi xong", TeencodeRewriter.Default, DomainVocabulary.Default).Expansions);
    }

    [Fact]
    public void Ages_typed_as_children_type_them_are_rewritten_and_ambiguous_shorthand_is_left_alone()
    {
        Assert.Equal("mình 15 tuổi rồi có còn là trẻ em không", TeencodeRewriter.Default.Rewrite("mk 15t r có còn là trẻ em ko"));
        Assert.Equal("đăng lên facebook bây giờ", TeencodeRewriter.Default.Rewrite("đăng lên fb bây h"));
        // "bt" is biết or bình thường, "cn" chủ nhiệm, chủ nhật or con: a wrong rewrite costs more than a missed one.
        Assert.Equal("bt cn", TeencodeRewriter.Default.Rewrite("bt cn"));
    }

    [Fact]
    public void Domain_vocabulary_tells_which_words_of_the_question_a_legal_phrase_stands_for()
    {
        var q = AnalyzedQuery.Create("e bị ba đánh bầm tím, có phạm luật ko", TeencodeRewriter.Default, DomainVocabulary.Default);
        var bruise = Assert.Single(q.Paraphrases, p => p.Terms.Contains("bam"));
        Assert.Equal(["bam", "tim"], bruise.Terms);
        Assert.Contains("bam_tim", bruise.Pairs);
        Assert.Contains(bruise.Legal, l => l.SequenceEqual(["bao", "luc"]));
        Assert.Contains(q.Paraphrases, p => p.Terms.SequenceEqual(["pham", "luat"]));
        // The expansions are the same legal phrases, once each.
        Assert.Equal(q.Expansions.Distinct(), q.Expansions);
        Assert.Contains("vi phạm pháp luật", q.Expansions);
    }

    private static readonly string[] ProbeTexts =
    [
        "Trẻ em bị bạo lực thì báo ai?",
        "Tre\u0309 em bi\u0323 đa\u0301nh",
        "ＴＲẺ ＥＭ",
        "Điều 6 … 102/2016/QH13, khoản 2 điểm đ",
        "hoà hòa thuỷ thủy xâm hại tình dục",
        "e ko dc đi học j bme đánh",
    ];

    /// <summary>The whole analysis, run in a child process with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 (where
    /// string.Normalize does nothing), must equal the analysis in this normal-mode process.</summary>
    [Fact]
    public void Analysis_is_the_same_under_invariant_globalization()
    {
        var lines = RunProbe(ProbeTexts, invariant: true);
        Assert.Equal(ProbeTexts.Length, lines.Count);
        for (var i = 0; i < ProbeTexts.Length; i++)
        {
            var expected = JsonDocument.Parse(AnalysisProbe.Describe(ProbeTexts[i])).RootElement;
            var actual = JsonDocument.Parse(lines[i]).RootElement;
            Assert.True(actual.GetProperty("invariant").GetBoolean(), "the child process did not run in invariant mode");
            foreach (var property in new[] { "normalized", "folded", "rewritten", "diacritics", "forms" })
                Assert.Equal(expected.GetProperty(property).GetRawText(), actual.GetProperty(property).GetRawText());
        }
        // And the expectations hold there too, not just equality: NFD input came out composed.
        Assert.Contains("trẻ@0[0,4)", JsonDocument.Parse(lines[1]).RootElement.GetProperty("forms").GetProperty("Exact").GetRawText());
    }

    private static List<string> RunProbe(IEnumerable<string> texts, bool invariant)
    {
        var start = ProbeStart(["analyze", .. texts.Select(t => Convert.ToBase64String(Encoding.UTF8.GetBytes(t)))], invariant);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the probe did not finish");
        Assert.True(process.ExitCode == 0, $"probe exit {process.ExitCode}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static ProcessStartInfo ProbeStart(IEnumerable<string> args, bool invariant)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(AnalysisProbe).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = invariant ? "1" : "0";
        return start;
    }
}
