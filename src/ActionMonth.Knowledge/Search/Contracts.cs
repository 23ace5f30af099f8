using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Search;

/// <summary>What kind of text a hit comes from. JSON names: official, guide, faq (procedures are cards: faq).</summary>
public enum HitKind { Official, Guide, Faq }

/// <summary>How sure the engine is that the first hit answers the question, calibrated on the dev set.</summary>
public enum Confidence { None, Low, Medium, High }

/// <summary>One ranked answer: an article (or a card citing one), with the clause that matched best.</summary>
public sealed record SearchHit(
    string Doc,
    string DocTitle,
    int? Article,
    string? ArticleTitle,
    int? Clause,
    string Snippet,
    float Score,
    HitKind Kind,
    string? CardId = null,
    string? Section = null,
    IReadOnlyList<Citation>? Citations = null);

/// <param name="MissingArticle">The query named an article of an indexed official text that the text does not have
/// ("điều 200 luật trẻ em"): the hits are then only what the words found, and the caller should say so.</param>
public sealed record SearchResult(
    string Query,
    Confidence Confidence,
    IReadOnlyList<SearchHit> Hits,
    bool IsCitationLookup = false,
    Citation? MissingArticle = null);

public sealed record SearchOptions(int Top = 5, Audience? Audience = null);

/// <summary>The search engine the bot, the HTTP API and the CLI share. Thread-safe.</summary>
public interface IKnowledgeSearch
{
    /// <summary>Ranked hits for a question typed the way people type. Throws <see cref="ArgumentException"/> for
    /// an empty or over-long query (callers turn it into a 400); never throws on odd characters.</summary>
    SearchResult Search(string query, SearchOptions? options = null);
}

/// <summary>Everything loaded from knowledge/ and the official texts, by key. Thread-safe; swapped whole on reload.</summary>
public interface IKnowledgeCatalog
{
    OfficialDocument? GetOfficialDocument(string doc);
    OfficialArticle? GetOfficialArticle(string doc, int article);
    DocumentGuide? GetGuide(string doc);
    GuideEntry? GetGuideEntry(string doc, int article);
    KnowledgeCard? GetCard(string id);
    IReadOnlyList<KnowledgeCard> Cards { get; }
    IReadOnlyList<Hotline> Hotlines { get; }
    /// <summary>Short name for citation lines ("Luật Trẻ em 2016"), falling back to the document number.</summary>
    string ShortName(string doc);
    /// <summary>True when the citation names an article (and clause, point) that exists in an indexed official
    /// text, or, with only knowledge/ indexed, in a guide entry.</summary>
    bool CitationExists(Citation citation);
    IReadOnlyList<KnowledgeLoadError> LoadErrors { get; }
}
