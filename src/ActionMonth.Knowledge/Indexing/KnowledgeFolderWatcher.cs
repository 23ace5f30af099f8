namespace ActionMonth.Knowledge.Indexing;

/// <summary>
/// Reloads the index when a file under the knowledge folder changes. Events are debounced (an editor's save is
/// several events; a git checkout is hundreds) and reloads run one at a time on a timer thread; searches go on
/// against the previous generation meanwhile.
/// </summary>
public sealed class KnowledgeFolderWatcher : IDisposable
{
    private readonly KnowledgeIndex _index;
    private readonly TimeSpan _debounce;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _timer;
    private int _disposed;

    public KnowledgeFolderWatcher(KnowledgeIndex index, TimeSpan debounce)
    {
        _index = index;
        _debounce = debounce;
        _timer = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        if (!Directory.Exists(index.Sources.KnowledgePath)) return;
        _watcher = new FileSystemWatcher(index.Sources.KnowledgePath)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.Error += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>False when the knowledge folder did not exist at start, so nothing is watched.</summary>
    public bool IsWatching => _watcher is not null;

    /// <summary>Raised when a reload fails; the previous generation stays in use.</summary>
    public event Action<Exception>? ReloadFailed;

    private void OnChange(object sender, FileSystemEventArgs e) => Schedule();

    private void Schedule()
    {
        if (Volatile.Read(ref _disposed) == 0) _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
    }

    private void Reload()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        try
        {
            _index.Load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or Lucene.Net.Store.LockObtainFailedException)
        {
            ReloadFailed?.Invoke(ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _watcher?.Dispose();
        _timer.Dispose();
    }
}
