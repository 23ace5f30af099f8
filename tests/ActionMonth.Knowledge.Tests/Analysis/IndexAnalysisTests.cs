using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Tests.Support;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Analysis;

/// <summary>The index writer case-folds each text once and skips the char filter that query analysis runs; a query
/// term only finds a passage if both paths give the same terms, so this holds for every passage we index.</summary>
[Collection(CorpusCollection.Name)]
public sealed class IndexAnalysisTests(CorpusIndexFixture corpus)
{
    [Fact]
    public void Index_analysis_of_every_passage_gives_the_terms_and_positions_query_analysis_gives()
    {
        var passages = PassageBuilder.Build(corpus.Index.Current.Snapshot);
        Assert.True(passages.Count > 1000, $"{passages.Count} passages");
        var forIndex = VietnameseAnalyzer.ForIndex();
        var mismatches = new List<string>();
        foreach (var form in Enum.GetValues<FieldForm>())
        {
            var atQueryTime = new VietnameseAnalyzer(form);
            var field = VietnameseAnalyzer.FieldName(IndexFormat.Body, form);
            foreach (var passage in passages)
            {
                foreach (var text in passage.Titles.Append(passage.Body))
                {
                    var indexed = AnalyzedToken.Analyze(forIndex, field, VietnameseText.FoldCase(text)).Select(t => (t.Term, t.Position));
                    var queried = AnalyzedToken.Analyze(atQueryTime, field, text).Select(t => (t.Term, t.Position));
                    if (!indexed.SequenceEqual(queried)) mismatches.Add($"{passage.Id} ({form})");
                }
            }
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void The_pair_filter_gives_what_lucenes_shingle_filter_gives_on_every_passage()
    {
        var passages = PassageBuilder.Build(corpus.Index.Current.Snapshot);
        var ours = new VietnameseAnalyzer(FieldForm.FoldedPairs);
        var lucene = new ShinglePairs();
        var mismatches = passages.SelectMany(p => p.Titles.Append(p.Body).Select(text => (p.Id, text)))
            .Where(x => !AnalyzedToken.Analyze(ours, "f", x.text).SequenceEqual(AnalyzedToken.Analyze(lucene, "f", x.text)))
            .Select(x => x.Id).Distinct().ToList();
        Assert.Empty(mismatches);
        Assert.Equal(["tre_em", "em_bi", "bi_danh"], AnalyzedToken.Analyze(ours, "f", "Trẻ em bị đánh").Select(t => t.Term));
        Assert.Empty(AnalyzedToken.Analyze(ours, "f", "em"));
    }

    /// <summary>The chain the pairs form had before SyllablePairFilter: the reference it must agree with.</summary>
    private sealed class ShinglePairs : Lucene.Net.Analysis.Analyzer
    {
        protected override Lucene.Net.Analysis.TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(Lucene.Net.Util.LuceneVersion.LUCENE_48, reader);
            var pairs = new Lucene.Net.Analysis.Shingle.ShingleFilter(new Lucene.Net.Analysis.Icu.ICUFoldingFilter(tokenizer), 2, 2);
            pairs.SetOutputUnigrams(false);
            pairs.SetTokenSeparator(VietnameseAnalyzer.PairSeparator);
            return new Lucene.Net.Analysis.TokenStreamComponents(tokenizer, pairs);
        }

        protected override TextReader InitReader(string fieldName, TextReader reader) =>
            new Lucene.Net.Analysis.Icu.ICUNormalizer2CharFilter(reader);
    }

    [Fact]
    public void Upper_case_decomposed_and_full_width_input_fold_the_same_on_both_paths()
    {
        const string text = "ĐIỀU 6 LUẬT TRẺ EM Tre\u0309 ｅｍ";
        foreach (var form in Enum.GetValues<FieldForm>())
        {
            var field = VietnameseAnalyzer.FieldName(IndexFormat.Title, form);
            Assert.Equal(
                AnalyzedToken.Analyze(new VietnameseAnalyzer(form), field, text).Select(t => t.Term),
                AnalyzedToken.Analyze(VietnameseAnalyzer.ForIndex(), field, VietnameseText.FoldCase(text)).Select(t => t.Term));
        }
        Assert.Equal(["điều", "6", "luật", "trẻ", "em", "trẻ", "em"],
            AnalyzedToken.Analyze(new VietnameseAnalyzer(FieldForm.Exact), "f", text).Select(t => t.Term));
    }
}
