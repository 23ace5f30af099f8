using System.Collections.Concurrent;
using ActionMonth.Bot.Bots;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Text;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>
/// Remembers recent search results by question and audience. The same questions come back again and again
/// (every press of a suggested question sends the same text), and a search costs milliseconds of CPU while a
/// lookup costs microseconds. Results are immutable; the cache is emptied whenever the index reloads, so an
/// answer never outlives the knowledge it came from. Bot:SearchCacheSize = 0 turns it off.
/// </summary>
public sealed class SearchResultCache
{
    private readonly ConcurrentDictionary<(string, Audience?), SearchResult> _results = new();
    private readonly int _capacity;

    public SearchResultCache(IOptions<BotOptions> options, KnowledgeIndex? index = null)
    {
        _capacity = Math.Max(0, options.Value.SearchCacheSize);
        if (index is not null) index.Loaded += _ => _results.Clear();
    }

    public SearchResult Search(IKnowledgeSearch search, string query, SearchOptions options)
    {
        if (_capacity == 0) return search.Search(query, options);
        var key = (VietnameseText.ToNfc(query.Trim()), options.Audience);
        if (_results.TryGetValue(key, out var cached)) return cached;
        var result = search.Search(query, options);
        // Crude but bounded: when full, start again rather than track recency on every hit.
        if (_results.Count >= _capacity) _results.Clear();
        _results[key] = result;
        return result;
    }
}
