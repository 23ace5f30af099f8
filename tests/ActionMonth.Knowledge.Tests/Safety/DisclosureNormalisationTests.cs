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
