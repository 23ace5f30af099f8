using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Tests.Content.Scanning;
using ActionMonth.Knowledge.Tests.Content.Support;
using Xunit.Abstractions;

namespace ActionMonth.Knowledge.Tests.Content;

/// <summary>The document guides (knowledge/guides): one entry per article of the official text, in order, each a
/// short plain-language explanation.</summary>
public sealed class GuideTests(ITestOutputHelper output)
{
    /// <summary>The documents issue 3 requires a guide for, with their article counts where the issue states them.</summary>
    public static TheoryData<string, int?> RequiredGuides() => new()
    {
        { "102/2016/QH13", 106 },
        { "56/2017/NĐ-CP", 58 },
        { "28/2019/TT-BLĐTBXH", null },
    };

    [SkippableTheory]
    [MemberData(nameof(RequiredGuides))]
    public void The_required_documents_have_a_guide_and_the_official_text_has_the_stated_articles(string doc, int? articles)
    {
        var official = OfficialCorpus.Find(doc);
        Assert.True(official is not null, $"{doc} is not in ../shared/corpus");
        if (articles is { } n)
            Assert.True(official!.Articles.Count == n, $"the official text of {doc} has {official.Articles.Count} articles; {n} expected");
        Assert.True(KnowledgeFolder.Guides.Any(g => DocumentNumber.Same(g.Guide.Doc, doc)),
            $"knowledge/guides/ has no guide with 'doc: {doc}'");
    }

    [SkippableFact]
    public void Every_guide_to_an_official_text_has_one_entry_per_article_in_order()
    {
        var problems = new List<string>();
        var checkedGuides = 0;
        foreach (var (file, guide) in KnowledgeFolder.Guides)
        {
            var official = OfficialCorpus.Find(guide.Doc);
            if (official is null) continue;
            checkedGuides++;
            var expected = official.Articles.Select(a => a.Number).ToList();
            var ours = guide.Entries.Where(e => e.Article is not null).Select(e => e.Article!.Value).ToList();
            var missing = expected.Except(ours).ToList();
            if (missing.Count > 0)
                problems.Add($"{file.Name}: no entry for Điều {string.Join(", ", missing)} of {official.Number}");
            var extra = ours.Except(expected).ToList();
            if (extra.Count > 0)
                problems.Add($"{file.Name}: entries for Điều {string.Join(", ", extra)}, which {official.Number} does not have");
            var inBoth = ours.Where(expected.Contains).ToList();
            var order = expected.Where(inBoth.Contains).ToList();
            for (var i = 0; i < inBoth.Count; i++)
            {
                if (inBoth[i] == order[i]) continue;
                var entry = guide.Entries.First(e => e.Article == inBoth[i]);
                problems.Add($"{file.At(entry.Source.Line)}: Điều {inBoth[i]} is out of order (Điều {order[i]} should come here)");
                break;
            }
            foreach (var entry in guide.Entries.Where(e => e.Article is null))
                problems.Add($"{file.At(entry.Source.Line)}: 'Mục {entry.Section}' in a guide to an official text; use '## Điều N. Title' entries");
        }
        ContentAssert.NoProblems(problems, "A guide to a document in ../shared/corpus covers every article, once, in order:");
        Assert.True(checkedGuides >= 3, $"only {checkedGuides} guides match a document of ../shared/corpus");
    }

    // The issue asks for two to five sentences. The splitter is tolerant, not exact, so the test allows one sentence
    // of slack above (an abbreviation it does not know may split a sentence in two) and none below (a single sentence
    // is never an explanation); entries outside 2–5 are listed in the test output as warnings.
    private const int MinSentences = 2;
    private const int MaxSentences = 6;

    [Fact]
    public void Every_article_entry_explains_the_article_in_two_to_five_sentences()
    {
        var problems = new List<string>();
        var histogram = new SortedDictionary<int, int>();
        var entries = 0;
        foreach (var (file, guide) in KnowledgeFolder.Guides)
        {
            foreach (var entry in guide.Entries)
            {
                var sentences = SentenceSplitter.Split(entry.Explanation);
                var label = entry.Article is { } n ? $"Điều {n}" : $"Mục {entry.Section}";
                var where = $"{file.At(entry.Source.Line)}: {label}";
                if (entry.Article is null)
                {
                    // Sections of documents we have no text for say what we know; they need a body, not a length.
                    if (sentences.Count == 0) problems.Add($"{where} has no text");
                    continue;
                }
                entries++;
                histogram[sentences.Count] = histogram.GetValueOrDefault(sentences.Count) + 1;
                if (sentences.Count is < MinSentences or > MaxSentences)
                    problems.Add($"{where} has {sentences.Count} sentence(s); 2 to 5 expected:" +
                        string.Concat(sentences.Select((s, i) => $"\n      {i + 1}. {s}")));
                else if (sentences.Count > 5)
                    output.WriteLine($"warning: {where} has {sentences.Count} sentences by the splitter's count; 2 to 5 expected");
            }
        }
        output.WriteLine($"{entries} article entries; sentences per entry: {string.Join(", ", histogram.Select(kv => $"{kv.Key}: {kv.Value}"))}");
        ContentAssert.NoProblems(problems, $"A guide entry explains its article in 2 to 5 sentences (asserted: {MinSentences} to {MaxSentences}, see the test):");
        Assert.True(entries >= 164, $"only {entries} article entries found; the Law (106) and Decree 56 (58) alone have 164");
    }
}
