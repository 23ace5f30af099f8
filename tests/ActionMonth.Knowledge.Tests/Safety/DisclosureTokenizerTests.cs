using ActionMonth.Knowledge.Safety;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Safety;

public sealed class DisclosureTokenizerTests
{
    private static string Folded(string text) =>
        string.Join(" ", DisclosureTokenizer.Default.Tokenize(text).Tokens.Select(t => t.Folded));

    [Theory]
    [InlineData("Mẹ em đánh em", "me em danh em")]
    [InlineData("MẸ EM ĐÁNH EM", "me em danh em")]
    [InlineData("me e danh e", "me em danh em")] // teencode "e" → em
    [InlineData("e ko dc di hoc j bme danh", "em khong duoc di hoc gi bo me danh")]
    [InlineData("ＥＭ ＢỊ ＢỐ ĐÁＮＨ", "em bi bo danh")] // full-width
    [InlineData("e bj hjếp", "em bi hiep")] // teencode j for i
    [InlineData("cứuuuu emmmm", "cuu em")] // stretched letters, keeping the legitimate "uu"
    [InlineData("I'm 13 and he doesn't stop", "i am 13 and he does not stop")]
    [InlineData("em 13t", "em 13 tuoi")]
    [InlineData("nộp 200k", "nop 200 nghin")]
    [InlineData("mẹ đi làm ca đêm", "me di lam ca dem")] // the detector keeps "ca" (shift), unlike the shared table
    [InlineData("hnay e bùn", "hom nay em buon")] // shorthand added to the shared table
    public void What_people_type_becomes_folded_words(string typed, string expected)
    {
        Assert.Equal(expected, Folded(typed));
    }

    [Fact]
    public void Decomposed_unicode_reads_like_composed()
    {
        const string composed = "chú hàng xóm sờ vào người em";
        var decomposed = composed.Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);
        var a = DisclosureTokenizer.Default.Tokenize(composed).Tokens;
        var b = DisclosureTokenizer.Default.Tokenize(decomposed).Tokens;
        Assert.Equal(a, b);
    }

    [Fact]
    public void Sentences_split_on_terminators_but_not_inside_abbreviations_and_keep_the_question_mark()
    {
        var text = DisclosureTokenizer.Default.Tokenize("Em ở TP.HCM. Bố đánh em! Em phải làm sao?\nhic");
        Assert.Equal(4, text.Sentences.Length);
        Assert.Equal([false, false, true, false], text.Sentences.Select(s => s.EndsWithQuestionMark));
        Assert.Equal(4, text.Sentences[0].End - text.Sentences[0].Start); // em ở tp hcm
    }

    [Fact]
    public void Two_or_more_exclamation_marks_are_kept_as_a_cry()
    {
        var text = DisclosureTokenizer.Default.Tokenize("help! HELP!!! cứu em!?! ok!!");
        Assert.Equal([false, true, true, true], text.Sentences.Select(s => s.Exclaimed));
    }

    [Fact]
    public void A_comma_marks_the_next_word_so_that_phrases_do_not_run_across_it()
    {
        var tokens = DisclosureTokenizer.Default.Tokenize("người em, em thấy khó chịu").Tokens;
        Assert.Equal([false, false, true, false, false, false], tokens.Select(t => t.AfterComma));
    }

    [Theory]
    [InlineData("mệ đánh con bằng roi tre, lưng con lằn hết", true)]
    [InlineData("tre em bi danh thi bao ai", false)]
    public void A_message_typed_with_accents_is_recognised(string text, bool accented)
    {
        Assert.Equal(accented, DisclosureTokenizer.Default.Tokenize(text).TypedWithAccents);
    }

    [Fact]
    public void Empty_and_punctuation_only_messages_have_no_tokens()
    {
        Assert.Empty(DisclosureTokenizer.Default.Tokenize("").Tokens);
        Assert.Empty(DisclosureTokenizer.Default.Tokenize(" ?!... ").Tokens);
    }

    [Theory]
    [InlineData("danh", "đánh", true)]   // typed without accents: may be đánh
    [InlineData("đánh", "đánh", true)]
    [InlineData("dánh", "đánh", true)]   // missing stroke on đ is tolerated
    [InlineData("dành", "đánh", false)]  // a different tone is a different word
    [InlineData("đành", "đánh", false)]
    [InlineData("nên", "nện", false)]    // typed with marks but no tone: "nên", not "nện"
    [InlineData("hòa", "hoà", true)]     // old and new tone placement
    [InlineData("tô", "tơ", false)]      // a different hat
    [InlineData("so", "sờ", true)]
    [InlineData("sợ", "sờ", false)]
    public void A_typed_word_can_be_a_pattern_word_when_its_marks_do_not_conflict(string typed, string pattern, bool expected)
    {
        var t = SyllableMarks.Of(VietnameseText.Normalize(typed));
        var p = SyllableMarks.Of(VietnameseText.Normalize(pattern));
        Assert.Equal(t.Folded, p.Folded);
        Assert.Equal(expected, t.CanBe(p));
    }

    [Fact]
    public void Detector_teencode_changes_remove_and_add_entries()
    {
        var shared = new Dictionary<string, string> { ["ca"] = "công an", ["ko"] = "không" };
        var detector = new List<KeyValuePair<string, string>> { new("ca", "-"), new("tự tữ", "tự tử") };
        var rewriter = DisclosureTokenizer.MergeTeencode(shared, detector);
        Assert.Equal("ca không tự tử", rewriter.Rewrite("ca ko tự tữ"));
    }

    [Fact]
    public void Tokenising_with_the_rules_vocabulary_numbers_the_words_and_changes_nothing_else()
    {
        var vocabulary = DisclosureRuleSet.LoadEmbedded().Vocabulary;
        var texts = File.ReadLines(SafetyTestFiles.OwnData(SafetyTestFiles.RedTeam))
            .Where(l => l.Length > 0)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .Concat(["", "  ", "em 13t, bị đánh!!", "cứuuuu emmmm", "xaaa\u0301\u0302 em", "Em,, bị. . đánh\n\nhic", "ＥＭ ＢỊ ＢỐ ĐÁＮＨ"])
            .ToList();
        Assert.True(texts.Count > 100);
        var known = 0;
        foreach (var text in texts)
        {
            var plain = DisclosureTokenizer.Default.Tokenize(text);
            var numbered = DisclosureTokenizer.Default.Tokenize(text, vocabulary);
            Assert.Equal(plain.Sentences, numbered.Sentences);
            Assert.Equal(plain.Tokens.Length, numbered.Tokens.Length);
            for (var i = 0; i < plain.Tokens.Length; i++)
            {
                Assert.Equal(DisclosureVocabulary.Unknown, plain.Tokens[i].WordId);
                Assert.Equal(plain.Tokens[i], numbered.Tokens[i] with { WordId = DisclosureVocabulary.Unknown });
                Assert.Equal(vocabulary.Find(plain.Tokens[i].Folded), numbered.Tokens[i].WordId);
                if (numbered.Tokens[i].WordId != DisclosureVocabulary.Unknown) known++;
            }
        }
        Assert.True(known > 1000, $"only {known} known words");
    }
}
