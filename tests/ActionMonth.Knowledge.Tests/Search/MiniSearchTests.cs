using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Search;

/// <summary>Search behaviour on the made-up fixtures: citation lookup, kinds, snippets, bad input, catalog.</summary>
public sealed class MiniSearchTests(MiniIndexFixture mini) : IClassFixture<MiniIndexFixture>
{
    private SearchResult Search(string q, int top = 5) => mini.Engine.Search(q, new SearchOptions(Top: top));

    [Theory]
    [InlineData("điều 2 luật mẫu", "01/2099/QH99", 2, null)]
    [InlineData("dieu 2 luat mau", "01/2099/QH99", 2, null)]
    [InlineData("ĐIỀU 3 LUẬT MẪU KIỂM THỬ", "01/2099/QH99", 3, null)]
    [InlineData("Điều 3 LMKT", "01/2099/QH99", 3, null)]
    [InlineData("khoản 2 điều 2", "01/2099/QH99", 2, 2)]
    [InlineData("điều 2 khoản 3 luat mau", "01/2099/QH99", 2, 3)]
    [InlineData("điều 2 thông tư 07/2098", "07/2098/TT-BKT", 2, null)]
    [InlineData("dieu 2 tt 7", "07/2098/TT-BKT", 2, null)]
    [InlineData("điều 1 07/2098/TT-BKT nói gì", "07/2098/TT-BKT", 1, null)]
    [InlineData("theo điều 4 của luật thì trường phải làm gì", "01/2099/QH99", 4, null)]
    public void Citation_lookup_returns_exactly_that_article_or_clause_first(string query, string doc, int article, int? clause)
    {
        var result = Search(query);
        Assert.True(result.IsCitationLookup, "not recognised as a citation");
        Assert.Equal(Confidence.High, result.Confidence);
        var first = result.Hits[0];
        Assert.Equal(doc, first.Doc);
        Assert.Equal(article, first.Article);
        Assert.Equal(clause, first.Clause);
        Assert.Equal(HitKind.Official, first.Kind);
        Assert.True(result.Hits.Skip(1).All(h => h.Score < first.Score));
        Assert.Single(result.Hits, h => h.Doc == doc && h.Article == article);
    }

    [Theory]
    [InlineData("điều 40 luật mẫu", "01/2099/QH99", 40)]
    [InlineData("khoản 2 điều 9 thông tư 07/2098", "07/2098/TT-BKT", 9)]
    public void An_article_the_named_document_does_not_have_is_reported_missing_not_looked_up(string query, string doc, int article)
    {
        var result = Search(query);
        Assert.False(result.IsCitationLookup);
        Assert.Equal(new Citation(doc, article), result.MissingArticle);
        Assert.DoesNotContain(result.Hits, h => h.Article == article && h.Doc == doc);
    }

    [Fact]
    public void An_article_that_exists_is_not_missing_and_words_without_an_article_name_none()
    {
        Assert.Null(Search("điều 2 luật mẫu").MissingArticle);
        Assert.Null(Search("điểm vui chơi miễn phí").MissingArticle);
    }

    [Fact]
    public void Point_lookup_carries_the_point_in_its_citation_and_snippet()
    {
        var first = Search("điểm đ khoản 2 điều 2 luật mẫu").Hits[0];
        Assert.Equal(new Citation("01/2099/QH99", 2, 2, "đ"), Assert.Single(first.Citations!));
        Assert.Contains("đ) Điểm vui chơi miễn phí", first.Snippet);
    }

    [Theory]
    [InlineData("điều 5 luật hôn nhân và gia đình")]
    [InlineData("điều 99 luật mẫu")]
    [InlineData("những điều cha mẹ cần biết")]
    public void Not_a_citation_lookup_when_the_document_or_article_is_unknown(string query)
    {
        Assert.False(Search(query).IsCitationLookup);
    }

    [Fact]
    public void Citation_lookup_works_through_guides_when_only_knowledge_is_indexed()
    {
        using var temp = new TempFolder();
        using var index = new KnowledgeIndex(new KnowledgeSources(RepositoryPaths.Fixture("knowledge-mini"), [], temp.Combine("index")));
        index.Load();
        var result = new KnowledgeSearchEngine(index).Search("dieu 3 luat mau");
        Assert.True(result.IsCitationLookup);
        var first = result.Hits[0];
        Assert.Equal(("01/2099/QH99", 3, HitKind.Guide), (first.Doc, first.Article!.Value, first.Kind));
        Assert.Equal("Trách nhiệm của gia đình", first.ArticleTitle);
        Assert.Contains("Ông bà", first.Snippet);
    }

    [Fact]
    public void Question_is_answered_with_the_article_its_card_cites()
    {
        var result = Search("bé bị bạn đánh ở trường thì báo ai");
        var first = result.Hits[0];
        Assert.Equal(("01/2099/QH99", 4), (first.Doc, first.Article!.Value));
        Assert.Equal(HitKind.Faq, first.Kind);
        Assert.Equal("child-hit-at-school", first.CardId);
        Assert.Equal(2, first.Clause);
        Assert.Equal("Trách nhiệm của nhà trường về an toàn tình dục", first.ArticleTitle);
    }

