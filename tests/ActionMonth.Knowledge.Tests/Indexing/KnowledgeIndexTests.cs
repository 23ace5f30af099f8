using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Indexing;

/// <summary>The on-disk index: rebuilt only on change, reloaded on file changes, safe under concurrent search.</summary>
public sealed class KnowledgeIndexTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly KnowledgeSources _sources;

    public KnowledgeIndexTests()
    {
        _temp.CopyFrom(RepositoryPaths.Fixture("knowledge-mini"), "knowledge");
        _sources = new KnowledgeSources(_temp.Combine("knowledge"), [RepositoryPaths.Fixture("corpus-mini")], _temp.Combine("index"));
    }

    private const string NewCard = """

        ## Có được mang thú cưng vào sân chơi không?
        id: parent-pets-playground
        audience: parent
        ask: mang cho meo vao san choi duoc khong
        ask: cho chó vào sân chơi có sao ko
        cite: 07/2098/TT-BKT Điều 3

        Thú cưng zebrafinch phải được giữ bên ngoài khu cầu trượt.
        """;

    [Fact]
    public void Index_is_rebuilt_only_when_the_sources_change()
    {
        using (var index = new KnowledgeIndex(_sources))
        {
            Assert.True(index.Load().Rebuilt);
            Assert.False(index.Load().Rebuilt);
        }
        // A new process (a restart) with unchanged sources reuses the index on disk.
        using (var index = new KnowledgeIndex(_sources))
        {
            var report = index.Load();
            Assert.False(report.Rebuilt);
            Assert.Equal(24, report.Passages);
            Assert.NotEmpty(new KnowledgeSearchEngine(index).Search("sân chơi").Hits);
        }
        File.AppendAllText(_temp.Combine("knowledge", "faq", "parents.md"), NewCard);
        using (var index = new KnowledgeIndex(_sources))
        {
            var report = index.Load();
            Assert.True(report.Rebuilt);
            Assert.Equal(25, report.Passages);
            Assert.True(index.Load(forceRebuild: true).Rebuilt);
        }
    }

    [Fact]
    public void Corrupt_index_folder_is_rebuilt()
    {
        Directory.CreateDirectory(_sources.IndexPath);
        File.WriteAllText(Path.Combine(_sources.IndexPath, "segments_1"), "not an index");
        using var index = new KnowledgeIndex(_sources);
        Assert.True(index.Load().Rebuilt);
        Assert.NotEmpty(new KnowledgeSearchEngine(index).Search("sân chơi").Hits);
    }

    [Fact]
    public void Changing_a_knowledge_file_reloads_the_index_without_restart()
    {
        using var index = new KnowledgeIndex(_sources);
        index.Load();
        var engine = new KnowledgeSearchEngine(index);
        Assert.DoesNotContain(engine.Search("zebrafinch").Hits, h => h.CardId == "parent-pets-playground");
        using var watcher = new KnowledgeFolderWatcher(index, TimeSpan.FromMilliseconds(200));
        Assert.True(watcher.IsWatching);
        using var reloaded = new ManualResetEventSlim();
        index.Loaded += r => { if (r.Cards == 5) reloaded.Set(); };
        File.AppendAllText(_temp.Combine("knowledge", "faq", "parents.md"), NewCard);
        Assert.True(reloaded.Wait(TimeSpan.FromSeconds(20)), "no reload within 20 s of the change");
        var hit = engine.Search("zebrafinch").Hits[0];
        Assert.Equal("parent-pets-playground", hit.CardId);
        Assert.NotNull(index.Current.Catalog.GetCard("parent-pets-playground"));
    }

    [Fact]
    public async Task Many_parallel_searches_during_repeated_rebuilds_all_succeed()
    {
        using var index = new KnowledgeIndex(_sources);
        index.Load();
        var engine = new KnowledgeSearchEngine(index);
        var questions = new[] { "sân chơi có an toàn không", "dieu 2 luat mau", "bạn đánh em ở trường", "thu vien cuoi tuan", "ông bà trông cháu" };
        var expected = questions.Select(q => engine.Search(q).Hits[0].Article).ToArray();
        using var stop = new CancellationTokenSource();
        var reloads = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested && n < 15) { index.Load(forceRebuild: true); n++; }
            return n;
        });
        var failures = 0;
        var searches = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var q = i % questions.Length;
            var first = engine.Search(questions[q]).Hits[0];
            Interlocked.Increment(ref searches);
            if (first.Article != expected[q]) Interlocked.Increment(ref failures);
        });
        stop.Cancel();
        Assert.True(await reloads > 0);
        Assert.Equal(400, searches);
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task Search_before_the_first_load_waits_for_it()
    {
        using var index = new KnowledgeIndex(_sources);
        var engine = new KnowledgeSearchEngine(index);
        Assert.False(index.IsLoaded);
        var search = Task.Run(() => engine.Search("sân chơi"));
        await Task.Delay(100);
        Assert.False(search.IsCompleted);
        index.Load();
        var result = await search.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotEmpty(result.Hits);
    }

    public void Dispose() => _temp.Dispose();
}
