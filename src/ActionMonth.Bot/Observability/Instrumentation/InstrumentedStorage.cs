using System.Diagnostics;
using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>Times the turn's state reads and writes (Bot.Builder's IStorage over the state database, and the same
/// documents as JSON text) with a span each. Keys name conversations and users, so only their count is recorded.</summary>
public sealed class InstrumentedStorage(IStorage inner, BotMetrics metrics) : IStorage, IStateDocumentStore
{
    private readonly IStateDocumentStore _documents = StorageStateDocuments.Over(inner);

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default) =>
        MeasureAsync(BotTelemetry.Spans.StorageRead, "read", keys.Length, () => inner.ReadAsync(keys, cancellationToken));

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default) =>
        MeasureAsync(BotTelemetry.Spans.StorageWrite, "write", changes.Count, async () =>
        {
            await inner.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default) =>
        MeasureAsync(BotTelemetry.Spans.StorageDelete, "delete", keys.Length, async () =>
        {
            await inner.DeleteAsync(keys, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<StateDocument?[]> ReadDocumentsAsync(string[] keys, CancellationToken cancellationToken) =>
        MeasureAsync(BotTelemetry.Spans.StorageRead, "read", keys.Length, () => _documents.ReadDocumentsAsync(keys, cancellationToken));

    private async Task<T> MeasureAsync<T>(string spanName, string operation, int items, Func<Task<T>> call)
    {
        using var span = BotTelemetry.Source.StartActivity(spanName);
        span?.SetTag(BotTelemetry.Tags.Items, items);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call().ConfigureAwait(false);
            metrics.Storage(operation, "ok", BotMetrics.Since(started));
            return result;
        }
        catch (Exception ex)
        {
            metrics.Storage(operation, "error", BotMetrics.Since(started));
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
