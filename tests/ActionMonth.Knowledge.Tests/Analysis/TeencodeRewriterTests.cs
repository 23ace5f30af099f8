using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Analysis;

public sealed class TeencodeRewriterTests
{
    private struct Collect : TeencodeRewriter.IWordSink
    {
        public List<string> Pieces;
        public readonly void Add(ReadOnlySpan<char> word) => Pieces.Add(word.ToString());
    }

    private static string InPlace(TeencodeRewriter rewriter, string normalised)
    {
        var sink = new Collect { Pieces = [] };
        rewriter.RewriteNormalised(normalised.AsSpan(), ref sink);
        return string.Join(' ', sink.Pieces);
    }

    [Theory]
    [InlineData("e ko dc di hoc j bme danh")]
    [InlineData("hnay e bùn, k bít lm sao!!")]
    [InlineData("ko sao đâu, 13t rồi... bme ơi?")]
    [InlineData("  khoảng   trắng  thừa  ")]
    [InlineData("điều 6 luật trẻ em")]
    [InlineData("")]
    [InlineData("?!,")]
    public void Rewriting_normalised_text_in_place_gives_the_words_Rewrite_joins(string typed)
    {
        var rewriter = TeencodeRewriter.Default;
        var normalised = VietnameseText.Normalize(typed);
        Assert.True(VietnameseText.IsNormalized(normalised));
        Assert.Equal(rewriter.Rewrite(normalised), InPlace(rewriter, normalised));
    }

    [Fact]
    public void Phrases_and_replacements_of_several_words_come_out_as_Rewrite_gives_them()
    {
        var rewriter = new TeencodeRewriter(
        [
            new("a b", "phrase one"),
            new("a b c", "phrase two"),
            new("x", "ex why"),
            new("k", "không"),
        ]);
        foreach (var text in new[] { "a b c d", "a b d", "a x k a", "b a", "a", "x x" })
        {
            Assert.Equal(rewriter.Rewrite(text), InPlace(rewriter, text));
        }
        Assert.Equal("phrase two d", InPlace(rewriter, "a b c d"));
    }

    [Fact]
    public void A_long_text_is_rewritten_whole()
    {
        var text = string.Join(' ', Enumerable.Repeat("e ko dc", 200));
        Assert.Equal(TeencodeRewriter.Default.Rewrite(text), InPlace(TeencodeRewriter.Default, text));
    }

    [Theory]
    [InlineData("Em bị đánh")] // upper case
    [InlineData("cu\u0301u em")] // decomposed
    [InlineData("ＥＭ")] // full-width
    public void Text_that_Normalize_would_change_is_not_normalised(string text)
    {
        Assert.NotEqual(text, VietnameseText.Normalize(text));
        Assert.False(VietnameseText.IsNormalized(text));
    }
}
