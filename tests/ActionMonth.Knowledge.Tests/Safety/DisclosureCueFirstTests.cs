using ActionMonth.Knowledge.Safety;
using ActionMonth.Knowledge.Tests.Support;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActionMonth.Knowledge.Tests.Safety;

/// <summary>
/// The detector matches the cues (disclose and harm rules) first and the other rules only when the cues can decide
/// something (a whole cue, or every part of a conjunction near a first part); a conjunction's parts are matched only
/// while each may still complete it. These hold both to one pass over every rule and every candidate: on every pinned
/// case, the same decision, and whenever the other rules were matched, the same matches in the same order but for
/// the parts of conjunctions that miss a part (which Decide drops unread).
/// </summary>
public sealed partial class DisclosureCueFirstTests(ITestOutputHelper output)
{
    [Fact]
    public void Cue_first_matching_decides_as_one_pass_over_every_rule_with_the_same_matches_in_the_same_order()
    {
        var detector = DisclosureDetector.Default;
        int decided = 0, stoppedEarly = 0, stoppedWithParts = 0, partsLeftOut = 0;
        var differences = new List<string>();
        foreach (var (key, text) in DisclosureDecisionsGoldenTests.Cases(includeShared: SharedData.Folder is not null))
        {
            var reference = detector.DescribeMatches(text, reference: true);
            var cueFirst = detector.DescribeMatches(text, reference: false);
            var expected = Describe(detector.Assess(text, reference: true));
            var actual = Describe(detector.Assess(text));
            if (expected != actual) differences.Add($"{key}: one pass {expected}, cue first {actual}");
            if (cueFirst.Count == 0)
            {
                stoppedEarly++;
                if (reference.Any(IsCue)) stoppedWithParts++;
                if (expected != Describe(DisclosureAssessment.None)) differences.Add($"{key}: stopped after the cue pass, but one pass gives {expected}");
            }
            else
            {
                decided++;
                var kept = WithoutIncompleteConjunctions(reference);
                partsLeftOut += reference.Count - kept.Count;
                if (!kept.SequenceEqual(cueFirst))
                    differences.Add($"{key}\n  one pass:  {string.Join(" | ", reference)}\n  cue first: {string.Join(" | ", cueFirst)}");
            }
        }
        output.WriteLine($"{decided} cases matched in full ({partsLeftOut} parts of incomplete conjunctions left out), "
            + $"{stoppedEarly} stopped after the cue pass ({stoppedWithParts} of them with conjunction parts)");
        Assert.True(differences.Count == 0, $"{differences.Count} cases differ (first 10):\n" + string.Join("\n", differences.Take(10)));
        // Both sides of the split are exercised, and so is a stop on conjunction parts that cannot complete.
        Assert.True(decided > 4_000 && stoppedEarly > 4_000, $"{decided} cases matched in full, {stoppedEarly} stopped after the cue pass");
        Assert.True(stoppedWithParts > 1_000, $"{stoppedWithParts} stops with conjunction parts matched");
        Assert.True(partsLeftOut > 1_000, $"{partsLeftOut} parts of incomplete conjunctions left out");
    }

    [Fact]
    public void A_long_paste_full_of_cues_and_conjunction_parts_costs_no_more_than_one_pass_over_every_rule()
    {
        // Every labelled disclosure joined into one message of ~185,000 characters: thousands of cue and part matches.
        // The gate reads a message whole before anything else, so a long paste must not cost more than the plain
        // one-pass matching does (the cue pass once put its matches in order with an insertion sort: seconds here).
        var lines = DisclosureDecisionsGoldenTests.Cases(includeShared: false).Select(c => c.Text).Distinct().ToList();
        var text = string.Join(" ", lines);
        while (text.Length < 185_000) text += " " + text;
        text = text[..185_000];
        var detector = DisclosureDetector.Default;
        detector.Assess(text[..2_000]);
        detector.Assess(text[..2_000], reference: true);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reference = detector.Assess(text, reference: true);
        var onePass = watch.Elapsed;
        watch.Restart();
        var cueFirst = detector.Assess(text);
        var split = watch.Elapsed;

        output.WriteLine($"{text.Length} characters: one pass {onePass.TotalMilliseconds:F0} ms, cue first {split.TotalMilliseconds:F0} ms");
        Assert.Equal(Describe(reference), Describe(cueFirst));
        // The bound is against a blow-up (the insertion sort took 12 times one pass), not a race: in a Release build the
        // cue pass is the faster of the two (0.73 s against 0.9 s), in the Debug build CI runs it is up to 2-3 times slower.
        Assert.True(split < 4 * onePass + TimeSpan.FromSeconds(1), $"cue first took {split}, one pass {onePass}");
    }

