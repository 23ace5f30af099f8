namespace ActionMonth.Knowledge.Safety;

/// <summary>What a rule line does (the first column of disclosure-rules.tsv).</summary>
internal enum RuleKind
{
    /// <summary>A harm cue that names its victim (the child or a specific child): fires even inside a question
    /// about the law; only negation and a hypothetical lower it.</summary>
    Disclose,
    /// <summary>A harm cue without a bound victim: fires unless an informational frame or a generic subject
    /// ("trẻ em") says the sentence is about children in general.</summary>
    Harm,
    /// <summary>Who a sentence is about (role in the category column): self, mychild, somechild, place, adult,
    /// generic.</summary>
    Anchor,
    /// <summary>Law, definition, procedure, prevention, news or school-work framing of a sentence.</summary>
    Frame,
    /// <summary>A phrase whose words must not count as a cue ("danh sách", "đánh giá", "trẻ em").</summary>
    Guard,
    /// <summary>A negation that cancels the cue right after it ("không bị", "chưa bao giờ").</summary>
    Negation,
    /// <summary>A hypothetical opening ("nếu", "giả sử"): cues after it count as concern.</summary>
    Hypothetical,
    /// <summary>A sign the harm already happens ("lại", "nữa"): cancels the hypothetical.</summary>
    Recurrence,
    /// <summary>A question word: a cue without any anchor in a question counts as concern.</summary>
    Question,
    /// <summary>Danger right now ("ngay bây giờ", "cứu em"): raises an urgent cue to emergency.</summary>
    Immediacy,
}

/// <summary>The role of an anchor.</summary>
/// <summary>Parent: the speaker shown to be an adult (names a spouse, "thằng bé nhà tôi"); counts as the speaker for
/// frames and specificity, and makes the reporter Adult. IndefiniteChild: "một em bị…", a child named only as one
/// of many; specific like SomeChild, but a disclose cue about it in a procedure or law sentence is a question.
/// SelfAlone: the "mình" of "một mình", the speaker unless the sentence also names a child of the speaker ("con tôi … một
/// mình" is a parent's report).</summary>
internal enum AnchorRole { None, Self, MyChild, SomeChild, Place, Adult, Generic, Parent, IndefiniteChild, SelfAlone, Witness }

/// <summary>One parsed rule line. <see cref="Patterns"/> holds plain patterns and the parts of conjunctions
/// ("a &amp;20 b"), each part knowing its conjunction.</summary>
internal sealed record DisclosureRule(
    string Id,
    RuleKind Kind,
    DisclosureLevel Level,
    DisclosureCategory Category,
    AnchorRole Role,
    PatternSequence[] Patterns,
    string Source,
    int Line)
{
    /// <summary>True when some pattern of the rule joins parts with "&amp;".</summary>
    public bool HasConjunctions { get; } = Patterns.Any(p => p.Conjunction is not null);
}
