using System.Collections.Concurrent;
using System.Diagnostics;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Observability;

/// <summary>The spans of a turn (what an OTLP collector would get): the turn and its steps, with ids, levels and
/// timings, never the text.</summary>
public sealed class TurnTraceTests
{
    private const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    private const string Question = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";

    [Fact]
    public async Task A_turn_has_its_span_tree_and_no_span_carries_the_message_text()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ActionMonth.Bot",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // An OTLP endpoint where nothing listens: export fails quietly, the bot is unaffected.
        var childConversation = string.Empty;
        var host = BotTestHost.Start(settings: new Dictionary<string, string?> { ["Observability:Otlp:Endpoint"] = "http://127.0.0.1:9" });
        try
        {
            host.WaitForKnowledge();
            var parent = host.Conversation();
            await parent.SayAsync("Tôi là phụ huynh");
            Assert.NotEmpty(await parent.SayAsync(Question));
            var child = host.Conversation();
            childConversation = child.ConversationId;
            Assert.Contains("111", Assert.Single(await child.SayAsync(Disclosure)).Text);
        }
        finally
        {
            await host.DisposeAsync();
            host.Folder.Dispose();
        }

        var childTurn = Assert.Single(spans, s => s.OperationName == "bot.turn"
                                                  && ((string?)s.GetTagItem("actionmonth.activity.id"))?.StartsWith(childConversation + "-", StringComparison.Ordinal) == true
                                                  && s.Children(spans).Any(c => c.OperationName == "safety.assess"
                                                                                && (string?)c.GetTagItem("actionmonth.safety.level") == "urgent"));
        Assert.Equal("webchat", childTurn.GetTagItem("actionmonth.channel"));
        Assert.Contains(spans, s => s.OperationName == "knowledge.search" && s.GetTagItem("actionmonth.confidence") is string);
        Assert.Contains(spans, s => s.OperationName == "storage.read");

        // Other tests' hosts may run at the same time: their spans are checked as well, which only makes this stricter.
        foreach (var span in spans)
        foreach (var (key, value) in span.TagObjects)
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            Assert.False(text.Contains("hàng xóm") || text.Contains("bạo hành") || text.Contains("phụ huynh"), $"span {span.OperationName} tag {key}: {text}");
        }
    }
}

internal static class SpanTree
{
    public static IEnumerable<Activity> Children(this Activity parent, IEnumerable<Activity> all) =>
        all.Where(s => s.ParentSpanId == parent.SpanId && s.TraceId == parent.TraceId);
}
