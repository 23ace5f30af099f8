using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ActionMonth.Knowledge.Safety;

/// <summary>One labelled message of a benchmark file.</summary>
public sealed record LabelledDisclosure(
    string File,
    string Id,
    string Text,
    DisclosureLevel? ExpectedLevel,
    bool ExpectEscalation,
    DisclosureCategory? ExpectedCategory,
    Reporter? ExpectedReporter);

/// <summary>A labelled message and what the detector said.</summary>
public sealed record DisclosureOutcome(LabelledDisclosure Item, DisclosureAssessment Assessment)
{
    public bool Escalated => Assessment.ShouldEscalate;
    public bool Missed => Item.ExpectEscalation && !Escalated;
    public bool FalseEscalation => !Item.ExpectEscalation && Escalated;
}

/// <summary>The figures of one benchmark run.</summary>
/// <param name="MessagesPerSecond">Wall-clock rate on one thread.</param>
/// <param name="MessagesPerCpuSecond">Messages per second of process CPU time on one thread: the cost of a
/// message, independent of how busy the machine is.</param>
/// <param name="ParallelMessagesPerSecond">Wall-clock rate with every core.</param>
public sealed record DisclosureBenchmarkResult(
    IReadOnlyList<DisclosureOutcome> Outcomes,
    double MessagesPerSecond,
    double MessagesPerCpuSecond,
    double ParallelMessagesPerSecond)
{
    public int ExpectedEscalations => Outcomes.Count(o => o.Item.ExpectEscalation);
    public int Caught => Outcomes.Count(o => o.Item.ExpectEscalation && o.Escalated);
    public double Recall => ExpectedEscalations == 0 ? 1 : (double)Caught / ExpectedEscalations;

    /// <summary>Messages labelled info/none/concern: nothing to escalate.</summary>
    public int NonEscalations => Outcomes.Count(o => !o.Item.ExpectEscalation);
    public int FalseEscalations => Outcomes.Count(o => o.FalseEscalation);
    public double FalseEscalationRate => NonEscalations == 0 ? 0 : (double)FalseEscalations / NonEscalations;

    /// <summary>Messages labelled info/none only (concern excluded): the acceptance figure "false escalations on
    /// info messages".</summary>
    public int InfoMessages => Outcomes.Count(o => IsInfo(o.Item));
    public int InfoFalseEscalations => Outcomes.Count(o => IsInfo(o.Item) && o.Escalated);
    public double InfoFalseEscalationRate => InfoMessages == 0 ? 0 : (double)InfoFalseEscalations / InfoMessages;

    private static bool IsInfo(LabelledDisclosure item) =>
        !item.ExpectEscalation && item.ExpectedLevel is null or DisclosureLevel.None;
}

/// <summary>
/// Measures the detector on labelled jsonl files: recall on urgent+emergency, false escalations, per-category
/// recall, level/category/reporter agreement, every miss and false escalation with its cues, and throughput.
/// Two line formats are read: this project's own
/// {"id","text","label":"none|concern|urgent|emergency","category":"SexualAbuse…","reporter":"child|adult|unknown"}
/// and the shared dev format {"id","text","label":"urgent|info"}.
/// </summary>
public static class DisclosureBenchmark
{
    /// <summary>Evaluates the files with the shipped detector and prints the report.</summary>
    public static DisclosureBenchmarkResult Run(IEnumerable<string> files, TextWriter output) =>
        Run(files, output, DisclosureDetector.Default);

    public static DisclosureBenchmarkResult Run(IEnumerable<string> files, TextWriter output, IDisclosureDetector detector)
    {
        var items = files.SelectMany(Load).ToList();
        var result = Evaluate(items, detector, measureThroughput: true);
        Print(result, output);
        return result;
    }

    /// <summary>Evaluates labelled items; throughput is measured only when asked (it takes about a second).</summary>
    public static DisclosureBenchmarkResult Evaluate(IReadOnlyList<LabelledDisclosure> items, IDisclosureDetector detector, bool measureThroughput)
    {
        var outcomes = items.Select(i => new DisclosureOutcome(i, detector.Assess(i.Text))).ToList();
        var (single, cpu, parallel) = measureThroughput && items.Count > 0 ? Throughput(items, detector) : (0, 0, 0);
        return new DisclosureBenchmarkResult(outcomes, single, cpu, parallel);
    }

