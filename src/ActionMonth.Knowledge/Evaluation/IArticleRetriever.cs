namespace ActionMonth.Knowledge.Evaluation;

/// <summary>Anything that ranks articles for a question, so the engine and the baseline are measured alike.</summary>
public interface IArticleRetriever
{
    string Name { get; }
    IReadOnlyList<ArticleRef> Retrieve(string question, int depth);
}
