using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ActionMonth.Bot.Conversation.Flow;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Tests.Conversations;

/// <summary>
/// The replies MessageResponder composes (texts, citations, entities, suggested actions and their order, and what the
/// conversation remembers) for every question the load benchmark sends, for each role and language on a sample, and for
/// follow-ups and commands, compared with a golden file made from the code before the reply path was optimised. A
/// change here means a user sees something different: if that is intended (new knowledge, new wording), regenerate
/// with ACTIONMONTH_WRITE_REPLY_GOLDEN=1 and review the diff of the replies, not only of the hashes.
/// </summary>
public sealed partial class ReplyGoldenTests : IAsyncLifetime
{
    private const string GoldenFile = "tests/ActionMonth.Bot.Tests/Conversations/reply-golden.tsv";
    private BotTestHost _host = null!;

    // The load benchmark's own list (benchmarks/ActionMonth.Bot.Benchmarks/LoadGenerator.Questions).
    private static readonly string[] LoadQuestions =
    [
        "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?", "trẻ em có những quyền gì?",
        "em bị bạn bắt nạt thì làm sao?", "em bi ban bat nat thi lam sao", "còn khoản 2 thì sao?",
        "tổng đài 111 có mất phí không", "Tháng hành động vì trẻ em là gì?", "con tôi nghiện game thì sao",
        "điều 6 luật trẻ em", "nhà trường phải làm gì để phòng chống xâm hại trẻ em?", "cảm ơn",
        "tiền trợ cấp cho trẻ mồ côi là bao nhiêu",
    ];

    private static readonly string[] EnglishQuestions =
    [
        "what rights do children have", "who should a teacher report abuse to?", "is the 111 hotline free?",
        "what is the action month for children", "my child is bullied at school what should I do",
    ];

    // A conversation that walks through every follow-up kind and the commands that answer without storage.
    private static readonly string[] FollowUpConversation =
    [
        "còn khoản 2 thì sao?", "nói rõ hơn", "điều đó áp dụng cho ai?", "trẻ em có những quyền gì?", "còn khoản 2 thì sao?",
        "khoản 99 thì sao", "nói rõ hơn", "nói rõ hơn", "xem nguyên văn", "điều 27 thì sao?", "điều 4 khoản 6 thì sao",
        "điều đó áp dụng cho ai?", "quy định này áp dụng cho ai", "xem nguyên văn điều 6", "điều 999 thì sao",
        "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?", "nói rõ hơn", "xem toàn văn",
        "help", "hotline", "xin chào", "cảm ơn bạn nhé!", "tôi là giáo viên", "em có quyền gì", "đổi vai trò",
        "english", "what rights do children have", "tell me more", "tiếng việt", "kết nối với tư vấn viên",
        "em đang an toàn", "em muốn hỏi thêm", "ok", "???", "asdkjh qwe", "luật trẻ em điều 26 khoản 2",
        "Nghị định 56 quy định gì", "Chỉ thị 28-CT/TW nói gì", "sở lao động thương binh và xã hội làm gì",
        "ủy ban nhân dân cấp huyện có trách nhiệm gì", new string('a', 50) + " quyền trẻ em",
    ];

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task Composed_replies_are_the_same_as_before_for_every_benchmark_question_role_language_and_follow_up()
    {
        _host.WaitForKnowledge();
        var catalog = _host.Services.GetRequiredService<IKnowledgeCatalog>();
        var cardQuestions = catalog.Cards.SelectMany(c => c.Variants.Prepend(c.Question)).Distinct().ToList();
        Assert.True(cardQuestions.Count > 500, $"only {cardQuestions.Count} card questions");

        var lines = new List<string>();
        // Every phrasing the benchmark sends, in one conversation as a benchmark user sends them (follow-ups included).
        await RunAsync(lines, "all", null, UiLanguages.Vietnamese, cardQuestions.Concat(LoadQuestions));
        // Each role and language on a sample: every 7th card phrasing, the load list and English questions.
        var sample = cardQuestions.Where((_, i) => i % 7 == 0).Concat(LoadQuestions).Concat(EnglishQuestions).ToList();
        foreach (var role in new Audience?[] { Audience.Parent, Audience.Teacher, Audience.Child, Audience.All })
        foreach (var language in new[] { UiLanguages.Vietnamese, UiLanguages.English })
            await RunAsync(lines, $"{role}", role, language, sample);
        foreach (var role in new Audience?[] { null, Audience.Child })
        foreach (var language in new[] { UiLanguages.Vietnamese, UiLanguages.English })
            await RunAsync(lines, $"follow-ups {role}", role, language, FollowUpConversation);
        // A first message: the welcome, or the brief welcome before the answer.
        await RunAsync(lines, "first", null, UiLanguages.Vietnamese, ["xin chào"], welcomed: false);
        await RunAsync(lines, "first", null, UiLanguages.Vietnamese, ["trẻ em có những quyền gì?"], welcomed: false);

        var actual = lines.Select(line => Hash(line) + "\t" + line[..line.IndexOf('\t', line.IndexOf('\t') + 1)]).ToList();
        var path = Path.Combine(RepositoryPaths.Root, GoldenFile);
        if (Environment.GetEnvironmentVariable("ACTIONMONTH_WRITE_REPLY_GOLDEN") == "1")
        {
            await File.WriteAllLinesAsync(path, actual);
            await File.WriteAllLinesAsync(path + ".full", lines);
            return;
        }
        var expected = await File.ReadAllLinesAsync(path);
        var differences = expected.Zip(actual).Select((pair, i) => (pair, i)).Where(x => x.pair.First != x.pair.Second).ToList();
        if (differences.Count > 0 || expected.Length != actual.Count)
        {
            // The full replies of this run, to compare with a run of the previous code.
            var dump = Path.Combine(Path.GetTempPath(), "actionmonth-reply-golden-actual.tsv");
            await File.WriteAllLinesAsync(dump, lines);
            var first = differences.Take(3).Select(d => $"line {d.i + 1}: expected {d.pair.First}\n  actual {lines[d.i]}");
            Assert.Fail($"{differences.Count} of {expected.Length} replies differ ({actual.Count} now); full replies in {dump}\n"
                        + string.Join("\n", first));
        }
    }

