using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace ActionMonth.Knowledge.Indexing;

/// <summary>An <see cref="IndexSearcher"/> with BM25 and the passages of its reader, by document id, read once per
/// refresh so that a search never touches stored fields.</summary>
public sealed class PassageSearcher : IndexSearcher
{
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
    }

    /// <summary>Passages by Lucene document id.</summary>
    public IReadOnlyList<Passage> Passages { get; }
}

/// <summary>Makes a <see cref="PassageSearcher"/> for every reader the <see cref="SearcherManager"/> opens.</summary>
public sealed class PassageSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader) => new PassageSearcher(reader);
}