    [Theory]
    // A cue behind a guard, an anchor and a frame, in several sentences, with numbers and a conjunction across them.
    [InlineData("Danh sách học sinh. Em bị bố đánh 3 lần rồi, em 13 tuổi. Luật trẻ em nói gì?")]
    [InlineData("bố em say rượu. 2 giờ sáng bố cầm dao đuổi em, em đang trốn trong tủ")]
    [InlineData("có người gửi ảnh nude của em và dọa tung lên mạng nếu em không gửi thêm")]
    public void A_message_with_cues_among_other_kinds_keeps_every_match_in_place(string text)
    {
        var detector = DisclosureDetector.Default;
        var reference = detector.DescribeMatches(text, reference: true);
        Assert.Contains(reference, IsCue);
        Assert.Contains(reference, m => !IsCue(m));
        Assert.Equal(WithoutIncompleteConjunctions(reference), detector.DescribeMatches(text, reference: false));
        Assert.True(detector.Assess(text).ShouldEscalate);
    }

    [Theory]
    [InlineData("trẻ em có những quyền gì?")]
    // "em" opens first parts of conjunctions whose other parts are absent.
    [InlineData("em muốn hỏi về tổng đài 111, em gọi có mất tiền không ạ")]
    public void A_message_whose_cues_cannot_decide_ends_after_the_cue_pass_and_is_none(string text)
    {
        var detector = DisclosureDetector.Default;
        var reference = detector.DescribeMatches(text, reference: true);
        Assert.Contains(reference, m => !IsCue(m));
        Assert.Empty(detector.DescribeMatches(text, reference: false));
        Assert.Equal(DisclosureLevel.None, detector.Assess(text).Level);
        Assert.Empty(detector.Assess(text).Cues);
        Assert.Equal(Describe(detector.Assess(text, reference: true)), Describe(detector.Assess(text)));
    }

    /// <summary>The described matches without the parts of conjunctions that lack a part ("… part 1/3 of 42").</summary>
    private static List<string> WithoutIncompleteConjunctions(List<string> described)
    {
        var parts = described.Select(d => PartOf().Match(d)).ToList();
        var complete = parts.Where(p => p.Success).GroupBy(p => p.Groups["conjunction"].Value)
            .Where(g => g.Select(p => p.Groups["part"].Value).Distinct().Count() == int.Parse(g.First().Groups["parts"].Value))
            .Select(g => g.Key).ToHashSet();
        return described.Where((_, i) => !parts[i].Success || complete.Contains(parts[i].Groups["conjunction"].Value)).ToList();
    }

    [GeneratedRegex(@" part (?<part>\d+)/(?<parts>\d+) of (?<conjunction>\d+)$")]
    private static partial Regex PartOf();

    private static string Describe(DisclosureAssessment a) =>
        $"{a.Level} {a.Category} {a.Reporter} [{string.Join(" ", a.Cues.Select(c => $"{c.RuleId}={c.Level}/{c.Category}"))}]";

    private static bool IsCue(string described) =>
        described.StartsWith(nameof(RuleKind.Disclose) + " ", StringComparison.Ordinal) || described.StartsWith(nameof(RuleKind.Harm) + " ", StringComparison.Ordinal);
}
