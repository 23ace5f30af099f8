using System.Collections.Concurrent;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>
/// Turns citations into the citation line ("Theo Điều 26 Luật Trẻ em 2016, khoản 2.") and the machine-readable
/// <c>actionmonth/citation</c> entities (interfaces.md). Only citations the catalog confirms exist in the indexed
/// texts are ever shown: a citation that cannot be confirmed is dropped, never printed.
/// </summary>
public sealed class CitationFormatter(IKnowledgeCatalog catalog)
{
    public const string EntityType = "actionmonth/citation";

    public IReadOnlyList<Citation> Verified(IEnumerable<Citation> citations)
    {
        var seen = new HashSet<(string, int, int?, string?)>();
        var verified = new List<Citation>();
        foreach (var citation in citations)
        {
            if (!seen.Add((DocumentNumber.Key(citation.Doc), citation.Article, citation.Clause, citation.Point))) continue;
            if (catalog.CitationExists(citation)) verified.Add(citation);
        }
        return verified;
    }

    /// <summary>"Điều 26 Luật Trẻ em 2016, khoản 2" (point: ", khoản 1 điểm a").</summary>
    public string Describe(Citation citation, UiText ui)
    {
        var text = $"{ui.ArticleName(citation.Article)} {catalog.ShortName(citation.Doc)}";
        if (citation.Clause is { } clause)
        {
            text += ", " + ui.ClausePart(clause);
            if (!string.IsNullOrEmpty(citation.Point)) text += " " + ui.PointPart(citation.Point);
        }
        return text;
    }

    /// <summary>The citation line for verified citations, or null when there are none.</summary>
    public string? Line(IReadOnlyList<Citation> verified, UiText ui) =>
        verified.Count == 0 ? null : ui.CitationLine(string.Join("; ", verified.Select(c => Describe(c, ui))));

    // One entity per citation, shared by every reply that cites it: only verified citations get here, so there are
    // at most as many as the indexed texts have articles, clauses and points; nothing changes an entity once made.
    private static readonly ConcurrentDictionary<Citation, Entity> Entities = new();

    public static Entity ToEntity(Citation citation) => Entities.GetOrAdd(citation, NewEntity);

    private static Entity NewEntity(Citation citation)
    {
        var entity = new Entity(EntityType);
        entity.Properties["doc"] = citation.Doc;
        entity.Properties["article"] = citation.Article;
        entity.Properties["clause"] = citation.Clause is { } clause ? new JValue(clause) : JValue.CreateNull();
        return entity;
    }
}
