using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Loads the knowledge index when the host starts, without holding up the server (/healthz answers 503 until it is
/// loaded), retries if the load fails, then watches knowledge/ and reloads on change. Logs counts, file locations
/// and timings; never question text.
/// </summary>
public sealed partial class KnowledgeIndexService(KnowledgeIndex index, ILogger<KnowledgeIndexService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        index.Loaded += LogReport;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Run(() => index.Load(), stoppingToken);
                    break;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Lucene.Net.Store.LockObtainFailedException)
                {
                    LogLoadFailed(logger, ex, index.Sources.IndexPath, RetryDelay.TotalSeconds);
                    await Task.Delay(RetryDelay, stoppingToken);
                }
            }
            using var watcher = new KnowledgeFolderWatcher(index, Debounce);
            watcher.ReloadFailed += ex => LogReloadFailed(logger, ex);
            if (!watcher.IsWatching) LogNotWatching(logger, index.Sources.KnowledgePath);
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
        finally
        {
            index.Loaded -= LogReport;
        }
    }

    private void LogReport(IndexLoadReport r)
    {
        LogLoaded(logger, r.Documents, r.Articles, r.Guides, r.Cards, r.Passages, r.Rebuilt, r.Elapsed.TotalMilliseconds, r.Errors.Count);
        foreach (var w in r.Warnings) LogWarning(logger, w);
        foreach (var e in r.Errors) LogKnowledgeError(logger, e.Location.ToString(), e.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge index loaded: {Documents} official documents, {Articles} articles, {Guides} guides, {Cards} cards, {Passages} passages; rebuilt={Rebuilt}; {Millis:F0} ms; {Errors} load errors")]
    private static partial void LogLoaded(ILogger logger, int documents, int articles, int guides, int cards, int passages, bool rebuilt, double millis, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge: {Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge load error at {Location}: {Problem}")]
    private static partial void LogKnowledgeError(ILogger logger, string location, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge index could not be loaded at {IndexPath}; retrying in {Seconds} s")]
    private static partial void LogLoadFailed(ILogger logger, Exception ex, string indexPath, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge reload failed; the previous index stays in use")]
    private static partial void LogReloadFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge folder {Path} does not exist; changes will not be picked up until restart")]
    private static partial void LogNotWatching(ILogger logger, string path);
}
