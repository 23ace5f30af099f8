using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>What a passage is a part of: a whole article, one clause of it, a guide entry, or a card.</summary>
public enum PassageLevel { Article, Clause, GuideEntry, Card }

/// <summary>
/// One indexed unit of text. Search runs over passages and aggregates them to articles: an article passage
/// gives the article's overall match, a clause passage names the best clause, guide entries add our plain-language
/// words for the article, and cards add the ways people ask (each card counts for every article it cites).
/// </summary>
public sealed record Passage(
    string Id,
    HitKind Kind,
    PassageLevel Level,
    string Doc,
    string DocTitle,
    int? Article,
    string? Section,
    string? ArticleTitle,
    int? Clause,
    string? CardId,
    Audience Audience,
    IReadOnlyList<string> Titles,
    string Body,
    IReadOnlyList<Citation> Citations);
