using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Tests.Safety;

public sealed class CachedDisclosureDetectorTests
{
    private static CachedDisclosureDetector Cached(IDisclosureDetector inner, int size = 16) =>
        new(inner, Options.Create(new BotOptions { DetectorCacheSize = size }));

    [Fact]
    public void The_same_text_reuses_the_decision_and_any_other_text_is_read_again()
    {
        var inner = new CountingDetector();
        var detector = Cached(inner);

        var first = detector.Assess("cứu em với");
        var again = detector.Assess("cứu em với");
        Assert.Same(first, again);
        Assert.Equal(DisclosureLevel.Emergency, again.Level);
        Assert.Equal(1, inner.Calls);

        // Only the very same text: letter case, diacritics and spaces are other texts to the cache.
        detector.Assess("Cứu em với");
        detector.Assess("cuu em voi");
        detector.Assess("cứu em với ");
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public void Turned_off_or_given_a_long_text_it_reads_every_time()
    {
        var inner = new CountingDetector();
        var off = Cached(inner, size: 0);
        off.Assess("xin chào");
        off.Assess("xin chào");
        Assert.Equal(2, inner.Calls);

        var on = Cached(inner);
        var paste = new string('a', CachedDisclosureDetector.MaxCachedLength) + " cứu em với";
        Assert.Equal(DisclosureLevel.Emergency, on.Assess(paste).Level);
        Assert.Equal(DisclosureLevel.Emergency, on.Assess(paste).Level);
        Assert.Equal(4, inner.Calls);
    }

    [Fact]
    public void When_full_it_starts_again_and_stays_bounded()
    {
        var inner = new CountingDetector();
        var detector = Cached(inner, size: 3);
        foreach (var text in new[] { "a", "b", "c", "d" }) detector.Assess(text); // "d" empties it first
        Assert.Equal(4, inner.Calls);
        detector.Assess("d");
        Assert.Equal(4, inner.Calls);
        detector.Assess("a");
        Assert.Equal(5, inner.Calls);
    }

    [Fact]
    public void A_detector_failure_is_not_remembered()
    {
        var inner = new CountingDetector { FailNext = true };
        var detector = Cached(inner);
        Assert.Throws<InvalidOperationException>(() => detector.Assess("cứu em với"));
        Assert.Equal(DisclosureLevel.Emergency, detector.Assess("cứu em với").Level);
        Assert.Equal(2, inner.Calls);
    }

    /// <summary>The host's detector is the cache over the shipped rules, and on every labelled message, read twice,
    /// it decides exactly as the rules alone do: level, category, reporter and cues.</summary>
    [Fact]
    public async Task The_hosts_detector_decides_every_labelled_message_as_the_rules_alone_do_the_second_time_too()
    {
        await using var host = BotTestHost.Start();
        var detector = host.Services.GetRequiredService<IDisclosureDetector>();
        Assert.IsType<CachedDisclosureDetector>(detector);

        var data = Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Safety", "Data");
        var texts = Directory.GetFiles(data, "*.jsonl").SelectMany(DisclosureBenchmark.Load).Select(item => item.Text).ToList();
        Assert.True(texts.Count > 1000, $"only {texts.Count} labelled messages found under {data}");
        var escalated = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var text in texts)
            {
                var expected = DisclosureDetector.Default.Assess(text);
                var actual = detector.Assess(text);
                Assert.Equal(Describe(expected), Describe(actual));
                if (pass == 1 && actual.ShouldEscalate) escalated++;
            }
        }
        Assert.True(escalated > 500, $"only {escalated} labelled messages escalated: the sets did not load as expected");
    }

    private static string Describe(DisclosureAssessment a) =>
        $"{a.Level} {a.Category} {a.Reporter} [{string.Join(",", a.Cues.Select(c => $"{c.RuleId}:{c.Category}:{c.Level}"))}]";

    private sealed class CountingDetector : IDisclosureDetector
    {
        public int Calls { get; private set; }
        public bool FailNext { get; set; }

        public DisclosureAssessment Assess(string text)
        {
            Calls++;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("detector failed");
            }
            return text.Contains("cứu em", StringComparison.Ordinal)
                ? new(DisclosureLevel.Emergency, DisclosureCategory.OtherDanger, Reporter.Child, [new DisclosureCue("t", DisclosureCategory.OtherDanger, DisclosureLevel.Emergency)])
                : DisclosureAssessment.None;
        }
    }
}
