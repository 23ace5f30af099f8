using System.Diagnostics;
using System.Globalization;
using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Cli;

/// <summary>
/// `eval FILE.jsonl [-v]`: Recall@1/3/10, Hit@1/3/10 and MRR@10 of the engine beside a plain StandardAnalyzer BM25
/// baseline over the same passages, the questions the engine misses in its top 3, how the confidence levels
/// line up with being right (the calibration table), and query latency p50/p99. -v prints every question's evidence.
/// </summary>
public static class EvalVerb
{
    public static async Task<int> RunAsync(KnowledgeIndex index, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (file is null) return CliVerbRunner.Usage(output);
        var verbose = args.Contains("-v");
        var questions = QuestionFile.Read(Path.GetFullPath(file));
        var load = await Task.Run(() => index.Load(), cancellationToken);
        CliVerbRunner.PrintLoad(load, output);
        output.WriteLine($"questions: {questions.Count} from {file}");

        var engine = new KnowledgeSearchEngine(index);
        var watch = Stopwatch.StartNew();
        using var baseline = new BaselineRetriever(PassageBuilder.Build(index.Current.Snapshot));
        var baselineBuild = watch.Elapsed;
        var ours = RetrievalEvaluator.Evaluate(new EngineRetriever(engine), questions);
        var theirs = RetrievalEvaluator.Evaluate(baseline, questions);
        output.WriteLine($"(baseline index built in {baselineBuild.TotalMilliseconds:F0} ms)");
        output.WriteLine();
        output.WriteLine($"{"metric",-10}{"engine",10}{"baseline",10}{"delta",10}");
        foreach (var (name, a, b) in Rows(ours, theirs))
            output.WriteLine($"{name,-10}{a,10:F3}{b,10:F3}{a - b,10:+0.000;-0.000}");

        output.WriteLine();
        output.WriteLine("engine misses (no relevant article in the top 3):");
        var baselineById = theirs.Outcomes.ToDictionary(o => o.Question.Id);
        var misses = 0;
        foreach (var o in ours.Outcomes.Where(o => !o.HitAt(3)))
        {
            misses++;
            output.WriteLine($"  {o.Question.Id}: \"{o.Question.Question}\"");
            output.WriteLine($"    relevant {string.Join(", ", o.Question.Relevant)}; engine rank {Rank(o)}, baseline rank {Rank(baselineById[o.Question.Id])}");
            output.WriteLine($"    engine top 3: {string.Join(" | ", o.Retrieved.Take(3))}");
        }
        if (misses == 0) output.WriteLine("  none");

        output.WriteLine();
        output.WriteLine("confidence calibration (questions, of which right at 1, right in top 3):");
        var rows = questions.Zip(ours.Outcomes, (q, o) => (Ranked: engine.Rank(q.Question), Outcome: o)).ToList();
        foreach (var level in Enum.GetValues<Confidence>().Reverse())
        {
            var at = rows.Where(r => r.Ranked.Result.Confidence == level).ToList();
            output.WriteLine($"  {level.ToString().ToLowerInvariant(),-7}{at.Count,4}{at.Count(r => r.Outcome.HitAt(1)),6}{at.Count(r => r.Outcome.HitAt(3)),6}");
        }
        if (verbose)
        {
            output.WriteLine();
            output.WriteLine("per question: id, first relevant rank, confidence, strength, coverage, pair coverage, margin");
            foreach (var (ranked, o) in rows)
            {
                var e = ranked.Evidence;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {o.Question.Id,-12} {Rank(o),3} {ranked.Result.Confidence,-7} {ConfidenceCalibrator.Strength(e):F2} {e.Coverage:F2} {e.PairCoverage:F2} {e.Margin:F2}"));
            }
        }

        var latency = RetrievalEvaluator.MeasureLatency(questions.Select(q => q.Question).ToList(), q => engine.Search(q));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"query latency over {latency.Samples} searches: p50 {latency.P50:F2} ms, p99 {latency.P99:F2} ms, max {latency.Max:F2} ms"));
        return 0;
    }

    private static IEnumerable<(string, double, double)> Rows(RetrievalMetrics a, RetrievalMetrics b)
    {
        foreach (var k in new[] { 1, 3, 10 }) yield return ($"Recall@{k}", a.RecallAt(k), b.RecallAt(k));
        foreach (var k in new[] { 1, 3, 10 }) yield return ($"Hit@{k}", a.HitAt(k), b.HitAt(k));
        yield return ("MRR@10", a.Mrr, b.Mrr);
    }

    private static string Rank(QuestionOutcome o) => o.FirstRelevantRank > 0 ? o.FirstRelevantRank.ToString(CultureInfo.InvariantCulture) : "-";
}
