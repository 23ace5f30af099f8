using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Cli;

/// <summary>`detect FILE.jsonl [FILE.jsonl …]`: the disclosure detector's benchmark on labelled sets, each file on its
/// own and then all together: recall on urgent+emergency, false escalations, misses with their cues, throughput.
/// Exit code 1 when a set misses the targets (recall 1.00, false escalations on info messages ≤ 5%). It prints the
/// text of misses, so it is for labelled sets only, never for users' messages.</summary>
public static class DetectVerb
{
    public const double MaxFalseEscalationRate = 0.05;

    public static int Run(IDisclosureDetector detector, IReadOnlyList<string> files, TextWriter output)
    {
        if (files.Count == 0) return CliVerbRunner.Usage(output);
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            foreach (var f in missing) output.WriteLine($"error: no such file: {f}");
            return 1;
        }

        var met = true;
        foreach (var file in files)
        {
            var result = DisclosureBenchmark.Run([file], output, detector);
            met &= result.Recall >= 1.0 && result.InfoFalseEscalationRate <= MaxFalseEscalationRate;
            output.WriteLine();
        }
        if (files.Count > 1)
        {
            output.WriteLine("all files together:");
            var all = DisclosureBenchmark.Run(files, output, detector);
            met &= all.Recall >= 1.0 && all.InfoFalseEscalationRate <= MaxFalseEscalationRate;
        }
        output.WriteLine(met ? "targets met: recall 1.00, false escalations ≤ 5%" : "targets MISSED: recall 1.00 and false escalations ≤ 5% are required");
        return met ? 0 : 1;
    }
}
