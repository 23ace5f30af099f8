using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Caching;
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
    private readonly BoundedCache<(string, Audience?), SearchResult> _results;

    public SearchResultCache(IOptions<BotOptions> options, KnowledgeIndex? index = null)
    {
        _results = new BoundedCache<(string, Audience?), SearchResult>(options.Value.SearchCacheSize);
        if (index is not null) index.Loaded += _ => _results.Clear();
    }

    public SearchResult Search(IKnowledgeSearch search, string query, SearchOptions options)
    {
        if (!_results.Enabled) return search.Search(query, options);
        var key = (VietnameseText.ToNfc(query.Trim()), options.Audience);
        if (_results.TryGet(key, out var cached)) return cached;
        var result = search.Search(query, options);
        _results.Set(key, result);
        return result;
    }
}
