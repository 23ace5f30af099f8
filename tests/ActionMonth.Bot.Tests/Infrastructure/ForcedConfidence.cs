using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>Decorates the real engine so that its hits come with the confidence a test sets (null: the engine's own),
/// for tests of what the bot does when the engine is unsure, whatever the ranking does today.</summary>
public sealed class ForcedConfidence
{
    public Confidence? Confidence { get; set; }

    public IKnowledgeSearch Around(IKnowledgeSearch inner) => new ForcedSearch(inner, this);

    private sealed class ForcedSearch(IKnowledgeSearch inner, ForcedConfidence forced) : IKnowledgeSearch
    {
        public SearchResult Search(string query, SearchOptions? options = null)
        {
            var result = inner.Search(query, options);
            return forced.Confidence is { } confidence ? result with { Confidence = confidence } : result;
        }
    }
}
