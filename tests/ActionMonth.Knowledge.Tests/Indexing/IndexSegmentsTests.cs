using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Indexing;

[Collection(CorpusCollection.Name)]
public sealed class IndexSegmentsTests(CorpusIndexFixture corpus)
{
    [Fact]
    public void The_corpus_index_is_one_segment_so_each_query_term_is_looked_up_once()
    {
        var (segments, passages) = corpus.Index.WithSearcher(s => (s.IndexReader.Leaves.Count, s.IndexReader.NumDocs));
        Assert.Equal(1, segments);
        Assert.Equal(corpus.Report.Passages, passages);
    }
}
