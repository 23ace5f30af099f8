using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActionMonth.Knowledge.Safety;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Safety;

/// <summary>
/// Pins every decision of the detector on every labelled message we have (the disclosure sets, the question sets,
/// the shared dev sets when present), on their no-diacritics and upper-case forms, on each message joined to the
/// next one of its set, and on seeded random splices of them: level, category, reporter and every cue in order.
/// A speed change to the matcher or tokenizer must leave this file untouched. A deliberate change of rules changes
/// it: regenerate with ACTIONMONTH_WRITE_DISCLOSURE_GOLDEN=1 and read the diff (it lists every decision the rule
/// change moved) before committing.
/// </summary>
public sealed class DisclosureDecisionsGoldenTests
{
    private const string GoldenName = "disclosure-decisions.golden.txt";
    private const string SharedPrefix = "shared/";
    private const int SpliceCount = 3000;

    private static string GoldenPath =>
        Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Safety", "Data", GoldenName);

    [Fact]
    public void Every_labelled_message_and_variant_gets_the_pinned_decision()
    {
        var cases = Cases(includeShared: SharedData.Folder is not null);
        var detector = DisclosureDetector.Default;
        var actual = cases.Select(c => (c.Key, Line: Describe(c.Key, c.Text, detector.Assess(c.Text)))).ToList();

        if (Environment.GetEnvironmentVariable("ACTIONMONTH_WRITE_DISCLOSURE_GOLDEN") == "1")
        {
            Assert.True(SharedData.Folder is not null, "regenerate with ../shared present so the shared sets are pinned too");
            File.WriteAllLines(GoldenPath, actual.Select(a => a.Line), new UTF8Encoding(false));
            return;
        }

        var golden = File.ReadLines(GoldenPath).Where(l => l.Length > 0).ToDictionary(l => l[..l.IndexOf('\t')], StringComparer.Ordinal);
        Assert.True(actual.Count >= 12_000, $"{actual.Count} cases: a set went missing");
        var differences = new List<string>();
        foreach (var (key, line) in actual)
        {
            if (!golden.TryGetValue(key, out var expected)) differences.Add($"not pinned: {line}");
            else if (expected != line) differences.Add($"expected {expected}\n     got {line}");
        }
        // Every pinned own case must still be produced (a shrunk set would silently pin less).
        var produced = actual.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(golden.Keys.Where(k => !produced.Contains(k) && !k.StartsWith(SharedPrefix, StringComparison.Ordinal))
            .Select(k => $"no longer produced: {k}"));
        Assert.True(differences.Count == 0,
            $"{differences.Count} decisions differ from {GoldenName} (first 20):\n" + string.Join("\n", differences.Take(20)));
    }

    /// <summary>"set:id:variant&lt;TAB&gt;text-hash&lt;TAB&gt;level category reporter cue…". The hash ties the line to
    /// the exact input, so an edited set line shows up as a difference instead of comparing a different text.</summary>
    private static string Describe(string key, string text, DisclosureAssessment a)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6);
        // A modifier (negation, frame, anchor…) is its id; a harm cue carries its level and category number.
        var cues = string.Join(" ", a.Cues.Select(c =>
            c.Level == DisclosureLevel.None && c.Category == DisclosureCategory.None ? c.RuleId : $"{c.RuleId}={c.Level}/{(int)c.Category}"));
        return $"{key}\t{hash}\t{a.Level} {a.Category} {a.Reporter} {a.ShouldEscalate} [{cues}]";
    }

    /// <summary>Every pinned case: the labelled and question sets, their variants and the seeded splices.</summary>
    internal static List<(string Key, string Text)> Cases(bool includeShared)
    {
        var sets = new List<(string Name, List<(string Id, string Text)> Items)>();
        var data = Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Safety", "Data");
        foreach (var file in Directory.GetFiles(data, "*.jsonl").Order(StringComparer.Ordinal)) sets.Add((Path.GetFileName(file), Read(file)));
        foreach (var folder in new[] { "Evaluation", "Data" })
        {
            var path = Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", folder);
            foreach (var file in Directory.GetFiles(path, "*.jsonl").Order(StringComparer.Ordinal)) sets.Add((folder + "/" + Path.GetFileName(file), Read(file)));
        }
        var ownSets = sets.Count;
        if (includeShared)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(SharedData.Folder!, "eval"), "*.jsonl").Order(StringComparer.Ordinal))
                sets.Add((SharedPrefix + Path.GetFileName(file), Read(file)));
        }

        var cases = new List<(string, string)>();
        foreach (var (name, items) in sets)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var (id, text) = items[i];
                cases.Add(($"{name}:{id}:o", text));
                cases.Add(($"{name}:{id}:f", Text.VietnameseText.Fold(text)));
                cases.Add(($"{name}:{id}:u", text.ToUpperInvariant()));
                // Two messages in one: cues, anchors and conjunction parts from different sentences meet.
                cases.Add(($"{name}:{id}:j", text + " " + items[(i + 1) % items.Count].Text));
            }
        }

        // Seeded splices of word runs from the own sets, with varied separators: phrasings no one wrote, where
        // gaps, optional slots, commas and sentence ends fall in unusual places.
        var words = sets.Take(ownSets).SelectMany(s => s.Items).Select(i => i.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length > 0).ToList();
        string[] separators = [" ", " ", " ", ", ", ". ", "? ", "!! ", " nếu ", " không "];
        var random = new Random(20261130);
        for (var n = 0; n < SpliceCount; n++)
        {
            var sb = new StringBuilder();
            var pieces = random.Next(2, 5);
            for (var p = 0; p < pieces; p++)
            {
                var source = words[random.Next(words.Count)];
                var start = random.Next(source.Length);
                var length = Math.Min(source.Length - start, random.Next(1, 9));
                if (p > 0) sb.Append(separators[random.Next(separators.Length)]);
                sb.Append(string.Join(' ', source, start, length));
            }
            cases.Add(($"splice:{n}:o", sb.ToString()));
        }
        return cases;
    }

    private static List<(string Id, string Text)> Read(string path)
    {
        var items = new List<(string, string)>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var root = JsonDocument.Parse(line).RootElement;
            var id = root.GetProperty("id").GetString()!;
            var text = root.TryGetProperty("text", out var t) ? t.GetString()! : root.GetProperty("question").GetString()!;
            items.Add((id, text));
        }
        return items;
    }
}
