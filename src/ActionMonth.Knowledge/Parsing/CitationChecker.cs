using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>
/// Checks that what knowledge/ cites exists: against the official text when it is loaded (article, clause, point),
/// otherwise against the document's guide (article only). A citation that does not exist is reported and removed,
/// so the bot can never repeat it; a card left with no citation is dropped.
/// </summary>
public static class CitationChecker
{
    public static IReadOnlyList<KnowledgeCard> CheckCards(IReadOnlyList<KnowledgeCard> cards, IReadOnlyList<OfficialDocument> documents,
        IReadOnlyList<DocumentGuide> guides, ICollection<KnowledgeLoadError> errors)
    {
        var result = new List<KnowledgeCard>();
        foreach (var card in cards)
        {
            var valid = card.Citations.Where(c => Check(c, card.Source, documents, guides, errors)).ToList();
            if (valid.Count == 0)
            {
                errors.Add(new KnowledgeLoadError(card.Source, $"card '{card.Id}' has no citation that exists; it is skipped"));
                continue;
            }
            result.Add(valid.Count == card.Citations.Count ? card : card with { Citations = valid });
        }
        return result;
    }

    public static void CheckGuides(IReadOnlyList<DocumentGuide> guides, IReadOnlyList<OfficialDocument> documents,
        ICollection<KnowledgeLoadError> errors)
    {
        foreach (var guide in guides)
        {
            var official = documents.FirstOrDefault(d => DocumentNumber.Same(d.Number, guide.Doc));
            foreach (var entry in guide.Entries)
            {
                foreach (var c in entry.Citations) Check(c, entry.Source, documents, guides, errors);
                if (official is null || entry.Article is not { } n) continue;
                var article = official.Articles.FirstOrDefault(a => a.Number == n);
                if (article is null)
                    errors.Add(new KnowledgeLoadError(entry.Source, $"{guide.Doc} has no Điều {n}"));
                else if (!string.Equals(article.Title.Trim(), entry.Title.Trim(), StringComparison.Ordinal))
                    errors.Add(new KnowledgeLoadError(entry.Source, $"title differs from the official one: '{article.Title}'"));
            }
        }
    }

    /// <summary>True when the citation exists; otherwise reports it at <paramref name="where"/>.</summary>
    public static bool Check(Citation c, SourceLocation where, IReadOnlyList<OfficialDocument> documents,
        IReadOnlyList<DocumentGuide> guides, ICollection<KnowledgeLoadError> errors)
    {
        var problem = Problem(c, documents, guides);
        if (problem is null) return true;
        errors.Add(new KnowledgeLoadError(where, $"citation '{CitationSyntax.Format(c)}': {problem}"));
        return false;
    }

    /// <summary>Why the citation does not exist, or null when it does.</summary>
    public static string? Problem(Citation c, IReadOnlyList<OfficialDocument> documents, IReadOnlyList<DocumentGuide> guides)
    {
        var official = documents.FirstOrDefault(d => DocumentNumber.Same(d.Number, c.Doc));
        if (official is not null)
        {
            var article = official.Articles.FirstOrDefault(a => a.Number == c.Article);
            if (article is null) return $"{official.Number} has no Điều {c.Article}";
            if (c.Clause is not { } k) return c.Point is null ? null : "a point needs a clause";
            var clause = article.Clauses.FirstOrDefault(x => x.Number == k);
            if (clause is null) return $"Điều {c.Article} has no khoản {k}";
            if (c.Point is { } p && clause.Points.All(x => x.Letter != p)) return $"khoản {k} has no điểm {p}";
            return null;
        }
        var guide = guides.FirstOrDefault(g => DocumentNumber.Same(g.Doc, c.Doc));
        if (guide is null) return $"unknown document {c.Doc}";
        return guide.Entries.Any(e => e.Article == c.Article) ? null : $"the guide to {guide.Doc} has no Điều {c.Article}";
    }
}