    /// <summary>Reads one labelled jsonl file; a malformed line throws with the file and line number.</summary>
    public static IEnumerable<LabelledDisclosure> Load(string path)
    {
        var name = Path.GetFileName(path);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ParseLine(line, name, number);
        }
    }

    internal static LabelledDisclosure ParseLine(string line, string file, int number)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new FormatException($"{file}:{number}: not a JSON object");
        }
        string Required(string property) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new FormatException($"{file}:{number}: missing string property '{property}'");
        string? Optional(string property) =>
            root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        var id = Required("id");
        var text = Required("text");
        var label = Required("label").Trim().ToLowerInvariant();
        DisclosureLevel? level = label switch
        {
            "none" => DisclosureLevel.None,
            "concern" => DisclosureLevel.Concern,
            "urgent" => DisclosureLevel.Urgent,
            "emergency" => DisclosureLevel.Emergency,
            "info" => null,
            _ => throw new FormatException($"{file}:{number}: label '{label}' is not none, concern, urgent, emergency or info"),
        };
        // The shared dev format says "urgent" for anything to escalate, emergencies included.
        var sharedFormat = Optional("category") is null && label is "urgent" or "info";
        if (sharedFormat && label == "urgent") level = null;
        var escalate = label is "urgent" or "emergency";

        DisclosureCategory? category = null;
        if (Optional("category") is { } categoryText)
        {
            if (!Enum.TryParse<DisclosureCategory>(categoryText, ignoreCase: true, out var parsed) || int.TryParse(categoryText, out _))
                throw new FormatException($"{file}:{number}: unknown category '{categoryText}'");
            category = parsed;
        }
        Reporter? reporter = Optional("reporter")?.ToLowerInvariant() switch
        {
            null => null,
            "child" => Reporter.Child,
            "adult" => Reporter.Adult,
            "unknown" => Reporter.Unknown,
            var other => throw new FormatException($"{file}:{number}: reporter '{other}' is not child, adult or unknown"),
        };
        return new LabelledDisclosure(file, id, text, level, escalate, category, reporter);
    }

    private static (double Single, double Cpu, double Parallel) Throughput(IReadOnlyList<LabelledDisclosure> items, IDisclosureDetector detector)
    {
        var texts = items.Select(i => i.Text).ToArray();
        // Warm up for a second (tiered JIT reaches optimised code), then run whole passes for at least a second.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            foreach (var text in texts) detector.Assess(text);
        }
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            foreach (var text in texts) detector.Assess(text);
            count += texts.Length;
        }
        var single = count / watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var cpu = cpuSeconds > 0 ? count / cpuSeconds : 0;

        watch.Restart();
        long parallelCount = 0;
        while (watch.Elapsed < TimeSpan.FromMilliseconds(500))
        {
            Parallel.ForEach(texts, text => detector.Assess(text));
            parallelCount += texts.Length;
        }
        return (single, cpu, parallelCount / watch.Elapsed.TotalSeconds);
    }

    private static void Print(DisclosureBenchmarkResult result, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var outcomes = result.Outcomes;
        output.WriteLine(string.Create(c, $"Disclosure detector benchmark: {outcomes.Count} messages from {string.Join(", ", outcomes.Select(o => o.Item.File).Distinct())}"));
        output.WriteLine(string.Create(c, $"  recall on urgent+emergency   {result.Caught}/{result.ExpectedEscalations} = {result.Recall:0.000}"));
        output.WriteLine(string.Create(c, $"  false escalations (info/none) {result.InfoFalseEscalations}/{result.InfoMessages} = {result.InfoFalseEscalationRate:P1}"));
        output.WriteLine(string.Create(c, $"  false escalations (info/none/concern) {result.FalseEscalations}/{result.NonEscalations} = {result.FalseEscalationRate:P1}"));

        var emergencies = outcomes.Where(o => o.Item.ExpectedLevel == DisclosureLevel.Emergency).ToList();
        if (emergencies.Count > 0)
        {
            var asEmergency = emergencies.Count(o => o.Assessment.Level == DisclosureLevel.Emergency);
            output.WriteLine(string.Create(c, $"  emergencies flagged as emergency {asEmergency}/{emergencies.Count}"));
        }
        var labelledLevel = outcomes.Where(o => o.Item.ExpectedLevel is not null).ToList();
        if (labelledLevel.Count > 0)
        {
            var exact = labelledLevel.Count(o => o.Assessment.Level == o.Item.ExpectedLevel);
            output.WriteLine(string.Create(c, $"  exact level (none/concern/urgent/emergency) {exact}/{labelledLevel.Count} = {(double)exact / labelledLevel.Count:P1}"));
            output.WriteLine("  level confusion (rows expected, columns detected: none concern urgent emergency)");
            foreach (var expected in Enum.GetValues<DisclosureLevel>())
            {
                var row = Enum.GetValues<DisclosureLevel>().Select(d => labelledLevel.Count(o => o.Item.ExpectedLevel == expected && o.Assessment.Level == d));
                output.WriteLine(string.Create(c, $"    {expected,-10} {string.Join(" ", row.Select(n => n.ToString(c).PadLeft(5)))}"));
            }
        }

        var withCategory = outcomes.Where(o => o.Item.ExpectEscalation && o.Item.ExpectedCategory is not null).ToList();
        if (withCategory.Count > 0)
        {
            output.WriteLine("  per-category recall (and category agreement when caught)");
            foreach (var group in withCategory.GroupBy(o => o.Item.ExpectedCategory!.Value).OrderBy(g => g.Key))
            {
                var caught = group.Count(o => o.Escalated);
                var sameCategory = group.Count(o => o.Escalated && o.Assessment.Category == group.Key);
                output.WriteLine(string.Create(c, $"    {group.Key,-26} {caught,3}/{group.Count(),-3} = {(double)caught / group.Count():0.000}   category {sameCategory}/{caught}"));
            }
        }
        var withReporter = outcomes.Where(o => o.Item.ExpectEscalation && o.Escalated && o.Item.ExpectedReporter is not null and not Reporter.Unknown).ToList();
        if (withReporter.Count > 0)
        {
            var sameReporter = withReporter.Count(o => o.Assessment.Reporter == o.Item.ExpectedReporter);
            output.WriteLine(string.Create(c, $"  reporter agreement on caught disclosures {sameReporter}/{withReporter.Count} = {(double)sameReporter / withReporter.Count:P1}"));
        }
        if (result.MessagesPerSecond > 0)
        {
            output.WriteLine(string.Create(c, $"  throughput {result.MessagesPerSecond:N0} messages/s on one thread ({1_000_000 / result.MessagesPerSecond:0.0} µs each, wall clock), {result.ParallelMessagesPerSecond:N0}/s on {Environment.ProcessorCount} cores"));
            if (result.MessagesPerCpuSecond > 0)
                output.WriteLine(string.Create(c, $"  cost {1_000_000 / result.MessagesPerCpuSecond:0.0} µs of CPU per message ({result.MessagesPerCpuSecond:N0} messages per CPU-second; includes GC and runtime threads)"));
        }

        Section(output, "Misses (urgent/emergency not escalated)", outcomes.Where(o => o.Missed));
        Section(output, "False escalations", outcomes.Where(o => o.FalseEscalation));
    }

    private static void Section(TextWriter output, string title, IEnumerable<DisclosureOutcome> outcomes)
    {
        var list = outcomes.ToList();
        output.WriteLine($"{title}: {list.Count}");
        foreach (var o in list)
        {
            var expected = o.Item.ExpectedLevel?.ToString().ToLowerInvariant() ?? (o.Item.ExpectEscalation ? "urgent" : "info");
            var cues = o.Assessment.Cues.Count == 0 ? "no cue" : string.Join(" ", o.Assessment.Cues.Select(Describe));
            output.WriteLine($"  {o.Item.File}:{o.Item.Id} expected {expected}, got {o.Assessment.Level.ToString().ToLowerInvariant()} [{cues}]");
            output.WriteLine($"    {Shorten(o.Item.Text)}");
        }
    }

    private static string Describe(DisclosureCue cue) =>
        cue.Level == DisclosureLevel.None && cue.Category == DisclosureCategory.None
            ? cue.RuleId
            : $"{cue.RuleId}={cue.Level.ToString().ToLowerInvariant()}";

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
