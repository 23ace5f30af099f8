namespace ActionMonth.Knowledge.Search;

/// <summary>What the confidence of a result is decided from.</summary>
/// <param name="Coverage">Share of the question's salient words (weighted by rarity, IDF) that the top article's
/// passages contain. Off-topic questions ("giá vàng hôm nay") score low: their rare words are not in the texts.</param>
/// <param name="PairCoverage">Share of the question's syllable pairs found in those passages: close to word overlap.</param>
/// <param name="Margin">How far the top article is ahead of the second, relative to its score.</param>
public readonly record struct ConfidenceEvidence(double Coverage, double PairCoverage, double Margin, int SalientTerms);

/// <summary>
/// Maps <see cref="ConfidenceEvidence"/> to high/medium/low/none with thresholds calibrated on
/// ../shared/eval/retrieval-dev.jsonl plus off-topic questions (see the `eval` verb's calibration table):
/// "high" is where the first hit was right on (nearly) every dev question, "none" where no dev question with a
/// correct answer in the top 10 fell, so the bot can say it does not know.
/// </summary>
public static class ConfidenceCalibrator
{
    public static Confidence Decide(ConfidenceEvidence e)
    {
        if (e.SalientTerms == 0) return Confidence.None;
        var strength = Strength(e);
        return strength switch
        {
            >= 0.62 => Confidence.High,
            >= 0.45 => Confidence.Medium,
            >= 0.30 => Confidence.Low,
            _ => Confidence.None,
        };
    }

    /// <summary>One number in [0, 1] that grows with coverage and, less, with the margin over the runner-up.</summary>
    public static double Strength(ConfidenceEvidence e) =>
        0.55 * e.Coverage + 0.35 * e.PairCoverage + 0.10 * Math.Min(1.0, e.Margin * 4);
}
