using System.Diagnostics;
using System.Globalization;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Knowledge.Evaluation;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Cli;

/// <summary>
/// `eval FILE.jsonl [FILE.jsonl …] [-v]`: for each file, Recall@1/3/10, Hit@1/3/10 and MRR@10 of the engine beside a
/// plain StandardAnalyzer BM25 baseline over the same passages and the questions the engine misses in its top 3
/// (a file whose questions have no relevant article is an off-topic set: only its confidence is reported); then how
/// the confidence levels line up with being right (the calibration table, per file and over all files), query
/// latency p50/p99 and CPU time per search. -v adds every question's confidence evidence.
/// </summary>
public static class EvalVerb
{
    public static async Task<int> RunAsync(KnowledgeIndex index, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var files = args.Where(a => !a.StartsWith('-')).ToList();
        if (files.Count == 0) return CliVerbRunner.Usage(output);
        var verbose = args.Contains("-v");
        // An English question is searched as the bot searches it: through its English terms (EnglishQueryTranslator).
        var english = 0;
        var sets = files.Select(f => (File: f, Questions: QuestionFile.Read(Path.GetFullPath(f)).Select(q =>
        {
            var searched = AsTheBotSearches(q);
            if (!ReferenceEquals(searched, q)) english++;
            return searched;
        }).ToList())).ToList();
        var load = await Task.Run(() => index.Load(), cancellationToken);
        CliVerbRunner.PrintLoad(load, output);

        if (english > 0) output.WriteLine($"({english} English questions searched through the bot's English terms, as the bot does)");
        var engine = new KnowledgeSearchEngine(index);
        var watch = Stopwatch.StartNew();
        using var baseline = new BaselineRetriever(PassageBuilder.Build(index.Current.Snapshot));
        output.WriteLine($"(baseline index built in {watch.Elapsed.TotalMilliseconds:F0} ms)");

        var all = new List<(Confidence, QuestionOutcome)>();
        foreach (var (file, questions) in sets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.WriteLine();
            output.WriteLine($"== {file}: {questions.Count} questions");
            var ours = RetrievalEvaluator.Evaluate(new EngineRetriever(engine), questions);
            var ranked = questions.Select(q => engine.Rank(q.Question)).ToList();
            var results = ranked.Zip(ours.Outcomes, (r, o) => (r.Result.Confidence, o)).ToList();
            all.AddRange(results);
            if (questions.Any(q => q.Relevant.Count > 0)) PrintRetrieval(ours, RetrievalEvaluator.Evaluate(baseline, questions), output);
            output.WriteLine("confidence calibration:");
            foreach (var line in ConfidenceCalibrationTable.Format(ConfidenceCalibrationTable.Build(results))) output.WriteLine(line);
            if (verbose) PrintEvidence(ranked, ours.Outcomes, output);
        }

        if (sets.Count > 1)
        {
            output.WriteLine();
            output.WriteLine("confidence calibration over all files:");
            foreach (var line in ConfidenceCalibrationTable.Format(ConfidenceCalibrationTable.Build(all))) output.WriteLine(line);
        }

        var texts = sets.SelectMany(s => s.Questions).Select(q => q.Question).ToList();
        var latency = RetrievalEvaluator.MeasureLatency(texts, q => engine.Search(q));
        var (cpu, allocated, collections, pause) = CpuPerSearch(texts, engine);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"query latency over {latency.Samples} searches: p50 {latency.P50:F2} ms, p99 {latency.P99:F2} ms, max {latency.Max:F2} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU time per search (process, one thread, {texts.Count * CpuRounds} searches): {cpu:F2} ms, allocated {allocated / 1024:F0} KB, {collections} garbage collections pausing {pause:F1} ms in all"));
        if (verbose) PrintSlowest(texts, engine, output);
        return 0;
    }

    private const int CpuRounds = 5;

    private static readonly LanguageDetector Languages = new();

    private static EvalQuestion AsTheBotSearches(EvalQuestion question) =>
        Languages.Detect(question.Question) == UiLanguages.English && EnglishQueryTranslator.Default.Translate(question.Question) is { } translated
            ? question with { Question = translated }
            : question;

    /// <summary>Process CPU time per search, one search at a time: unlike wall-clock latency, it does not grow when other
    /// processes load the machine.</summary>
    private static (double Millis, double AllocatedBytes, int Collections, double PauseMillis) CpuPerSearch(IReadOnlyList<string> questions, KnowledgeSearchEngine engine)
    {
        if (questions.Count == 0) return (0, 0, 0, 0);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        for (var round = 0; round < CpuRounds; round++)
            foreach (var q in questions) engine.Search(q);
        process.Refresh();
        var searches = (double)(questions.Count * CpuRounds);
        return ((process.TotalProcessorTime - before).TotalMilliseconds / searches,
            (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / searches, GC.CollectionCount(0) - collectionsBefore,
            (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds);
    }

    /// <summary>The questions with the highest median latency: where the tail comes from when it is the questions and
    /// not the machine.</summary>
    private static void PrintSlowest(IReadOnlyList<string> questions, KnowledgeSearchEngine engine, TextWriter output)
    {
        var medians = questions.Distinct().Select(q =>
        {
            var times = Enumerable.Range(0, 7).Select(_ =>
            {
                var start = Stopwatch.GetTimestamp();
                engine.Search(q);
                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }).Order().ToList();
            return (Question: q, Median: times[times.Count / 2]);
        }).OrderByDescending(x => x.Median).Take(10);
        output.WriteLine("slowest questions (median of 7):");
        foreach (var (q, median) in medians)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {median,6:F2} ms  {q.Length,4} chars"));
    }

    private static void PrintRetrieval(RetrievalMetrics ours, RetrievalMetrics theirs, TextWriter output)
    {
        output.WriteLine($"{"metric",-10}{"engine",10}{"baseline",10}{"delta",10}");
        foreach (var (name, a, b) in Rows(ours, theirs))
            output.WriteLine($"{name,-10}{a,10:F3}{b,10:F3}{a - b,10:+0.000;-0.000}");
        output.WriteLine("engine misses (no relevant article in the top 3):");
        var baselineById = theirs.Outcomes.ToDictionary(o => o.Question.Id);
        var misses = 0;
        foreach (var o in ours.Outcomes.Where(o => o.Question.Relevant.Count > 0 && !o.HitAt(3)))
        {
            misses++;
            output.WriteLine($"  {o.Question.Id}: \"{o.Question.Question}\"");
            output.WriteLine($"    relevant {string.Join(", ", o.Question.Relevant)}; engine rank {Rank(o)}, baseline rank {Rank(baselineById[o.Question.Id])}");
            output.WriteLine($"    engine top 3: {string.Join(" | ", o.Retrieved.Take(3))}");
        }
        if (misses == 0) output.WriteLine("  none");
    }

    private static void PrintEvidence(IReadOnlyList<RankedResult> ranked, IReadOnlyList<QuestionOutcome> outcomes, TextWriter output)
    {
        output.WriteLine("per question: id, first relevant rank (- none, off: off-topic), confidence, support, answer coverage "
            + "(terms/pairs), best title line, margin, top score, in scope");
        foreach (var (r, o) in ranked.Zip(outcomes))
        {
            var e = r.Evidence;
            var rank = o.Question.Relevant.Count == 0 ? "off" : Rank(o);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {o.Question.Id,-12} {rank,3} {r.Result.Confidence,-7} {e.Support,6:F1} {e.Answer.Terms:F2}/{e.Answer.Pairs:F2} {e.Line.Joint:F2} {e.Margin:F2} {e.TopScore,6:F1} {(e.InScope ? "yes" : "no")}"));
        }
    }

    private static IEnumerable<(string, double, double)> Rows(RetrievalMetrics a, RetrievalMetrics b)
    {
        foreach (var k in new[] { 1, 3, 10 }) yield return ($"Recall@{k}", a.RecallAt(k), b.RecallAt(k));
        foreach (var k in new[] { 1, 3, 10 }) yield return ($"Hit@{k}", a.HitAt(k), b.HitAt(k));
        yield return ("MRR@10", a.Mrr, b.Mrr);
    }

    private static string Rank(QuestionOutcome o) => o.FirstRelevantRank > 0 ? o.FirstRelevantRank.ToString(CultureInfo.InvariantCulture) : "-";
}