    [Fact]
    public void Official_hit_names_its_best_clause_and_highlights_the_matched_words()
    {
        var hit = Search("xam hai tinh duc o truong hoc").Hits.First(h => h.Kind == HitKind.Official);
        Assert.Equal(("01/2099/QH99", 4, 1), (hit.Doc, hit.Article!.Value, hit.Clause!.Value));
        Assert.Contains("**xâm hại tình dục**", hit.Snippet);
        Assert.Equal("Luật Mẫu Kiểm thử", hit.DocTitle);
    }

    [Fact]
    public void Unaccented_and_teencode_questions_find_the_same_article_as_accented_ones()
    {
        var accented = Search("thiết bị sân chơi kiểm tra mấy lần").Hits[0];
        var plain = Search("thiet bi san choi kiem tra may lan").Hits[0];
        Assert.Equal((accented.Doc, accented.Article), (plain.Doc, plain.Article));
        Assert.Equal(("07/2098/TT-BKT", 2), (accented.Doc, accented.Article!.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_question_is_an_argument_error(string q)
    {
        var ex = Assert.Throws<ArgumentException>(() => Search(q));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void Over_long_question_is_an_argument_error_and_the_limit_itself_is_accepted()
    {
        Assert.Throws<ArgumentException>(() => Search(new string('a', 10_000)));
        Assert.Throws<ArgumentException>(() => Search(new string('x', KnowledgeSearchEngine.MaxQueryLength + 1)));
        var longest = string.Concat(Enumerable.Repeat("trẻ em sân chơi ", 100))[..KnowledgeSearchEngine.MaxQueryLength];
        Assert.NotEmpty(Search(longest).Hits);
    }

    [Theory]
    [InlineData("\"sân chơi\" (an toàn) * ? : AND ~ OR NOT")]
    [InlineData("sân chơi AND")]
    [InlineData("title_f:san~2 && body:[a TO z] || ^3 \\ / { } ! + -")]
    [InlineData("***")]
    [InlineData("?")]
    [InlineData("\"")]
    [InlineData("điều")]
    public void Lucene_syntax_characters_are_just_text(string q)
    {
        var result = Search(q);
        Assert.Equal(q, result.Query);
    }

    [Fact]
    public void Punctuation_only_question_gets_no_hits_and_no_confidence()
    {
        var result = Search("?!...");
        Assert.Empty(result.Hits);
        Assert.Equal(Confidence.None, result.Confidence);
    }

    [Theory]
    [InlineData("giá vàng hôm nay")]
    [InlineData("thời tiết Hà Nội ngày mai")]
    [InlineData("cách nấu phở bò")]
    public void Off_topic_questions_get_low_or_no_confidence(string q)
    {
        Assert.True(Search(q).Confidence <= Confidence.Low);
    }

    [Fact]
    public void Audience_option_leaves_out_cards_for_other_audiences()
    {
        var all = Search("bạn đánh em ở trường thì báo ai", 10);
        Assert.Contains(all.Hits, h => h.CardId == "child-hit-at-school");
        var parents = mini.Engine.Search("bạn đánh em ở trường thì báo ai", new SearchOptions(Top: 10, Audience: Audience.Parent));
        Assert.DoesNotContain(parents.Hits, h => h.CardId == "child-hit-at-school");
    }

    [Fact]
    public void Top_limits_the_number_of_hits()
    {
        Assert.Single(Search("sân chơi", 1).Hits);
        Assert.True(Search("sân chơi", 3).Hits.Count <= 3);
    }

    [Fact]
    public void Catalog_checks_clause_and_point_existence()
    {
        var catalog = mini.Index.Current.Catalog;
        Assert.True(catalog.CitationExists(new Citation("01/2099/QH99", 2)));
        Assert.True(catalog.CitationExists(new Citation("01/2099/QH99", 2, 2, "đ")));
        Assert.True(catalog.CitationExists(new Citation("01/2099/qh99", 2, 2)));
        Assert.False(catalog.CitationExists(new Citation("01/2099/QH99", 2, 9)));
        Assert.False(catalog.CitationExists(new Citation("01/2099/QH99", 2, 2, "e")));
        Assert.False(catalog.CitationExists(new Citation("01/2099/QH99", 40)));
        Assert.False(catalog.CitationExists(new Citation("99/1999/QH1", 1)));
        Assert.Equal("Luật Mẫu 2099", catalog.ShortName("01/2099/QH99"));
        Assert.Equal("07/2098/TT-BKT", catalog.ShortName("07/2098/TT-BKT"));
        Assert.NotNull(catalog.GetCard("parent-slide-safety"));
        Assert.Equal(3, catalog.GetOfficialArticle("07/2098/tt-bkt", 3)?.Number);
        Assert.NotEmpty(catalog.LoadErrors);
    }

    [Fact]
    public void Load_report_counts_what_went_in()
    {
        var r = mini.Report;
        Assert.Equal((2, 7, 1, 4), (r.Documents, r.Articles, r.Guides, r.Cards));
        // 7 article passages + 9 clause passages + 4 guide entries + 4 cards.
        Assert.Equal(7 + 9 + 4 + 4, r.Passages);
    }
}
