using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Content.Support;

/// <summary>The index the acceptance of issue 3 is measured on: the repository's knowledge/ alone, no ExtraSources,
/// built once per test class in a temporary folder.</summary>
public sealed class KnowledgeOnlyIndexFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public KnowledgeOnlyIndexFixture()
    {
        Index = new KnowledgeIndex(new KnowledgeSources(RepositoryPaths.Knowledge, [], _temp.Combine("index")));
        Report = Index.Load();
        Engine = new KnowledgeSearchEngine(Index);
    }

    public KnowledgeIndex Index { get; }
    public IndexLoadReport Report { get; }
    public KnowledgeSearchEngine Engine { get; }

    public void Dispose()
    {
        Index.Dispose();
        _temp.Dispose();
    }
}
