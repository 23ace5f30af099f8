using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ActionMonth.Knowledge.Evaluation;

/// <summary>
/// The reference point for `eval`: a plain <see cref="StandardAnalyzer"/> with BM25 over the same passages as the
/// engine (title and body in one field), queried with the question's terms OR-ed together, and each passage mapped
/// to its article (a card to the articles it cites). No folding, pairs, rewriting, expansion or boosts.
/// </summary>
public sealed class BaselineRetriever : IArticleRetriever, IDisposable
{
    private const string TextField = "text";
    private readonly RAMDirectory _directory = new();
    private readonly StandardAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly List<Passage> _passages;

    public BaselineRetriever(IReadOnlyList<Passage> passages)
    {
        _passages = passages.ToList();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var p in _passages)
            {
                writer.AddDocument(new Document { new Lucene.Net.Documents.TextField(TextField, string.Join("\n", p.Titles.Append(p.Body)), Field.Store.NO) });
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public string Name => "baseline";

    public IReadOnlyList<ArticleRef> Retrieve(string question, int depth)
    {
        var query = new BooleanQuery();
        foreach (var term in Terms(question).Distinct().Take(BooleanQuery.MaxClauseCount))
            query.Add(new TermQuery(new Term(TextField, term)), Occur.SHOULD);
        var result = new List<ArticleRef>();
        if (query.Clauses.Count == 0) return result;
        foreach (var hit in _searcher.Search(query, 200).ScoreDocs)
        {
            var p = _passages[hit.Doc];
            IEnumerable<Citation> cites = p.Level == PassageLevel.Card ? p.Citations
                : p.Article is { } a ? [new Citation(p.Doc, a)] : [];
            foreach (var c in cites)
            {
                var r = new ArticleRef(c.Doc, c.Article);
                if (!result.Any(x => x.Matches(r.Doc, r.Article))) result.Add(r);
            }
            if (result.Count >= depth) break;
        }
        return result;
    }

    private IEnumerable<string> Terms(string text)
    {
        using var stream = _analyzer.GetTokenStream(TextField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var terms = new List<string>();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
