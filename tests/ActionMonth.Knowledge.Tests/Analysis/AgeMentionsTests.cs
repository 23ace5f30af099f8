using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Analysis;

/// <summary>An age given as a detail of the child ("con tôi 14 tuổi") loses its number before the search; the ages the
/// official texts set as limits, and ages the question puts as limits, stay.</summary>
public sealed class AgeMentionsTests
{
    private static readonly AgeMentions Ages = AgeMentions.FromLimitsIn(
        ["1. Trẻ em là người dưới 16 tuổi.", "trẻ em từ đủ 07 tuổi trở lên", "trẻ em dưới 36 tháng tuổi được khám"]);

    [Fact]
    public void The_limits_are_the_ages_after_a_limit_word_in_the_texts()
    {
        Assert.True(Ages.IsLimit(16, months: false));
        Assert.True(Ages.IsLimit(7, months: false));
        Assert.True(Ages.IsLimit(36, months: true));
        Assert.False(Ages.IsLimit(36, months: false));
        Assert.False(Ages.IsLimit(1, months: false));
    }

    [Theory]
    [InlineData("trẻ 13 tuổi có quyền gì", "trẻ|tuổi có quyền gì")]
    [InlineData("con tôi 14 tuoi bi ban danh", "con tôi|tuoi bi ban danh")]
    [InlineData("em 12tuổi bị bắt nạt", "em|tuổi bị bắt nạt")]
    [InlineData("bé 8 tháng tuổi", "bé|tháng tuổi")]
    [InlineData("con học lớp 5 bị phạt", "con học lớp|bị phạt")]
    [InlineData("toi 13 tuoi", "toi|tuoi")]
    public void A_detail_age_or_grade_loses_its_number_and_cuts_the_question(string question, string expected) =>
        Assert.Equal(expected.Split('|'), Ages.Phrases(question).Select(p => p.Trim()).ToArray());

    [Theory]
    [InlineData("16 tuổi còn là trẻ em không")]
    [InlineData("con 7 tuổi có được hỏi ý kiến không")]
    [InlineData("trẻ 36 tháng tuổi được khám miễn phí không")]
    [InlineData("ly hôn thì con dưới 3 tuổi ở với ai")]
    [InlineData("trẻ tren 15 tuoi co duoc di lam khong")]
    [InlineData("điều 13 luật trẻ em nói gì")]
    [InlineData("trẻ em có quyền gì")]
    public void Limits_and_other_numbers_stay(string question) =>
        Assert.Equal([question], Ages.Phrases(question));

    [Fact]
    public void The_query_has_neither_the_number_nor_a_pair_across_the_cut()
    {
        var query = AnalyzedQuery.Create("trẻ 13 tuổi có quyền gì", TeencodeRewriter.Default, DomainVocabulary.Default, ages: Ages);
        Assert.DoesNotContain("13", query.Folded);
        Assert.DoesNotContain(query.Pairs, p => p.Contains("13", StringComparison.Ordinal));
        Assert.DoesNotContain("tre_tuoi", query.Pairs);
        Assert.Contains("tuoi", query.Folded);
        Assert.Contains("tuoi_co", query.Pairs);
    }

    [Fact]
    public void Teencode_ages_are_read_as_ages()
    {
        var query = AnalyzedQuery.Create("e 14t lam them dc ko", TeencodeRewriter.Default, DomainVocabulary.Default, ages: Ages);
        Assert.DoesNotContain("14", query.Folded);
    }
}

/// <summary>On the real corpus: the age of the child does not change which article answers, nor drop the answer to
/// "not sure".</summary>
[Collection(CorpusCollection.Name)]
public sealed class AgeMentionsCorpusTests(CorpusIndexFixture corpus)
{
    [SkippableTheory]
    [InlineData("con tôi 14 tuổi bị bạn đánh ở trường thì nhà trường phải làm gì", "con tôi bị bạn đánh ở trường thì nhà trường phải làm gì")]
    [InlineData("con 15 tuổi có quyền giữ bí mật thư từ không", "con có quyền giữ bí mật thư từ không")]
    [InlineData("em 12 tuổi có được tham gia ý kiến về việc của mình không", "em có được tham gia ý kiến về việc của mình không")]
    [InlineData("con tôi học lớp 8 bị thầy giáo phạt quỳ có đúng không", "con tôi học lớp bị thầy giáo phạt quỳ có đúng không")]
    public void The_child_s_age_does_not_change_the_answer(string withAge, string without)
    {
        var aged = corpus.Engine.Search(withAge);
        var plain = corpus.Engine.Search(without);
        Assert.Equal((plain.Hits[0].Doc, plain.Hits[0].Article), (aged.Hits[0].Doc, aged.Hits[0].Article));
        Assert.True(aged.Confidence >= Confidence.Medium, $"{withAge}: {aged.Confidence}");
    }

    [SkippableFact]
    public void The_law_s_own_limits_are_known() =>
        Assert.True(corpus.Index.Current.Catalog.Ages.IsLimit(16, months: false));
}