    private async Task RunAsync(List<string> lines, string label, Audience? role, string language, IEnumerable<string> texts,
        bool welcomed = true)
    {
        var responder = _host.Services.GetRequiredService<MessageResponder>();
        var adapter = new CollectingAdapter();
        var profile = new UserProfile { Role = role, Language = language };
        var conversation = new ConversationData { Welcomed = welcomed };
        var number = 0;
        foreach (var text in texts)
        {
            var activity = new Activity(ActivityTypes.Message)
            {
                Id = $"m{++number}", Text = text, ChannelId = "webchat", ServiceUrl = "http://localhost/", Locale = "vi-VN",
                From = new ChannelAccount("user-1"), Recipient = new ChannelAccount("bot"),
                Conversation = new ConversationAccount(id: "conversation-1"),
            };
            adapter.Sent.Clear();
            using (var turn = new TurnContext(adapter, activity))
            {
                var session = new TurnSession(profile, conversation, persistent: true);
                await responder.RespondAsync(new MessageTurn(turn), session, CancellationToken.None);
            }
            var replies = JsonConvert.SerializeObject(adapter.Sent, Formatting.None, HttpHelper.BotMessageSerializerSettings);
            var remembered = JsonConvert.SerializeObject(new
            {
                conversation.LastArticle, conversation.LastArticleExplained, conversation.Welcomed,
                LastAnswer = conversation.LastAnswer is { } answer ? answer with { Id = "ID" } : null,
                profile.Role, profile.Language,
            }, Formatting.None);
            lines.Add($"{label}|{language}\t{text}\t{AnswerId().Replace(replies, "\"answerId\":\"ID\"")}\t{remembered}");
        }
    }

    private static string Hash(string line) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)))[..20];

    [GeneratedRegex("\"answerId\":\"[0-9a-f]{12}\"")]
    private static partial Regex AnswerId();

    private sealed class CollectingAdapter : BotAdapter
    {
        public List<Activity> Sent { get; } = [];

        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities,
            CancellationToken cancellationToken)
        {
            Sent.AddRange(activities);
            return Task.FromResult(activities.Select(_ => new ResourceResponse()).ToArray());
        }

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity,
            CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference,
            CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>The turn as the message handler sees it (ITurnContext&lt;IMessageActivity&gt;).</summary>
    private sealed class MessageTurn(TurnContext inner) : ITurnContext<IMessageActivity>
    {
        IMessageActivity ITurnContext<IMessageActivity>.Activity => inner.Activity;
        public BotAdapter Adapter => inner.Adapter;
        public TurnContextStateCollection TurnState => inner.TurnState;
        public Activity Activity => inner.Activity;
        public bool Responded => inner.Responded;

        public Task<ResourceResponse> SendActivityAsync(string textReplyToSend, string? speak = null,
            string inputHint = InputHints.AcceptingInput, CancellationToken cancellationToken = default) =>
            inner.SendActivityAsync(textReplyToSend, speak, inputHint, cancellationToken);

        public Task<ResourceResponse> SendActivityAsync(IActivity activity, CancellationToken cancellationToken = default) =>
            inner.SendActivityAsync(activity, cancellationToken);

        public Task<ResourceResponse[]> SendActivitiesAsync(IActivity[] activities, CancellationToken cancellationToken = default) =>
            inner.SendActivitiesAsync(activities, cancellationToken);

        public Task<ResourceResponse> UpdateActivityAsync(IActivity activity, CancellationToken cancellationToken = default) =>
            inner.UpdateActivityAsync(activity, cancellationToken);

        public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
            inner.DeleteActivityAsync(activityId, cancellationToken);

        public Task DeleteActivityAsync(ConversationReference conversationReference, CancellationToken cancellationToken = default) =>
            inner.DeleteActivityAsync(conversationReference, cancellationToken);

        public ITurnContext OnSendActivities(SendActivitiesHandler handler) => inner.OnSendActivities(handler);
        public ITurnContext OnUpdateActivity(UpdateActivityHandler handler) => inner.OnUpdateActivity(handler);
        public ITurnContext OnDeleteActivity(DeleteActivityHandler handler) => inner.OnDeleteActivity(handler);
    }
}
