using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Safety;

/// <summary>The <c>actionmonth/escalation</c> entity every reply of an escalated turn carries (interfaces.md).</summary>
public static class EscalationEntity
{
    public const string EntityType = "actionmonth/escalation";

    public static Entity From(EscalationCase escalation)
    {
        var entity = new Entity(EntityType);
        entity.Properties["caseId"] = escalation.CaseId;
        entity.Properties["level"] = LevelName(escalation.Level);
        entity.Properties["category"] = CategoryName(escalation.Category);
        return entity;
    }

    public static string LevelName(DisclosureLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>camelCase of the category: "sexualAbuse", "selfHarm", "onlineSexualExploitation".</summary>
    public static string CategoryName(DisclosureCategory category)
    {
        var name = category.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
