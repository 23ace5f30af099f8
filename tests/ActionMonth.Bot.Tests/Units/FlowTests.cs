using System.Text;
using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Conversation.Flow;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Endpoints;
using Microsoft.Extensions.Options;
using ActionMonth.Bot.Tests.Infrastructure;

namespace ActionMonth.Bot.Tests.Units;

public sealed class FlowTests
{
    [Fact]
    public void The_rate_limiter_allows_a_burst_notes_once_then_stays_quiet_and_refills_over_time()
    {
        var time = new ManualTimeProvider();
        var limiter = new UserRateLimiter(Options.Create(new BotOptions { RateLimit = new RateLimitOptions { Burst = 3, PerMinute = 6 } }), time);
        for (var i = 0; i < 3; i++) Assert.Equal(RateDecision.Allowed, limiter.Check("u"));
        Assert.Equal(RateDecision.LimitedNotify, limiter.Check("u"));
        Assert.Equal(RateDecision.LimitedQuiet, limiter.Check("u"));
        Assert.Equal(RateDecision.Allowed, limiter.Check("other user"));

        time.Advance(TimeSpan.FromSeconds(10)); // 6 per minute: one token back
        Assert.Equal(RateDecision.Allowed, limiter.Check("u"));
        Assert.Equal(RateDecision.LimitedNotify, limiter.Check("u"));
    }

    [Fact]
    public void The_rate_limiter_forgets_users_whose_bucket_has_refilled_but_keeps_those_still_limited()
    {
        var time = new ManualTimeProvider();
        var limiter = new UserRateLimiter(Options.Create(new BotOptions { RateLimit = new RateLimitOptions { Burst = 3, PerMinute = 6 } }), time);
        for (var i = 0; i < 4; i++) limiter.Check("flooding");
        for (var i = 0; i < UserRateLimiter.SweepEvery - 5; i++) limiter.Check($"passer-by {i}");
        Assert.Equal(UserRateLimiter.SweepEvery - 4, limiter.TrackedUsers);

        time.Advance(TimeSpan.FromSeconds(11)); // one message each refilled; the flooding user is still 2 tokens short
        limiter.Check("flooding"); // the sweep runs on this call
        Assert.Equal(1, limiter.TrackedUsers);
        Assert.Equal(RateDecision.LimitedNotify, limiter.Check("flooding"));

        time.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < UserRateLimiter.SweepEvery; i++) limiter.Check($"later {i % 10}");
        Assert.True(limiter.TrackedUsers <= 10, $"{limiter.TrackedUsers} users tracked");
    }

    [Fact]
    public void The_search_cache_answers_a_repeated_question_without_searching_and_can_be_turned_off()
    {
        var search = new CountingSearch();
        var options = new ActionMonth.Knowledge.Search.SearchOptions(5, ActionMonth.Knowledge.Model.Audience.Child);
        var cache = new SearchResultCache(Options.Create(new BotOptions { SearchCacheSize = 2 }));
        var first = cache.Search(search, "em bị bắt nạt", options);
        Assert.Same(first, cache.Search(search, " em bị bắt nạt ", options));
        Assert.Equal(1, search.Calls);
        cache.Search(search, "em bị bắt nạt", options with { Audience = ActionMonth.Knowledge.Model.Audience.Parent });
        Assert.Equal(2, search.Calls);

        var off = new SearchResultCache(Options.Create(new BotOptions { SearchCacheSize = 0 }));
        off.Search(search, "em bị bắt nạt", options);
        off.Search(search, "em bị bắt nạt", options);
        Assert.Equal(4, search.Calls);
    }

    private sealed class CountingSearch : ActionMonth.Knowledge.Search.IKnowledgeSearch
    {
        public int Calls;

        public ActionMonth.Knowledge.Search.SearchResult Search(string query, ActionMonth.Knowledge.Search.SearchOptions? options = null)
        {
            Calls++;
            return new ActionMonth.Knowledge.Search.SearchResult(query, ActionMonth.Knowledge.Search.Confidence.None, []);
        }
    }

    [Fact]
    public async Task Turns_of_one_conversation_run_one_at_a_time_and_others_do_not_wait()
    {
        var turnLock = new ConversationTurnLock();
        var first = await turnLock.AcquireAsync("c1", ConversationTurnLock.MaxWait, CancellationToken.None);
        var second = turnLock.AcquireAsync("c1", ConversationTurnLock.MaxWait, CancellationToken.None);
        var elsewhere = turnLock.AcquireAsync("c2", ConversationTurnLock.MaxWait, CancellationToken.None);
        Assert.True(elsewhere.IsCompletedSuccessfully);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await elsewhere).Dispose();

        // A disclosure does not wait: zero wait goes ahead even while the conversation is busy.
        using var busy = await turnLock.AcquireAsync("c3", ConversationTurnLock.MaxWait, CancellationToken.None);
        var urgent = turnLock.AcquireAsync("c3", TimeSpan.Zero, CancellationToken.None);
        Assert.True(urgent.IsCompletedSuccessfully);
        (await urgent).Dispose();
    }

    [Fact]
    public void Long_official_text_is_split_at_lines_and_keeps_every_word()
    {
        var text = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"{i}. " + string.Concat(Enumerable.Repeat($"nội dung khoản {i}. ", 20))));
        var parts = OfficialTextSplitter.Split(text, 1500);
        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 1500));
        Assert.All(parts, p => Assert.Matches(@"^\d+\. ", p));
        Assert.Equal(text.Replace("\n", " ").Replace("  ", " ").Trim(), string.Join(" ", parts).Replace("\n", " ").Replace("  ", " ").Trim());

        var oneLine = string.Concat(Enumerable.Repeat("một câu rất dài. ", 300));
        var pieces = OfficialTextSplitter.Split(oneLine, 1000);
        Assert.All(pieces, p => Assert.True(p.Length <= 1000));
        Assert.All(pieces, p => Assert.EndsWith(".", p));
    }

    [Fact]
    public void The_first_part_of_a_long_message_ends_at_a_word_and_never_splits_a_surrogate_pair()
    {
        var words = new string('a', 1990) + " bbbbbbbbbbbbbbbbbbbb";
        Assert.Equal(new string('a', 1990), MessageResponder.FirstPart(words, 2000));

        var emoji = new string('a', 1999) + "😀 tail";
        var cut = MessageResponder.FirstPart(emoji, 2000);
        Assert.Equal(new string('a', 1999), cut);
        Assert.False(char.IsHighSurrogate(cut[^1]));

        Assert.Equal("Câu hỏi?", AnswerComposer.FirstPart("Câu hỏi? " + new string('x', 2000), 1000));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"channelId\":\"webchat\",\"serviceUrl\":\"http://x/\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"},\"text\":\"hi\"}", null)]
    [InlineData("{\"type\":\"conversationUpdate\",\"channelId\":\"webchat\",\"serviceUrl\":\"http://x/\",\"conversation\":{\"id\":\"c\"}}", null)]
    [InlineData("{\"type\":\"message\",\"channelId\":\"webchat\",\"serviceUrl\":\"not a url\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}", "serviceUrl")]
    [InlineData("{\"type\":\"\",\"channelId\":\"webchat\"}", "'type'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"webchat\",\"serviceUrl\":\"http://x/\",\"conversation\":{\"id\":\"c\"}}", "from.id")]
    [InlineData("{\"type\":\"message\"", "not valid JSON")]
    public void Activity_bodies_are_checked_before_the_adapter(string body, string? problem)
    {
        var found = ActivityRequestFilter.Problem(Encoding.UTF8.GetBytes(body));
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }
}
