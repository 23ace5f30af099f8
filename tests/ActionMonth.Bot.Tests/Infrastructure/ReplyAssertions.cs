using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>What every answer that cites the law must satisfy (interfaces.md and issue 4).</summary>
public static class ReplyAssertions
{
    public static IReadOnlyList<Citation> Citations(Activity reply) =>
        (reply.Entities ?? []).Where(e => e.Type == "actionmonth/citation")
            .Select(e => new Citation(
                (string)e.Properties["doc"]!,
                (int)e.Properties["article"]!,
                e.Properties["clause"]?.Type == Newtonsoft.Json.Linq.JTokenType.Integer ? (int)e.Properties["clause"]! : null))
            .ToList();

    /// <summary>A cited answer: at least one citation entity, each one real in the indexed texts, the citation
    /// line ("Theo Điều N …"), the official-text button, 👍/👎, and at most three related questions.</summary>
    public static IReadOnlyList<Citation> AssertCitedAnswer(Activity reply, IKnowledgeCatalog catalog)
    {
        var citations = Citations(reply);
        Assert.NotEmpty(citations);
        Assert.All(citations, c => Assert.True(catalog.CitationExists(c), $"{c} does not exist in the indexed texts"));
        var first = citations[0];
        Assert.Contains($"Điều {first.Article} {catalog.ShortName(first.Doc)}", reply.Text);
        Assert.Contains("Theo Điều", reply.Text);

        var actions = reply.SuggestedActions.Actions;
        Assert.Contains(actions, a => a.Title == $"Xem nguyên văn Điều {first.Article}" && a.Type == ActionTypes.MessageBack);
        Assert.Contains(actions, a => a.Title == "👍");
        Assert.Contains(actions, a => a.Title == "👎");
        Assert.InRange(actions.Count(a => a.Type == ActionTypes.ImBack), 0, 3);
        return citations;
    }
}
