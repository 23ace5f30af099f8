using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>Everything read from the sources at one moment, with the problems found and a fingerprint of the
/// files it was read from (what decides whether the on-disk index is still current).</summary>
public sealed record KnowledgeSnapshot(
    IReadOnlyList<OfficialDocument> Documents,
    IReadOnlyList<DocumentGuide> Guides,
    IReadOnlyList<KnowledgeCard> Cards,
    IReadOnlyList<Hotline> Hotlines,
    IReadOnlyList<KnowledgeLoadError> Errors,
    IReadOnlyList<string> Warnings,
    string SourceFingerprint)
{
    public static KnowledgeSnapshot Empty { get; } = new([], [], [], [], [], [], "");
}
