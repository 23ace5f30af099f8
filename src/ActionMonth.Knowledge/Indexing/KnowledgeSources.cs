namespace ActionMonth.Knowledge.Indexing;

/// <summary>The "Knowledge" configuration section (interfaces.md). Paths are relative to the content root.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";
    public string Path { get; set; } = "knowledge";
    public List<string> ExtraSources { get; set; } = [];
    public string IndexPath { get; set; } = "data/index";

    /// <summary>The absolute folders these options name, resolved against <paramref name="contentRoot"/>.</summary>
    public KnowledgeSources Resolve(string contentRoot) => new(
        System.IO.Path.GetFullPath(Path, contentRoot),
        ExtraSources.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => System.IO.Path.GetFullPath(s, contentRoot)).ToList(),
        System.IO.Path.GetFullPath(IndexPath, contentRoot));
}

/// <summary>Absolute folders: the project's knowledge/, the official-text folders, and where the index lives.</summary>
public sealed record KnowledgeSources(string KnowledgePath, IReadOnlyList<string> ExtraSources, string IndexPath);
