using System.Diagnostics;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Observability.Instrumentation;

/// <summary>Times every knowledge search (the bot's, on a cache miss, and /api/search) and gives it a span with the
/// confidence and the number of hits; the query itself is never recorded.</summary>
public sealed class InstrumentedKnowledgeSearch(IKnowledgeSearch inner, BotMetrics metrics) : IKnowledgeSearch
{
    public SearchResult Search(string query, SearchOptions? options = null)
    {
        using var span = BotTelemetry.Source.StartActivity(BotTelemetry.Spans.Search);
        var started = Stopwatch.GetTimestamp();
        SearchResult result;
        try
        {
            result = inner.Search(query, options);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            metrics.Search("error", BotMetrics.Since(started));
            throw;
        }
        var confidence = result.Confidence.ToString().ToLowerInvariant();
        metrics.Search(confidence, BotMetrics.Since(started));
        span?.SetTag(BotTelemetry.Tags.Confidence, confidence);
        span?.SetTag(BotTelemetry.Tags.Hits, result.Hits.Count);
        return result;
    }
}
