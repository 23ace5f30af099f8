using System.Text;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Bot.Tests.Units;

public sealed class TextKeyTests
{
    [Theory]
    [InlineData("Cảm ơn bạn nhé!", "cam on ban")]
    [InlineData("/start@ActionMonthBot", "/start")]
    [InlineData("/help@ActionMonthBot  now", "/help now")]
    [InlineData("  Bạn ơi,,  cho hỏi   Điều 6 nhé ạ ", "cho hoi dieu 6")]
    [InlineData("👍", "👍")]
    [InlineData("alo", "alo")]
    [InlineData("ạ", "a")]
    [InlineData("...", "")]
    [InlineData("   ", "")]
    [InlineData("I'm a parent", "i'm a parent")]
    [InlineData("Còn khoản 2 thì sao?", "con khoan 2 thi sao")]
    public void A_message_is_keyed_folded_without_punctuation_or_polite_particles(string text, string key)
    {
        Assert.Equal(key, TextKey.Of(text));
        Assert.Equal(key, TextKey.Of(text)); // the remembered key of the same text
        Assert.Equal(key, TextKey.Of(new string(text.AsSpan()))); // an equal text in another string
    }

    [Fact]
    public void Keys_are_those_of_the_original_split_and_join_implementation_for_every_card_phrasing_and_odd_input()
    {
        var texts = File.ReadLines(Path.Combine(RepositoryPaths.Root, "tests/ActionMonth.Bot.Tests/Conversations/reply-golden.tsv"))
            .Select(line => line.Split('\t')[2])
            .Concat(["bạn ơi bot ơi à", "nhé nhé", "ơi ơi ơi", "a a a a", "/lang@bot en", "\t\n x \u00a0 y ", "x@y /z", "ℌello ＡＢＣ",
                     "Điều 6 — khoản 2 (điểm a)", "please tell me more please", "da da", new string('z', 600) + " nhé"])
            .ToList();
        Assert.True(texts.Count > 2000);
        foreach (var text in texts) Assert.Equal(OriginalKey(text), TextKey.Of(text));
    }

    [Fact]
    public void Answer_ids_are_12_hex_digits_and_never_repeat_across_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++) ids.Add(ComposedReply.NewAnswerId());
        });
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{12}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>TextKey.Of as first written (StringBuilder, Split and Join, substrings), the behaviour to keep.</summary>
    private static string OriginalKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var folded = VietnameseText.Fold(text.Trim());
        var sb = new StringBuilder(folded.Length);
        var slashCommand = folded.StartsWith('/');
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            if (slashCommand && c == '@')
            {
                while (i + 1 < folded.Length && !char.IsWhiteSpace(folded[i + 1])) i++;
                continue;
            }
            if (char.IsLetterOrDigit(c) || c == '/' || c == '\'' || char.IsSurrogate(c)
                || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol)
                sb.Append(c);
            else sb.Append(' ');
        }
        var key = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        string[] trailing = ["a", "di", "nhe", "nha", "nhen", "ha", "oi", "ban oi", "bot oi", "please", "pls"];
        string[] leading = ["ban oi", "bot oi", "oi", "alo", "da", "please"];
        bool changed;
        do
        {
            changed = false;
            foreach (var particle in trailing)
            {
                if (key.Length > particle.Length && key.EndsWith(" " + particle, StringComparison.Ordinal))
                {
                    key = key[..^(particle.Length + 1)];
                    changed = true;
                }
            }
            foreach (var particle in leading)
            {
                if (key.Length > particle.Length && key.StartsWith(particle + " ", StringComparison.Ordinal))
                {
                    key = key[(particle.Length + 1)..];
                    changed = true;
                }
            }
        }
        while (changed);
        return key;
    }
}
