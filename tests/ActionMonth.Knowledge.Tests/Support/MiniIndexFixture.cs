using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Knowledge.Tests.Support;

/// <summary>An index over the made-up fixtures (Fixtures/knowledge-mini and Fixtures/corpus-mini); needs nothing
/// from ../shared, so these tests run everywhere.</summary>
public sealed class MiniIndexFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public MiniIndexFixture()
    {
        Index = new KnowledgeIndex(new KnowledgeSources(RepositoryPaths.Fixture("knowledge-mini"),
            [RepositoryPaths.Fixture("corpus-mini")], _temp.Combine("index")));
        Report = Index.Load();
        Engine = new KnowledgeSearchEngine(Index);
    }

    public KnowledgeIndex Index { get; }
    public KnowledgeSearchEngine Engine { get; }
    public IndexLoadReport Report { get; }

    public void Dispose()
    {
        Index.Dispose();
        _temp.Dispose();
    }
}
