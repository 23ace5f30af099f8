using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>
/// Stands in for the disclosure detector only while the host has none registered (the real one is built on its
/// own branch and replaces this automatically once it is registered by the host). It knows the few phrasings the
/// bot-core tests use, to drive the bot's safety flow; it is not a detector.
/// </summary>
public sealed class InterimDisclosureDetector : IDisclosureDetector
{
    public static void RegisterIfMissing(IServiceCollection services) =>
        services.TryAddSingleton<IDisclosureDetector, InterimDisclosureDetector>();

    public DisclosureAssessment Assess(string text)
    {
        var key = ActionMonth.Knowledge.Text.VietnameseText.Fold(text);
        if (key.Contains("so vao nguoi em", StringComparison.Ordinal) || key.Contains("touches me", StringComparison.Ordinal))
            return new(DisclosureLevel.Urgent, DisclosureCategory.SexualAbuse, Reporter.Child,
                [new DisclosureCue("interim-touch", DisclosureCategory.SexualAbuse, DisclosureLevel.Urgent)]);
        if (key.Contains("bo danh em bang day dien", StringComparison.Ordinal) || key.Contains("hang xom danh con", StringComparison.Ordinal))
            return new(DisclosureLevel.Urgent, DisclosureCategory.PhysicalViolence, key.Contains("con") ? Reporter.Adult : Reporter.Child,
                [new DisclosureCue("interim-hit", DisclosureCategory.PhysicalViolence, DisclosureLevel.Urgent)]);
        if (key.Contains("uong het vi thuoc", StringComparison.Ordinal))
            return new(DisclosureLevel.Emergency, DisclosureCategory.SelfHarm, Reporter.Child,
                [new DisclosureCue("interim-poison", DisclosureCategory.SelfHarm, DisclosureLevel.Emergency)]);
        if (key.Contains("buon qua", StringComparison.Ordinal))
            return new(DisclosureLevel.Concern, DisclosureCategory.SelfHarm, Reporter.Child, []);
        return DisclosureAssessment.None;
    }
}
