using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Cli;

/// <summary>`ask "câu hỏi"`: prints the top hits with their citations and the confidence.</summary>
public static class AskVerb
{
    public static async Task<int> RunAsync(KnowledgeIndex index, IServiceProvider services, IReadOnlyList<string> args, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (args.Count == 0) return CliVerbRunner.Usage(output);
        var question = string.Join(' ', args);
        await Task.Run(() => index.Load(), cancellationToken);
        var search = services.GetRequiredService<IKnowledgeSearch>();
        SearchResult result;
        try
        {
            result = search.Search(question);
        }
        catch (ArgumentException ex)
        {
            output.WriteLine($"error: {ex.Message}");
            return 2;
        }
        output.WriteLine($"confidence: {result.Confidence.ToString().ToLowerInvariant()}{(result.IsCitationLookup ? " (citation lookup)" : "")}");
        var rank = 0;
        foreach (var hit in result.Hits)
        {
            rank++;
            var where = hit.Article is { } a ? $"Điều {a}" + (hit.Clause is { } k ? $" khoản {k}" : "") : $"Mục {hit.Section}";
            output.WriteLine($"{rank}. [{hit.Kind.ToString().ToLowerInvariant()}] {where} {hit.DocTitle} ({hit.Doc}) — {hit.ArticleTitle}  score {hit.Score:F2}"
                + (hit.CardId is null ? "" : $"  card {hit.CardId}"));
            output.WriteLine($"   {hit.Snippet}");
        }
        if (rank == 0) output.WriteLine("no match");
        return 0;
    }
}
