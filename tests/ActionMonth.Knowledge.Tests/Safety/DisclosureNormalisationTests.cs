using System.Text;
using ActionMonth.Knowledge.Tests.Support;
using ActionMonth.Knowledge.Text;
using ICU4N.Text;

namespace ActionMonth.Knowledge.Tests.Safety;

/// <summary>
/// The detector's tokenizer normalises every message with <see cref="VietnameseText.Normalize"/>, which skips ICU for
/// text made of characters that normalise alone. These hold that shortcut to ICU's own NFKC-casefold-then-NFC on
/// every character it could apply to, next to each other, before a combining mark, and on every pinned message.
/// </summary>
public sealed class DisclosureNormalisationTests
{
    private static readonly Normalizer2 CaseFold = Normalizer2.NFKCCaseFoldInstance;
    private static readonly Normalizer2 Nfc = Normalizer2.NFCInstance;

    private static string Icu(string text) => Nfc.Normalize(CaseFold.Normalize(text));

    [Fact]
    public void Every_character_alone_in_pairs_and_before_a_combining_mark_normalises_as_icu_does()
    {
        var checkedTexts = 0;
        var previous = 'a';
        for (var c = '\u0001'; c < '\u2000'; c++)
        {
            if (char.IsSurrogate(c)) continue;
            // Hook above, grave, dot below: what an NFD or a Vietnamese keyboard puts after a letter.
            foreach (var text in new[] { c.ToString(), $"{previous}{c}", $"{c}{previous}", $"{c}\u0309", $"{c}\u0300", $"{c}\u0323", $"Đ{c}Ư" })
            {
                Assert.Equal(Icu(text), VietnameseText.Normalize(text));
                Assert.Equal(Icu(text) == text, VietnameseText.IsNormalized(text));
                checkedTexts++;
            }
            previous = c;
        }
        Assert.True(checkedTexts > 50_000, $"{checkedTexts} texts");
    }

    [Fact]
    public void Every_pinned_message_normalises_as_icu_does_and_most_take_the_shortcut()
    {
        var cases = DisclosureDecisionsGoldenTests.Cases(includeShared: SharedData.Folder is not null);
        var unchanged = 0;
        foreach (var (key, text) in cases)
        {
            var expected = Icu(text);
            Assert.True(expected == VietnameseText.Normalize(text), key);
            if (expected == text) unchanged++;
        }
        Assert.True(unchanged > 1_000, $"{unchanged} messages already normalised");
        Assert.Equal(Icu("Em Bị BỐ ĐÁNH"), VietnameseText.Normalize("Em Bị BỐ ĐÁNH"));
        Assert.Equal("em bị bố đánh", VietnameseText.Normalize("Em Bị BỐ ĐÁNH"));
        // Decomposed (NFD) input and full-width letters still go through ICU and come out composed and folded.
        Assert.Equal("bị", VietnameseText.Normalize("bi\u0323"));
        Assert.Equal("em", VietnameseText.Normalize("ＥＭ"));
    }
}

/// <summary>
/// The tokenizer rewrites teencode in place (<see cref="TeencodeRewriter.RewriteNormalised{TSink}"/>), passing over
/// the phrase table for words that start no phrase; <see cref="TeencodeRewriter.Rewrite"/> tries every phrase at every
/// word and is the reference here, on every pinned message and on every phrase of the detector's table.
/// </summary>
public sealed class DisclosureTeencodeTests
{
    private struct Collect : TeencodeRewriter.IWordSink
    {
        public StringBuilder Text;

        public readonly void Add(ReadOnlySpan<char> word)
        {
            if (Text.Length > 0) Text.Append(' ');
            Text.Append(word);
        }
    }

    [Fact]
    public void Rewriting_in_place_gives_what_rewriting_every_phrase_at_every_word_gives()
    {
        var rewriter = ActionMonth.Knowledge.Safety.DisclosureTokenizer.BuildRewriter();
        var texts = DisclosureDecisionsGoldenTests.Cases(includeShared: SharedData.Folder is not null).Select(c => c.Text).ToList();
        // Every shorthand of the tables alone and inside a sentence, so every phrase is met at least once.
        var table = TeencodeRewriter.LoadEmbedded("teencode.tsv").Select(e => e.Key).ToList();
        texts.AddRange(table);
        texts.AddRange(table.Select(k => $"hôm qua {k} bị đánh {k}"));
        var rewritten = 0;
        foreach (var text in texts)
        {
            var normalised = VietnameseText.Normalize(text);
            var sink = new Collect { Text = new StringBuilder() };
            rewriter.RewriteNormalised(normalised, ref sink);
            var expected = rewriter.Rewrite(normalised);
            Assert.True(expected == sink.Text.ToString(), text);
            if (expected != string.Join(' ', VietnameseText.Words(normalised))) rewritten++;
        }
        Assert.True(rewritten > 500, $"{rewritten} texts with shorthand rewritten");
    }
}
