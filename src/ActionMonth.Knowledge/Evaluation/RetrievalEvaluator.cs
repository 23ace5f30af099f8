using System.Diagnostics;

namespace ActionMonth.Knowledge.Evaluation;

/// <summary>How one question fared: the rank (1-based) of each relevant article in the top 10, 0 when absent.</summary>
public sealed record QuestionOutcome(EvalQuestion Question, IReadOnlyList<ArticleRef> Retrieved, IReadOnlyList<int> RelevantRanks)
{
    public int FirstRelevantRank => RelevantRanks.Where(r => r > 0).DefaultIfEmpty(0).Min();

    /// <summary>|relevant ∩ top-k| / |relevant|.</summary>
    public double RecallAt(int k) => Question.Relevant.Count == 0 ? 0 : RelevantRanks.Count(r => r > 0 && r <= k) / (double)Question.Relevant.Count;

    public bool HitAt(int k) => RelevantRanks.Any(r => r > 0 && r <= k);

    public double ReciprocalRank => FirstRelevantRank is var r and > 0 ? 1.0 / r : 0;
}

/// <summary>Retrieval figures over a question file (definitions in the brief of issue 2):
/// Recall@k = mean over questions of |relevant ∩ top-k articles| / |relevant|; Hit@k = share of questions with any
/// relevant article in the top k; MRR@10 = mean of 1/rank of the first relevant article within the top 10.</summary>
public sealed record RetrievalMetrics(string Name, IReadOnlyList<QuestionOutcome> Outcomes)
{
    public const int Depth = 10;
    public double RecallAt(int k) => Outcomes.Count == 0 ? 0 : Outcomes.Average(o => o.RecallAt(k));
    public double HitAt(int k) => Outcomes.Count == 0 ? 0 : Outcomes.Average(o => o.HitAt(k) ? 1.0 : 0.0);
    public double Mrr => Outcomes.Count == 0 ? 0 : Outcomes.Average(o => o.ReciprocalRank);
}

/// <summary>Query latency percentiles, in milliseconds.</summary>
public sealed record LatencyStats(int Samples, double P50, double P99, double Max)
{
    public static LatencyStats From(IReadOnlyList<double> millis)
    {
        if (millis.Count == 0) return new LatencyStats(0, 0, 0, 0);
        var sorted = millis.Order().ToArray();
        return new LatencyStats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

public static class RetrievalEvaluator
{
    public static RetrievalMetrics Evaluate(IArticleRetriever retriever, IReadOnlyList<EvalQuestion> questions)
    {
        var outcomes = new List<QuestionOutcome>();
        foreach (var q in questions)
        {
            var retrieved = retriever.Retrieve(q.Question, RetrievalMetrics.Depth).Take(RetrievalMetrics.Depth).ToList();
            var ranks = q.Relevant.Select(r => retrieved.FindIndex(x => r.Matches(x.Doc, x.Article)) + 1).ToList();
            outcomes.Add(new QuestionOutcome(q, retrieved, ranks));
        }
        return new RetrievalMetrics(retriever.Name, outcomes);
    }

    /// <summary>How long the latency measurement warms up before it starts timing.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    /// <summary>Times <paramref name="search"/> over every question, <paramref name="rounds"/> times, after warming up
    /// for at least <see cref="WarmUp"/>: the first queries pay for JIT and cold caches, and .NET's tiered compilation
    /// only swaps in optimised code after a method has run a while, which a running server has long done.</summary>
    public static LatencyStats MeasureLatency(IReadOnlyList<string> questions, Action<string> search, int rounds = 10)
    {
        var warming = Stopwatch.StartNew();
        do
        {
            foreach (var q in questions) search(q);
        } while (warming.Elapsed < WarmUp && questions.Count > 0);
        var samples = new List<double>(questions.Count * rounds);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var q in questions)
            {
                var start = Stopwatch.GetTimestamp();
                search(q);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
        return LatencyStats.From(samples);
    }
}
