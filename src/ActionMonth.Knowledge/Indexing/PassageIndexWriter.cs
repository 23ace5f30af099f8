using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>Writes passages into a Lucene directory, replacing what was there, and records the sources'
/// fingerprint in the commit's user data so the next start can tell whether the index is still current.</summary>
public static class PassageIndexWriter
{
    // Only term queries run against the index, so positions are not needed: frequencies and norms are enough for BM25.
    private static readonly FieldType AnalysedField = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };

    static PassageIndexWriter() => AnalysedField.Freeze();

    public static void Write(LuceneDirectory directory, IReadOnlyList<Passage> passages, string fingerprint)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, VietnameseAnalyzer.ForIndex())
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            // One small index written at once: keep it in memory until the commit and skip the compound-file copy.
            RAMBufferSizeMB = 256,
            UseCompoundFile = false,
        };
        using var writer = new IndexWriter(directory, config);
        try
        {
            // One thread, one segment: every term of every query is looked up once per segment, so one segment makes
            // every search cheaper. Writing from two threads left two segments and needed a merge, and was slower in
            // all: the writers contended for locks and the JIT had no free core while this one-off code warmed up.
            foreach (var passage in passages) writer.AddDocument(ToDocument(passage));
            writer.SetCommitData(new Dictionary<string, string> { [IndexFormat.FingerprintKey] = fingerprint });
            writer.Commit();
        }
        catch
        {
            // Dispose after a failed commit can leave write.lock behind (lucenenet #1284): roll back first.
            writer.Rollback();
            throw;
        }
    }

    /// <summary>The fingerprint recorded by the last commit, or null when there is no readable index.</summary>
    public static string? ReadFingerprint(LuceneDirectory directory)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory)) return null;
            var commits = DirectoryReader.ListCommits(directory);
            return commits.Count == 0 ? null : commits[^1].UserData.TryGetValue(IndexFormat.FingerprintKey, out var f) ? f : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Document ToDocument(Passage p)
    {
        var doc = new Document();
        // Case-folded once here rather than by each form's char filter (see VietnameseAnalyzer.ForIndex).
        var titles = p.Titles.Select(VietnameseText.FoldCase).ToList();
        var body = VietnameseText.FoldCase(p.Body);
        foreach (var form in Enum.GetValues<FieldForm>())
        {
            foreach (var title in titles)
                doc.Add(new Field(VietnameseAnalyzer.FieldName(IndexFormat.Title, form), title, AnalysedField));
            doc.Add(new Field(VietnameseAnalyzer.FieldName(IndexFormat.Body, form), body, AnalysedField));
        }
        doc.Add(new StringField(IndexFormat.Id, p.Id, Field.Store.YES));
        doc.Add(new StoredField(IndexFormat.Kind, p.Kind.ToString()));
        doc.Add(new StoredField(IndexFormat.Level, p.Level.ToString()));
        doc.Add(new StoredField(IndexFormat.Doc, p.Doc));
        doc.Add(new StoredField(IndexFormat.DocTitle, p.DocTitle));
        if (p.Article is { } a) doc.Add(new StoredField(IndexFormat.Article, a));
        if (p.Section is { } s) doc.Add(new StoredField(IndexFormat.Section, s));
        if (p.ArticleTitle is { } at) doc.Add(new StoredField(IndexFormat.ArticleTitle, at));
        if (p.Clause is { } c) doc.Add(new StoredField(IndexFormat.Clause, c));
        if (p.CardId is { } id) doc.Add(new StoredField(IndexFormat.CardId, id));
        doc.Add(new StoredField(IndexFormat.Audience, p.Audience.ToString()));
        foreach (var title in p.Titles) doc.Add(new StoredField(IndexFormat.TitleText, title));
        doc.Add(new StoredField(IndexFormat.BodyText, p.Body));
        foreach (var cite in p.Citations) doc.Add(new StoredField(IndexFormat.Citations, CitationSyntax.Format(cite)));
        return doc;
    }

    /// <summary>Reads a passage back from its stored fields.</summary>
    internal static Passage FromDocument(Document d)
    {
        static int? Int(Document d, string f) => d.GetField(f)?.GetInt32Value();
        var cites = d.GetValues(IndexFormat.Citations)
            .Select(v => CitationSyntax.TryParse(v, out var c) ? c : null).OfType<Model.Citation>().ToList();
        return new Passage(
            d.Get(IndexFormat.Id),
            Enum.Parse<Search.HitKind>(d.Get(IndexFormat.Kind)),
            Enum.Parse<PassageLevel>(d.Get(IndexFormat.Level)),
            d.Get(IndexFormat.Doc),
            d.Get(IndexFormat.DocTitle),
            Int(d, IndexFormat.Article),
            d.Get(IndexFormat.Section),
            d.Get(IndexFormat.ArticleTitle),
            Int(d, IndexFormat.Clause),
            d.Get(IndexFormat.CardId),
            Enum.Parse<Model.Audience>(d.Get(IndexFormat.Audience)),
            d.GetValues(IndexFormat.TitleText),
            d.Get(IndexFormat.BodyText),
            cites);
    }

}
