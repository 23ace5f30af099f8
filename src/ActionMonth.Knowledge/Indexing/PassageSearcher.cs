using ActionMonth.Knowledge.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>
/// An <see cref="IndexSearcher"/> with BM25, plus what is read once per refresh so a search does no I/O and no
/// term-dictionary seeks: the passages by document id, and every analysed field's terms with their
/// <see cref="TermContext"/> (document frequency and where the postings start). Seeking ~150 terms per query
/// otherwise cost a few milliseconds on its own.
/// </summary>
public sealed class PassageSearcher : IndexSearcher
{
    private readonly Dictionary<string, Dictionary<string, TermContext>> _terms = new(StringComparer.Ordinal);

    public PassageSearcher(IndexReader reader) : base(reader)
    {
        Similarity = new BM25Similarity();
        var passages = new Passage[reader.MaxDoc];
        var live = MultiFields.GetLiveDocs(reader);
        for (var i = 0; i < reader.MaxDoc; i++)
        {
            if (live is not null && !live.Get(i)) continue;
            passages[i] = PassageIndexWriter.FromDocument(reader.Document(i));
        }
        Passages = passages;
        foreach (var field in AnalysedFields())
        {
            _terms[field] = ReadTerms(reader, field);
            _statistics[field] = base.CollectionStatistics(field);
        }
    }

    private readonly Dictionary<string, CollectionStatistics> _statistics = new(StringComparer.Ordinal);

    /// <summary>Read once: Lucene otherwise recomputes a field's statistics for every clause of every query.</summary>
    public override CollectionStatistics CollectionStatistics(string field) =>
        _statistics.TryGetValue(field, out var statistics) ? statistics : base.CollectionStatistics(field);

    /// <summary>Passages by Lucene document id.</summary>
    public IReadOnlyList<Passage> Passages { get; }

    /// <summary>The term's statistics in <paramref name="field"/>, or null when no passage contains it.</summary>
    public TermContext? TermContext(string field, string term) =>
        _terms.TryGetValue(field, out var terms) && terms.TryGetValue(term, out var context) ? context : null;

    public int DocFreq(string field, string term) => TermContext(field, term)?.DocFreq ?? 0;

    private static IEnumerable<string> AnalysedFields() =>
        Enum.GetValues<FieldForm>().SelectMany(f => new[]
        {
            VietnameseAnalyzer.FieldName(IndexFormat.Title, f), VietnameseAnalyzer.FieldName(IndexFormat.Body, f),
        });

    private static Dictionary<string, TermContext> ReadTerms(IndexReader reader, string field)
    {
        var result = new Dictionary<string, TermContext>(StringComparer.Ordinal);
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(field);
            if (terms is null) continue;
            var e = terms.GetEnumerator();
            while (e.MoveNext())
            {
                var text = e.Term.Utf8ToString();
                if (!result.TryGetValue(text, out var context)) result[text] = context = new TermContext(reader.Context);
                context.Register(e.GetTermState(), leaf.Ord, e.DocFreq, e.TotalTermFreq);
            }
        }
        return result;
    }
}

/// <summary>Makes a <see cref="PassageSearcher"/> for every reader the <see cref="SearcherManager"/> opens.</summary>
public sealed class PassageSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new PassageSearcher(reader);
}
