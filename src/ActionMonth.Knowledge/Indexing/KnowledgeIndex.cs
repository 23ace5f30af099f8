using System.Diagnostics;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>What one load or reload did, for logs and the `index` verb. Counts and timings only, never text.</summary>
public sealed record IndexLoadReport(
    int Documents,
    int Articles,
    int Guides,
    int Cards,
    int Passages,
    bool Rebuilt,
    TimeSpan Elapsed,
    IReadOnlyList<KnowledgeLoadError> Errors,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Where the time went: reading and parsing the sources, writing the index, opening the searcher.</summary>
    public (TimeSpan Read, TimeSpan Write, TimeSpan Open) Phases { get; init; }
}

/// <summary>Everything that is swapped together on a reload: the parsed sources, the catalog and the aliases.</summary>
public sealed record KnowledgeGeneration(KnowledgeSnapshot Snapshot, KnowledgeCatalog Catalog, DocumentAliasTable Aliases, DocumentTitles Titles)
{
    public static KnowledgeGeneration From(KnowledgeSnapshot snapshot)
    {
        var aliases = DocumentAliasTable.Build(snapshot);
        return new(snapshot, new KnowledgeCatalog(snapshot, aliases), aliases, DocumentTitles.From(snapshot));
    }
}

/// <summary>
/// The on-disk Lucene index of the knowledge and the matching in-memory catalog. <see cref="Load"/> reads the
/// sources, rebuilds the index only when their fingerprint (or <see cref="IndexFormat.Version"/>) differs from the
/// one stored in the last commit, and refreshes the <see cref="SearcherManager"/>; loads are serialised, searches
/// run concurrently with them. Thread-safe.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    private readonly System.Threading.Lock _loadLock = new();
    private readonly ManualResetEventSlim _loaded = new(false);
    private FSDirectory? _directory;
    // Searches read a copy of the committed index held in memory (it is a couple of megabytes). Lucene.NET's
    // memory-mapped inputs register every clone in a ConditionalWeakTable, and a search clones inputs for each of
    // its ~80 term clauses: the GC handles that made cost more than a third of the search time in collections.
    private readonly RAMDirectory _memory = new();
    private SearcherManager? _manager;
    private KnowledgeGeneration? _current;
    private bool _disposed;

    public KnowledgeIndex(KnowledgeSources sources)
    {
        Sources = sources;
    }

    public KnowledgeSources Sources { get; }

    public bool IsLoaded => _loaded.IsSet;

    public IndexLoadReport? LastReport { get; private set; }

    /// <summary>Raised after every successful load, on the thread that loaded.</summary>
    public event Action<IndexLoadReport>? Loaded;

    /// <summary>The current generation; waits for the first load (see <see cref="WaitUntilLoaded"/>).</summary>
    public KnowledgeGeneration Current
    {
        get
        {
            if (Volatile.Read(ref _current) is { } current) return current;
            if (!WaitUntilLoaded(FirstLoadTimeout)) throw new InvalidOperationException("the knowledge index is not loaded yet");
            return Volatile.Read(ref _current)!;
        }
    }

    /// <summary>How long a search made before the first load waits for it.</summary>
    public static TimeSpan FirstLoadTimeout { get; } = TimeSpan.FromSeconds(60);

    public bool WaitUntilLoaded(TimeSpan timeout) => _loaded.Wait(timeout);

    /// <summary>Reads the sources and brings the index up to date; <paramref name="forceRebuild"/> rebuilds even when
    /// the fingerprint matches.</summary>
    public IndexLoadReport Load(bool forceRebuild = false)
    {
        lock (_loadLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var watch = Stopwatch.StartNew();
            var snapshot = Parsing.KnowledgeSourceReader.Read(Sources);
            var read = watch.Elapsed;
            System.IO.Directory.CreateDirectory(Sources.IndexPath);
            _directory ??= FSDirectory.Open(Sources.IndexPath);
            var rebuilt = forceRebuild || PassageIndexWriter.ReadFingerprint(_directory) != snapshot.SourceFingerprint;
            if (rebuilt) Write(snapshot);
            var written = watch.Elapsed;
            IndexMirror.Sync(_directory, _memory);
            if (_manager is null) _manager = new SearcherManager(_memory, new PassageSearcherFactory());
            else _manager.MaybeRefreshBlocking();

            var generation = KnowledgeGeneration.From(snapshot);
            Volatile.Write(ref _current, generation);
            var searcher = _manager.Acquire();
            int passages;
            try { passages = searcher.IndexReader.NumDocs; }
            finally { _manager.Release(searcher); }
            var report = new IndexLoadReport(snapshot.Documents.Count, snapshot.Documents.Sum(d => d.Articles.Count),
                snapshot.Guides.Count, snapshot.Cards.Count, passages, rebuilt, watch.Elapsed, snapshot.Errors, snapshot.Warnings)
            {
                Phases = (read, written - read, watch.Elapsed - written),
            };
            LastReport = report;
            _loaded.Set();
            Loaded?.Invoke(report);
            return report;
        }
    }

    private void Write(KnowledgeSnapshot snapshot)
    {
        var passages = PassageBuilder.Build(snapshot);
        try
        {
            PassageIndexWriter.Write(_directory!, passages, snapshot.SourceFingerprint);
        }
        catch (IOException) when (_manager is null)
        {
            // An unreadable index left by a crash or a foreign file: nobody reads it yet, so start from an empty folder.
            _directory!.Dispose();
            foreach (var file in System.IO.Directory.GetFiles(Sources.IndexPath)) File.Delete(file);
            _directory = FSDirectory.Open(Sources.IndexPath);
            PassageIndexWriter.Write(_directory, passages, snapshot.SourceFingerprint);
        }
    }

    /// <summary>Runs <paramref name="use"/> on an acquired searcher and always releases it.</summary>
    public T WithSearcher<T>(Func<PassageSearcher, T> use)
    {
        if (!IsLoaded && !WaitUntilLoaded(FirstLoadTimeout)) throw new InvalidOperationException("the knowledge index is not loaded yet");
        var manager = _manager ?? throw new InvalidOperationException("the knowledge index is not loaded yet");
        var searcher = manager.Acquire();
        try
        {
            return use((PassageSearcher)searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    public void Dispose()
    {
        lock (_loadLock)
        {
            if (_disposed) return;
            _disposed = true;
            _manager?.Dispose();
            _memory.Dispose();
            _directory?.Dispose();
        }
    }
}
