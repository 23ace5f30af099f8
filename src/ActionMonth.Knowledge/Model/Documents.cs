namespace ActionMonth.Knowledge.Model;

/// <summary>A document number as its text writes it ("56/2017/NĐ-CP") plus the comparison key from
/// interfaces.md: NFC, case-folded, diacritics removed ("56/2017/nd-cp").</summary>
public static class DocumentNumber
{
    // The indexed documents' numbers come back on every hit and citation of every search; folding them each time
    // was a measurable share of a turn. Bounded, since numbers typed by users pass through here too.
    private const int MaxRemembered = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);

    public static string Key(string number)
    {
        if (Keys.TryGetValue(number, out var key)) return key;
        key = Text.VietnameseText.Fold(number).Replace(" ", string.Empty);
        if (Keys.Count < MaxRemembered) Keys.TryAdd(number, key);
        return key;
    }

    public static bool Same(string a, string b) => Key(a) == Key(b);
}

/// <summary>Where a piece of knowledge came from, for error messages and reloads.</summary>
public sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>An official legal text in the corpus format (interfaces.md), parsed into its structure.</summary>
public sealed record OfficialDocument(
    string Number,
    string Title,
    string FirstLine,
    IReadOnlyList<OfficialArticle> Articles,
    SourceLocation Source);

public sealed record OfficialArticle(
    string DocumentNumber,
    int Number,
    string Title,
    string? Chapter,
    string? Section,
    string Intro,
    IReadOnlyList<OfficialClause> Clauses,
    SourceLocation Source)
{
    /// <summary>The whole article as one text (intro, clauses and points), in reading order. Built once: answers
    /// read it turn after turn, and per-text caches (ReorganisationNotes) need the same instance each time.</summary>
    public string FullText { get; } = string.Join("\n", new[] { Intro }.Concat(Clauses.Select(c => c.FullText)).Where(s => s.Length > 0));
}

public sealed record OfficialClause(int Number, string Text, IReadOnlyList<OfficialPoint> Points)
{
    public string FullText { get; } = string.Join("\n", new[] { $"{Number}. {Text}" }.Concat(Points.Select(p => $"{p.Letter}) {p.Text}")));
}

public sealed record OfficialPoint(string Letter, string Text);

/// <summary>A precise reference to the law: document, article and, where it applies, clause and point.</summary>
public sealed record Citation(string Doc, int Article, int? Clause = null, string? Point = null);

public enum Audience { All, Parent, Teacher, Child }

/// <summary>Our plain-language guide to one document (knowledge/guides).</summary>
public sealed record DocumentGuide(
    string Doc,
    string Title,
    string ShortName,
    IReadOnlyList<string> Aliases,
    string? Type,
    string? Issuer,
    string? Signed,
    string? Effective,
    string? Status,
    string Intro,
    IReadOnlyList<string> Sources,
    IReadOnlyList<GuideEntry> Entries,
    SourceLocation Source);

/// <summary>One article (Article set) or one section of a document without articles (Section set).</summary>
public sealed record GuideEntry(
    string Doc,
    int? Article,
    string? Section,
    string Title,
    string Explanation,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<string> Sources,
    SourceLocation Source);

public enum CardKind { Faq, Procedure }

/// <summary>An FAQ or procedure card (knowledge/faq, knowledge/procedures).</summary>
public sealed record KnowledgeCard(
    string Id,
    CardKind Kind,
    Audience Audience,
    string Question,
    IReadOnlyList<string> Variants,
    string Answer,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<string> Related,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Sources,
    SourceLocation Source);

/// <summary>A number in the hotline directory (knowledge/hotlines.md) or from configuration.</summary>
public sealed record Hotline(
    string Number,
    string Name,
    bool Free,
    string Hours,
    string When,
    string Description,
    IReadOnlyList<Citation> Citations);

/// <summary>A problem found while loading knowledge: the file and line, and what is wrong. The rest still loads.</summary>
public sealed record KnowledgeLoadError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
