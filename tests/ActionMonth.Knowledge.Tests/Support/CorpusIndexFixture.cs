using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Knowledge.Tests.Support;

/// <summary>One index over ../shared/corpus and the repository's knowledge/, built once for every test that needs
/// the real texts. When ../shared is missing it holds the reason instead and the tests skip (or fail in CI).</summary>
public sealed class CorpusIndexFixture : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Lazy<(KnowledgeIndex Index, KnowledgeSearchEngine Engine, IndexLoadReport Report)?> _loaded;

    public CorpusIndexFixture()
    {
        _loaded = new(() =>
        {
            if (SharedData.Folder is null) return null;
            var index = new KnowledgeIndex(new KnowledgeSources(RepositoryPaths.Knowledge,
                [Path.Combine(SharedData.Folder, "corpus")], _temp.Combine("index")));
            var report = index.Load();
            return (index, new KnowledgeSearchEngine(index), report);
        });
    }

    private (KnowledgeIndex Index, KnowledgeSearchEngine Engine, IndexLoadReport Report) Loaded
    {
        get
        {
            SharedData.Require();
            return _loaded.Value!.Value;
        }
    }

    public KnowledgeIndex Index => Loaded.Index;
    public KnowledgeSearchEngine Engine => Loaded.Engine;
    public IndexLoadReport Report => Loaded.Report;

    public void Dispose()
    {
        if (_loaded.IsValueCreated && _loaded.Value is { } l) l.Index.Dispose();
        _temp.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusIndexFixture>
{
    public const string Name = "corpus index";
}
