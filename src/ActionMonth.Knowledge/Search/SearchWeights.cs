namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Field boosts and aggregation weights of the engine, in one place so that their effect can be measured with the
/// `eval` verb. Titles (article titles, card questions, guide keywords) weigh more than bodies; syllable pairs more
/// than single syllables (a pair is nearly a word); the domain vocabulary's legal words less than the user's own.
/// </summary>
public sealed record SearchWeights
{
    public float TitleExact { get; init; } = 1.0f;
    public float TitleFolded { get; init; } = 1.5f;
    public float TitlePairs { get; init; } = 2.5f;
    public float BodyExact { get; init; } = 0.5f;
    public float BodyFolded { get; init; } = 0.8f;
    public float BodyPairs { get; init; } = 1.5f;
    /// <summary>Multiplier of every clause built from domain-vocabulary expansions.</summary>
    public float Expansion { get; init; } = 0.35f;
    /// <summary>Single-syllable body clauses are skipped for terms in more than this share of passages.</summary>
    public double CommonTermShare { get; init; } = 0.3;
    /// <summary>How many passages are read before aggregating to articles.</summary>
    public int PassageDepth { get; init; } = 200;
    /// <summary>Weight of an article's second and third best passages added to its best.</summary>
    public float SecondPassage { get; init; } = 0.3f;
    public float ThirdPassage { get; init; } = 0.1f;
    /// <summary>A card counts fully for its first citation and by this factor for the others.</summary>
    public float SecondaryCitation { get; init; } = 0.85f;

    public static SearchWeights Default { get; } = new();
}
