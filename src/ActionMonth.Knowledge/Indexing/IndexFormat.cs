namespace ActionMonth.Knowledge.Indexing;

/// <summary>Names of the index fields and the version of what goes into them. Bump <see cref="Version"/> whenever
/// the analysis chain or the passages change, so existing on-disk indexes are rebuilt.</summary>
public static class IndexFormat
{
    public const string Version = "2025.1";
    public const string FingerprintKey = "actionmonth.fingerprint";

    // Analysed fields: each text goes into an exact, a folded and a folded-pairs field.
    public const string Title = "title";
    public const string Body = "body";
    public const string ExactSuffix = "";
    public const string FoldedSuffix = "_f";
    public const string PairsSuffix = "_p";

    // Stored-only fields.
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Level = "level";
    public const string Doc = "doc";
    public const string DocTitle = "doc_title";
    public const string Article = "article";
    public const string Section = "section";
    public const string ArticleTitle = "article_title";
    public const string Clause = "clause";
    public const string CardId = "card";
    public const string Citations = "cites";
    public const string Audience = "audience";
    public const string TitleText = "title_text";
    public const string BodyText = "body_text";
}
