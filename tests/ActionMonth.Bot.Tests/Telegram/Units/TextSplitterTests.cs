using ActionMonth.Bot.Telegram.Outbound;

namespace ActionMonth.Bot.Tests.Telegram.Units;

public sealed class TextSplitterTests
{
    [Fact]
    public void A_text_within_the_limit_is_one_piece_trimmed()
    {
        var pieces = Pieces("  Trẻ em có quyền được bảo vệ.\n", 4096);
        Assert.Equal(["Trẻ em có quyền được bảo vệ."], pieces);
    }

    [Fact]
    public void Paragraph_breaks_are_preferred_then_sentence_ends_then_spaces()
    {
        var paragraph = string.Join(" ", Enumerable.Repeat("Một câu đầy đủ.", 40)).Trim();   // 639 characters
        var text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        var pieces = Pieces(text, 1400);
        Assert.Equal([paragraph + "\n\n" + paragraph, paragraph], pieces);

        var sentences = string.Join(" ", Enumerable.Repeat("Câu này kết thúc bằng dấu chấm.", 60));
        Assert.All(Pieces(sentences, 500), p => Assert.EndsWith(".", p));

        var words = string.Join(" ", Enumerable.Repeat("từ", 600));
        Assert.All(Pieces(words, 500), p => Assert.Equal("từ", p.Split(' ')[^1]));
    }

    [Fact]
    public void A_sentence_end_inside_quotes_counts()
    {
        var text = string.Concat(Enumerable.Repeat("Điều luật nói «trẻ em được bảo vệ.» Rồi sao ", 30));
        Assert.All(Pieces(text, 300).SkipLast(1), p => Assert.EndsWith(".»", p));
    }

    [Fact]
    public void A_text_without_breaks_is_cut_hard_but_never_inside_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 3000));
        var pieces = Pieces(text, 4095);
        Assert.All(pieces, p =>
        {
            Assert.InRange(p.Length, 1, 4095);
            Assert.False(char.IsHighSurrogate(p[^1]));
            Assert.False(char.IsLowSurrogate(p[0]));
        });
        Assert.Equal(text, string.Concat(pieces));
    }

    [Fact]
    public void No_piece_is_empty_or_over_the_limit_and_no_word_is_lost()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 3000).Select(_ => random.Next(10) switch
        {
            0 => "kết thúc.",
            1 => "xuống\ndòng",
            2 => "đoạn\n\nmới",
            _ => new string('a', random.Next(1, 12)),
        });
        var text = string.Join(" ", words);
        var pieces = Pieces(text, 1000);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 1000));
        Assert.Equal(Words(text), pieces.SelectMany(Words));
    }

    private static List<string> Pieces(string text, int max) =>
        TelegramTextSplitter.Split(text, max).Select(r => text[r]).ToList();

    private static IEnumerable<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
