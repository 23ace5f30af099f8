namespace ActionMonth.Knowledge.Search;

/// <summary>
/// Field boosts and aggregation weights of the engine, in one place so that their effect can be measured with the
/// `eval` verb. Syllable pairs weigh more than single syllables (a pair is nearly a word); the domain vocabulary's
/// legal words less than the user's own; our guide entries (one plain-language paragraph per article, with the
/// everyday words people use for it) more than the other passages. Title fields are short, so BM25 already scores
/// a title match high; boosting them further let long titles that share a phrase with the question win
/// (e.g. "chương trình liên quan đến trẻ em"). The values were chosen on the dev set and our own question set
/// together, keeping only changes that held on both (see the eval log in the engine's report).
/// </summary>
public sealed record SearchWeights
{
    public float TitleExact { get; init; } = 1.0f;
    public float TitleFolded { get; init; } = 0.8f;
    public float TitlePairs { get; init; } = 1.2f;
    public float BodyExact { get; init; } = 0.5f;
    public float BodyFolded { get; init; } = 1.2f;
    public float BodyPairs { get; init; } = 1.5f;
    /// <summary>Multiplier of every clause built from domain-vocabulary expansions.</summary>
    public float Expansion { get; init; } = 0.35f;
    /// <summary>Clauses are skipped for terms in more than this share of passages (per field).</summary>
    public double CommonTermShare { get; init; } = 0.3;
    /// <summary>How many passages are read before aggregating to articles.</summary>
    public int PassageDepth { get; init; } = 100;
    /// <summary>Weight of an article's second and third best passages added to its best.</summary>
    public float SecondPassage { get; init; } = 0.3f;
    public float ThirdPassage { get; init; } = 0.1f;
    /// <summary>A card counts fully for its first citation and by this factor for the others.</summary>
    public float SecondaryCitation { get; init; } = 0.85f;
    /// <summary>Leave out single-syllable terms of question words (<see cref="Analysis.QuestionWords"/>).</summary>
    public bool DropQuestionWords { get; init; } = true;
    /// <summary>Multipliers of passage scores by kind before aggregation.</summary>
    public float OfficialWeight { get; init; } = 1f;
    public float GuideWeight { get; init; } = 1.3f;
    public float CardWeight { get; init; } = 1f;
    /// <summary>A passage's score is multiplied by 1 + this × the coverage of the question by its best title line.</summary>
    public float LineMatch { get; init; } = 0.5f;

    /// <summary>An article linked to one of the top <see cref="CompanionSources"/> articles gains this share of that
    /// article's score (<see cref="CompanionArticleBoost"/>), among the first <see cref="CompanionDepth"/> articles; the
    /// first <see cref="CompanionKept"/> keep their places. Chosen with eval on all sets: a share of 0.2 let siblings of
    /// the top article pass the right one in chat shorthand; lifting into rank 2 cost MRR where the top article is wrong.</summary>
    public float CompanionShare { get; init; } = 0.1f;
    public int CompanionSources { get; init; } = 3;
    public int CompanionDepth { get; init; } = 30;
    public int CompanionKept { get; init; } = 2;

    /// <summary>Multiplier of a local document's articles when the question does not name it (<see cref="LocalDocumentPrior"/>).</summary>
    public float LocalDocument { get; init; } = 0.6f;

    public static SearchWeights Default { get; } = new();
}
