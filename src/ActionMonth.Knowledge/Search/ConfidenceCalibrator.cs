namespace ActionMonth.Knowledge.Search;

/// <summary>What the confidence of a result is decided from.</summary>
/// <param name="Coverage">Share of the question's salient words (weighted by rarity, IDF) that the top article's
/// passages contain. Off-topic questions ("giá vàng hôm nay") score low: their rare words are not in the texts.</param>
/// <param name="PairCoverage">Share of the question's syllable pairs found in those passages: close to word overlap.</param>
/// <param name="Margin">How far the top article is ahead of the second, relative to its score.</param>
/// <param name="TopScore">The top article's aggregated BM25 score (for a question without diacritics, scaled up to
/// make up for the exact form it does not query). Off-topic questions that happen to share words with the texts
/// still score low, because what they share is common. Its scale depends on the indexed content, so the thresholds
/// below are re-checked with `eval -v` whenever knowledge/ grows a lot.</param>
public readonly record struct ConfidenceEvidence(double Coverage, double PairCoverage, double Margin, int SalientTerms, double TopScore = 0);

/// <summary>
/// Maps <see cref="ConfidenceEvidence"/> to high/medium/low/none. Calibrated on ../shared/eval/retrieval-dev.jsonl
/// (40), our own questions (tests/ActionMonth.Knowledge.Tests/Data/retrieval-own.jsonl, 78) and 25 off-topic or
/// small-talk questions, with the full knowledge/ and corpus indexed:
/// - high (strength ≥ 0.70, margin ≥ 0.15, score ≥ 75): 48 in-scope questions; the first hit right for 92%, a
///   relevant article in the top 3 for 98%;
/// - medium (strength ≥ 0.45, score ≥ 75): 61 in-scope questions, a relevant article in the top 3 for 98%; no
///   off-topic question (the closest, "luật giao thông đường bộ mới", scores 71);
/// - low (strength ≥ 0.30, score ≥ 40): weak evidence: 7 in-scope questions (mostly teencode) and 1 off-topic one;
/// - none: nothing in the texts matches what the question is about (24 of the 25 off-topic questions, 2 in-scope).
/// </summary>
public static class ConfidenceCalibrator
{
    public static Confidence Decide(ConfidenceEvidence e)
    {
        if (e.SalientTerms == 0) return Confidence.None;
        var strength = Strength(e);
        if (strength >= 0.70 && e.Margin >= 0.15 && e.TopScore >= 75) return Confidence.High;
        if (strength >= 0.45 && e.TopScore >= 75) return Confidence.Medium;
        if (strength >= 0.30 && e.TopScore >= 40) return Confidence.Low;
        return Confidence.None;
    }

    /// <summary>One number in [0, 1] that grows with coverage and, less, with the margin over the runner-up.</summary>
    public static double Strength(ConfidenceEvidence e) =>
        0.55 * e.Coverage + 0.35 * e.PairCoverage + 0.10 * Math.Min(1.0, e.Margin * 4);
}
