namespace ActionMonth.Knowledge.Safety;

/// <summary>How urgent a message is. Emergency means life in danger now (an attempt in progress, poison taken,
/// being attacked or followed now); Urgent means a child is being harmed or at serious risk; Concern means a
/// worrying sign that deserves a gentle offer of help but no case.</summary>
public enum DisclosureLevel { None = 0, Concern = 1, Urgent = 2, Emergency = 3 }

public enum DisclosureCategory
{
    None,
    PhysicalViolence,
    SexualAbuse,
    OnlineSexualExploitation,
    SelfHarm,
    Trafficking,
    Neglect,
    ExploitativeLabour,
    ChildMarriage,
    MissingChild,
    BullyingWithDanger,
    OtherDanger,
}

/// <summary>Who is speaking about the harm: the child themself, or an adult/witness reporting about a child.</summary>
public enum Reporter { Unknown, Child, Adult }

/// <summary>A cue that fired: the rule id from the rules file and the category it points to. Never the text.</summary>
public sealed record DisclosureCue(string RuleId, DisclosureCategory Category, DisclosureLevel Level);

/// <summary>The detector's decision with the cues that explain it.</summary>
public sealed record DisclosureAssessment(
    DisclosureLevel Level,
    DisclosureCategory Category,
    Reporter Reporter,
    IReadOnlyList<DisclosureCue> Cues)
{
    public static DisclosureAssessment None { get; } = new(DisclosureLevel.None, DisclosureCategory.None, Reporter.Unknown, []);
    public bool ShouldEscalate => Level >= DisclosureLevel.Urgent;
}

/// <summary>Reads one incoming message and says whether it discloses harm. Pure, fast and thread-safe: it runs
/// on every message of every channel before anything else.</summary>
public interface IDisclosureDetector
{
    DisclosureAssessment Assess(string text);
}
