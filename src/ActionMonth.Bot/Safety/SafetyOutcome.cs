namespace ActionMonth.Bot.Safety;

/// <summary>What the safety gate did with a message: let the turn go on, or answer it with a safety reply and end the
/// turn. The reply's listener decides who the safety follow-ups speak to afterwards, so they match the reply.</summary>
public enum SafetyOutcome
{
    /// <summary>No safety reply (nothing, or a concern's gentle line): the turn goes on.</summary>
    Continue,

    /// <summary>A safety reply written for the child was sent; the turn ends.</summary>
    AnsweredChild,

    /// <summary>A safety reply written for an adult (parent, teacher, witness) was sent; the turn ends.</summary>
    AnsweredAdult,
}
