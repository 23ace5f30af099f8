using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Endpoints;

/// <summary>GET /api/search?q=…&amp;top=5 (interfaces.md). 400 with a problem+json message for an empty or
/// over-long question or a top outside 1–50; 503 while the index is still loading.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", (string? q, int? top, KnowledgeIndex index, IKnowledgeSearch search) =>
        {
            var count = top ?? 5;
            if (count is < 1 or > KnowledgeSearchEngine.MaxTop)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"top must be between 1 and {KnowledgeSearchEngine.MaxTop}");
            if (!index.IsLoaded)
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "the knowledge index is loading");
            try
            {
                return Results.Ok(SearchResponse.From(search.Search(q ?? "", new SearchOptions(Top: count))));
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message.Split(" (Parameter")[0]);
            }
        });
        return app;
    }
}

/// <summary>The JSON of /api/search.</summary>
public sealed record SearchResponse(string Query, string Confidence, IReadOnlyList<SearchHitResponse> Hits)
{
    public static SearchResponse From(SearchResult r) => new(r.Query, r.Confidence.ToString().ToLowerInvariant(),
        r.Hits.Select(h => new SearchHitResponse(h.Doc, h.DocTitle, h.Article, h.ArticleTitle, h.Clause, h.Snippet,
            MathF.Round(h.Score, 4), h.Kind.ToString().ToLowerInvariant())).ToList());
}

public sealed record SearchHitResponse(string Doc, string DocTitle, int? Article, string? ArticleTitle, int? Clause, string Snippet, float Score, string Kind);
