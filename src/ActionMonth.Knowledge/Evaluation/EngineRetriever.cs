using ActionMonth.Knowledge.Search;

namespace ActionMonth.Knowledge.Evaluation;

/// <summary>The engine as a retriever: the articles of its hits, in order (citation lookups included).</summary>
public sealed class EngineRetriever(KnowledgeSearchEngine engine) : IArticleRetriever
{
    public string Name => "engine";

    public IReadOnlyList<ArticleRef> Retrieve(string question, int depth) =>
        engine.Search(question, new SearchOptions(Top: depth)).Hits
            .Where(h => h.Article is not null)
            .Select(h => new ArticleRef(h.Doc, h.Article!.Value))
            .Distinct()
            .ToList();
}
