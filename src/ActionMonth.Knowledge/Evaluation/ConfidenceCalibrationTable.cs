using ActionMonth.Knowledge.Search;

namespace ActionMonth.Knowledge.Evaluation;

/// <summary>One confidence level's row: how many in-scope questions got it and how many of them had a relevant
/// article first and in the top 3, and how many off-topic questions (no relevant article) got it.</summary>
public sealed record CalibrationRow(Confidence Level, int InScope, int RightAtOne, int RightInTopThree, int OffTopic)
{
    public double ShareRightAtOne => InScope == 0 ? 0 : RightAtOne / (double)InScope;
    public double ShareRightInTopThree => InScope == 0 ? 0 : RightInTopThree / (double)InScope;
}

/// <summary>How the confidence levels line up with being right, over question files (what `eval -v` prints and the
/// calibration tests check): high should mean the first hit is right, medium a right hit in the top 3, and an
/// off-topic question should never be more than low.</summary>
public static class ConfidenceCalibrationTable
{
    public static IReadOnlyList<CalibrationRow> Build(IEnumerable<(Confidence Confidence, QuestionOutcome Outcome)> results)
    {
        var list = results.ToList();
        return Enum.GetValues<Confidence>().Reverse().Select(level =>
        {
            var at = list.Where(r => r.Confidence == level).Select(r => r.Outcome).ToList();
            var inScope = at.Where(o => o.Question.Relevant.Count > 0).ToList();
            return new CalibrationRow(level, inScope.Count, inScope.Count(o => o.HitAt(1)), inScope.Count(o => o.HitAt(3)),
                at.Count - inScope.Count);
        }).ToList();
    }

    public static IEnumerable<string> Format(IReadOnlyList<CalibrationRow> rows)
    {
        yield return $"  {"level",-8}{"in-scope",9}{"right@1",14}{"right@3",14}{"off-topic",11}";
        foreach (var r in rows)
            yield return $"  {r.Level.ToString().ToLowerInvariant(),-8}{r.InScope,9}{r.RightAtOne,8} ({r.ShareRightAtOne,3:P0}){r.RightInTopThree,8} ({r.ShareRightInTopThree,3:P0}){r.OffTopic,11}";
    }
}
