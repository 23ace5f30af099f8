using System.Buffers;
using System.Collections.ObjectModel;
using System.Numerics;
using System.Reflection;
using System.Text;
using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Adapters;

/// <summary>The expectReplies body is written by ExpectedRepliesJsonWriter instead of Newtonsoft: its bytes must be
/// exactly the ones Newtonsoft writes with the SDK's settings (unindented), for the bot's own replies and for anything
/// an activity can hold, including what it hands back to Newtonsoft.</summary>
public sealed class ExpectedRepliesJsonWriterTests
{
    // Every character Newtonsoft escapes, Vietnamese, emoji (surrogate pairs), lone surrogates, quotes and HTML.
    private static readonly string Odd = "Trẻ em có quyền được bảo vệ 👍👎🧒🏽 \"trích\" 'nháy' \\ / </script><b>&amp; "
                                         + new string(Enumerable.Range(0, 0x21).Select(i => (char)i).ToArray())
                                         + "\u007f\u0080\u0085\u00a0\u2028\u2029\ufeff\uffff lẻ:\ud83d. đảo:\udc4d\ud83d kết thúc:\ud83d";

    [Fact]
    public async Task The_bots_own_replies_are_written_byte_for_byte_as_Newtonsoft_writes_them()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        host.WaitForKnowledge();
        var adapter = host.Services.GetRequiredService<ErrorHandlingAdapter>();
        var bot = host.Services.GetRequiredService<IBot>();
        var bodies = new List<ExpectedReplies>();

        async Task Turn(Activity activity)
        {
            var response = await adapter.ProcessInProcessAsync(activity, bot, CancellationToken.None);
            bodies.Add(Assert.IsType<ExpectedReplies>(response.Body));
        }

        foreach (var (channel, conversation) in new[] { ("webchat", "json-web"), ("telegram", "json-tg"), ("webchat", "json-en") })
        {
            var number = 0;
            Activity New(string type, string? text = null) => new()
            {
                Type = type, Id = $"{conversation}-{++number}", Timestamp = DateTimeOffset.UtcNow, ChannelId = channel,
                ServiceUrl = "http://localhost:9/never-called", From = new ChannelAccount("user-" + conversation, "User"),
                Recipient = new ChannelAccount("bot", "ActionMonth.Bot"), Conversation = new ConversationAccount(id: conversation),
                DeliveryMode = DeliveryModes.ExpectReplies, Locale = "vi-VN", Text = text,
            };

            var join = New(ActivityTypes.ConversationUpdate);
            join.MembersAdded = [new ChannelAccount(join.From.Id, "User"), new ChannelAccount("bot")];
            await Turn(join);
            var texts = conversation == "json-en"
                ? new[] { "english", "what rights do children have", "tell me more", "is the 111 hotline free?", "help" }
                : ["Tôi là giáo viên", "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?", "trẻ em có những quyền gì?",
                    "còn khoản 2 thì sao?", "nói rõ hơn", "xem nguyên văn", "điều 6 luật trẻ em", "tổng đài 111 có mất phí không",
                    "Tháng hành động vì trẻ em là gì?", "cảm ơn", "help", "hotline", "asdkjh qwe", "Chỉ thị 28-CT/TW nói gì",
                    "chú hàng xóm sờ vào người em, em sợ lắm", "Kết nối với tư vấn viên", "Em đang an toàn", "đổi vai trò"];
            foreach (var text in texts) await Turn(New(ActivityTypes.Message, text));

            // The buttons the bot offered, pressed (messageBack values: full text, feedback).
            var offered = bodies.SelectMany(b => b.Activities).SelectMany(a => a.SuggestedActions?.Actions ?? [])
                .Where(a => a.Type == ActionTypes.MessageBack).Take(6).ToList();
            foreach (var action in offered)
            {
                var press = New(ActivityTypes.Message, action.Text);
                press.Value = JToken.FromObject(action.Value);
                await Turn(press);
            }
            var picture = New(ActivityTypes.Message, string.Empty);
            picture.Attachments = [new Attachment("image/jpeg", "http://localhost:9/p.jpg")];
            await Turn(picture);
        }

        var activities = bodies.SelectMany(b => b.Activities).ToList();
        // What the comparison covers: answers with citations and buttons, the safety card, the welcome.
        Assert.Contains(activities, a => a.Attachments?.Any(c => c.Content is HeroCard) == true);
        Assert.Contains(activities, a => a.Entities?.Any(e => e.Type == "actionmonth/citation") == true);
        Assert.Contains(activities, a => a.SuggestedActions?.Actions.Any(c => c.Value is ButtonValue) == true);
        Assert.Contains(activities, a => a.SuggestedActions?.Actions.Any(c => c.Value is string) == true);
        Assert.True(activities.Count > 60, $"only {activities.Count} replies");
        foreach (var body in bodies) AssertSameBytes(body);
    }

    [Fact]
    public void An_activity_with_every_property_set_and_odd_text_everywhere_is_written_as_Newtonsoft_writes_it()
    {
        var activity = Everything(Odd);
        // Guards an SDK update: a property the writer does not know would be missing from its output.
        AssertEveryPropertySet(activity);
        AssertEveryPropertySet(activity.From);
        AssertEveryPropertySet(activity.Conversation);
        AssertEveryPropertySet(activity.RelatesTo);
        AssertEveryPropertySet(activity.SuggestedActions);
        AssertEveryPropertySet(activity.SuggestedActions.Actions[0]);
        AssertEveryPropertySet(activity.Attachments[0]);
        AssertEveryPropertySet((HeroCard)activity.Attachments[0].Content);
        AssertEveryPropertySet(((HeroCard)activity.Attachments[0].Content).Images[0]);
        AssertEveryPropertySet(activity.Entities[0]);
        AssertEveryPropertySet(activity.TextHighlights[0]);
        AssertEveryPropertySet(activity.ReactionsAdded[0]);

        AssertSameBytes(new ExpectedReplies([activity, Everything("plain"), Everything(string.Empty)]));
    }

    [Fact]
    public void The_bots_button_values_are_the_JSON_their_JObjects_were_wherever_they_are_written()
    {
        var answers = new[]
        {
            new AnswerRecord("0123456789ab", "faq", "card", "102/2016/QH13", 25, 1, "high"),
            new AnswerRecord("ba9876543210", "article", null, "56/2017/NĐ-CP", 26, null, "medium"),
            new AnswerRecord("000000000000", "lowconfidence", null, null, null, null, "low"),
        };
        var actions = new List<CardAction> { ReplyActions.FullText("Xem nguyên văn Điều 25", "102/2016/QH13", 25) };
        foreach (var answer in answers) ReplyActions.AddFeedback(actions, answer);

        // What the buttons carried before they were typed: a JObject with only the properties that have a value.
        var expected = new List<JObject> { new() { ["action"] = "fulltext", ["doc"] = "102/2016/QH13", ["article"] = 25 } };
        foreach (var answer in answers)
        foreach (var vote in new[] { 1, -1 })
        {
            var json = new JObject { ["action"] = "feedback", ["vote"] = vote, ["answerId"] = answer.Id };
            if (answer.CardId is not null) json["cardId"] = answer.CardId;
            if (answer.Doc is not null) json["doc"] = answer.Doc;
            if (answer.Article is { } article) json["article"] = article;
            if (answer.Clause is { } clause) json["clause"] = clause;
            expected.Add(json);
        }

        Assert.Equal(expected.Count, actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            var value = Assert.IsType<ButtonValue>(actions[i].Value);
            // Newtonsoft with default settings (Telegram's stored buttons, Direct Line) and with the SDK's.
            Assert.Equal(expected[i].ToString(Formatting.None), JsonConvert.SerializeObject(value));
            Assert.Equal(expected[i].ToString(Formatting.None), JsonConvert.SerializeObject(value, Formatting.None, HttpHelperSettings()));
        }
        var reply = MessageFactory.SuggestedActions(actions, "Trả lời", null, null, null);
        AssertSameBytes(new ExpectedReplies([(Activity)reply]));
        var old = MessageFactory.SuggestedActions(actions.Select((a, i) => new CardAction(a.Type, a.Title, text: a.Text, displayText: a.DisplayText, value: expected[i])).ToList(), "Trả lời", null, null, null);
        var written = new ArrayBufferWriter<byte>();
        ExpectedRepliesJsonWriter.Write(written, new ExpectedReplies([(Activity)reply]), ActivityHttpBody.CompactSerializer);
        Assert.Equal(Newtonsoft(new ExpectedReplies([(Activity)old])), written.WrittenSpan.ToArray());
    }

    [Fact]
    public void Long_texts_split_across_buffers_keep_their_pairs_escapes_and_replacement_characters()
    {
        var replies = Enumerable.Range(0, 30).Select(i =>
        {
            var text = new string('x', i * 37) + string.Concat(Enumerable.Repeat("ễ👍\"\n" + (i % 3 == 0 ? "\ud83d" : "") + "a\u2028", i * 11)) + Odd;
            var reply = MessageFactory.Text(text);
            reply.Properties[text[..Math.Min(text.Length, 40 + i)]] = text;
            return (Activity)reply;
        }).ToList();
        AssertSameBytes(new ExpectedReplies(replies));
    }

    [Fact]
    public void A_long_string_written_again_from_the_quoted_cache_and_an_equal_copy_give_the_same_bytes_as_Newtonsoft()
    {
        var text = "Theo Điều 26 Luật Trẻ em 2016, khoản 2: " + Odd + string.Concat(Enumerable.Repeat("ễ👍\"\n", 40));
        var copy = new string(text.AsSpan());
        Activity Reply(string t)
        {
            var reply = (Activity)MessageFactory.Text(t);
            reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, t, value: t)] };
            reply.Properties["extension"] = t;
            return reply;
        }

        // Quoted afresh, then (the same instance again) from the cache; an equal string that is another instance is a
        // miss by design, and gives the same bytes.
        AssertSameBytes(new ExpectedReplies([Reply(text)]));
        AssertSameBytes(new ExpectedReplies([Reply(text), Reply(text)]));
        AssertSameBytes(new ExpectedReplies([Reply(copy), Reply(text)]));
    }

    [Fact]
    public void The_quoted_cache_answers_only_for_the_very_string_instance_it_was_given()
    {
        var text = new string('x', QuotedStrings.MinLength) + Guid.NewGuid();
        var quoted = Encoding.UTF8.GetBytes("\"" + text + "\"");

        Assert.Same(quoted, QuotedStrings.Add(text, quoted));
        Assert.Same(quoted, QuotedStrings.Get(text));
        Assert.Null(QuotedStrings.Get(new string(text.AsSpan())));
    }

    [Fact]
    public void Empty_and_null_collections_values_and_activities_are_written_as_Newtonsoft_writes_them()
    {
        var empty = new Activity
        {
            Type = ActivityTypes.Message, Entities = [], Attachments = [], MembersAdded = [], ListenFor = [], TextHighlights = [],
            SuggestedActions = new SuggestedActions(), Properties = null!, ChannelData = new JObject(), Value = new JArray(),
            From = new ChannelAccount { Properties = null! }, Recipient = new ChannelAccount(),
            Conversation = new ConversationAccount { Properties = [] },
        };
        var nulls = new Activity
        {
            Type = ActivityTypes.Message, Entities = [null!, new Entity()], Attachments = [null!, new Attachment()],
            ListenFor = [null!, "x"], SuggestedActions = new SuggestedActions(new List<string> { null! }, new List<CardAction> { null!, new CardAction() }),
            MembersAdded = [null!], Value = JValue.CreateNull(), ChannelData = new JObject { ["a"] = null, ["b"] = new JArray(JValue.CreateNull(), JValue.CreateNull()) },
        };
        nulls.Properties["nothing"] = null;
        nulls.Properties["empty"] = string.Empty;
        AssertSameBytes(new ExpectedReplies());
        AssertSameBytes(new ExpectedReplies([]));
        AssertSameBytes(new ExpectedReplies([null!, new Activity(), empty, nulls, null!]));
    }

    [Fact]
    public void Values_it_does_not_know_are_written_by_Newtonsoft_inside_the_same_body()
    {
        var when = new DateTime(2026, 11, 30, 10, 11, 12, 345, DateTimeKind.Local);
        var odd = new JObject
        {
            ["date"] = new JValue(when), ["utc"] = new JValue(when.ToUniversalTime()), ["unspecified"] = new JValue(new DateTime(2026, 1, 2)),
            ["offset"] = new JValue(new DateTimeOffset(2026, 11, 30, 10, 11, 12, TimeSpan.FromHours(7))), ["span"] = new JValue(TimeSpan.FromMinutes(90)),
            ["guid"] = new JValue(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff")), ["uri"] = new JValue(new Uri("http://x/?a=1&b=\"")),
            ["decimal"] = new JValue(1.10m), ["float"] = new JValue(1.5f), ["nan"] = new JValue(double.NaN), ["inf"] = new JValue(double.NegativeInfinity),
            ["big"] = new JValue(BigInteger.Pow(10, 30)), ["raw"] = new JRaw("{\"raw\" : [1,2]}"), ["bytes"] = new JValue(new byte[] { 1, 2, 255 }),
            ["char"] = new JValue('x'), ["undefined"] = JValue.CreateUndefined(), ["comment"] = JValue.CreateComment("c"), ["int"] = new JValue((object)42),
            ["doubles"] = new JArray(0.0, -0.0, 1.0, 0.1, 1e20, 1e21, 1.5e-7, double.MaxValue, double.Epsilon, -123.456, 3.0),
            ["longs"] = new JArray(0L, -1L, long.MaxValue, long.MinValue), [Odd] = Odd,
            ["comments"] = new JArray(1, JValue.CreateComment("c"), 2, new JArray(JValue.CreateComment("only"))),
        };
        var poco = new { Name = Odd, When = when, Span = TimeSpan.FromSeconds(5), Kind = DateTimeKind.Utc, Amount = 2.50m, Nothing = (string?)null, Nested = odd };
        var activity = MessageFactory.Text(Odd);
        activity.Value = poco;
        activity.ChannelData = odd;
        activity.Properties["odd"] = odd;
        activity.Entities = [new Mention(new ChannelAccount("u", Odd), Odd, "mention"), new Entity("x") { Properties = odd }, new Place(name: Odd)];
        activity.SuggestedActions = new SuggestedActions(actions:
        [
            new CardAction("imBack", Odd, value: poco), new CardAction("postBack", value: 12.5m, channelData: new Dictionary<string, object?> { ["k"] = null, ["v"] = 1 }),
            new CardAction("imBack", value: true), new CardAction("imBack", value: 3L), new CardAction("imBack", value: 7), new CardAction("imBack", value: 2.5),
        ]);
        activity.Attachments =
        [
            new Attachment("application/json", content: odd), new Attachment("text/plain", content: Odd),
            new Attachment("application/x", content: poco), new Attachment("application/x", content: new Dictionary<string, object> { ["a"] = 1, ["b"] = new[] { "c" } }),
            new Attachment("application/octet-stream", content: new MemoryStream([1, 2, 3])),
            new ThumbnailCard(Odd, images: [new CardImage("http://x/i.png")], buttons: [new CardAction("openUrl", value: "http://x")]).ToAttachment(),
            new HeroCard(Odd, buttons: [new CardAction("imBack", value: poco)]).ToAttachment(),
            new HeroCard(Odd, buttons: [new CardAction("imBack", value: odd)], tap: new CardAction("imBack", value: "t")).ToAttachment(),
            new HeroCard(Odd, buttons: new Collection<CardAction> { new("imBack", value: "c") }).ToAttachment(),
        ];
        activity.SemanticAction = new SemanticAction("s", new Dictionary<string, Entity> { ["e"] = new Entity("t"), ["n"] = null! }) { State = "start" };
        activity.MembersAdded = new Collection<ChannelAccount> { new("a") };
        activity.ListenFor = new ReadOnlyCollection<string>(["a", Odd]);
        activity.From = new TeamsChannelAccountLike { Id = "from", Extra = Odd };

        AssertSameBytes(new ExpectedReplies([activity, new ActivityWithMore { Type = "message", More = Odd }]));
        AssertSameBytes(new ExpectedRepliesWithMore([activity]) { More = "more" });
    }

    [Fact]
    public void A_comment_token_is_written_where_and_as_Newtonsoft_writes_it_or_refused_as_it_refuses_it()
    {
        var last = MessageFactory.Text("x");
        last.Value = JValue.CreateComment("c ễ 👍");
        last.ChannelData = new JArray(JValue.CreateComment(null), 1, JValue.CreateComment("a"), JValue.CreateComment("b"), new JObject());
        AssertSameBytes(new ExpectedReplies([(Activity)last]));

        var followed = MessageFactory.Text("x");
        followed.Value = JValue.CreateComment("c");
        followed.Name = "then a property";
        Assert.Throws<JsonWriterException>(() => Newtonsoft(new ExpectedReplies([(Activity)followed])));
        Assert.Throws<JsonWriterException>(() => ExpectedRepliesJsonWriter.Write(new ArrayBufferWriter<byte>(),
            new ExpectedReplies([(Activity)followed]), ActivityHttpBody.CompactSerializer));
    }

    [Fact]
    public void Dates_keep_Newtonsofts_form_for_every_offset_and_fraction()
    {
        var dates = new[]
        {
            new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 10, 0, 0, 500, TimeSpan.FromHours(7)),
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromMinutes(-330)).AddTicks(1234567), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(14)).AddTicks(1000),
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(999, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(45)).AddTicks(10),
        };
        AssertSameBytes(new ExpectedReplies(dates.Select(d => new Activity("message", timestamp: d, expiration: d,
            localTimestamp: d == DateTimeOffset.MinValue || d == DateTimeOffset.MaxValue ? d : d.ToOffset(TimeSpan.FromHours(-9.5)))).ToList()));
    }

    [Fact]
    public void The_writer_fills_a_buffer_that_gives_only_what_it_asks_for_as_it_fills_a_large_one()
    {
        var replies = new ExpectedReplies([Everything(Odd), Everything(new string('ễ', 3000) + Odd + new string('a', 1000))]);
        var large = new ArrayBufferWriter<byte>();
        ExpectedRepliesJsonWriter.Write(large, replies, ActivityHttpBody.CompactSerializer);
        var tight = new TightBufferWriter();
        ExpectedRepliesJsonWriter.Write(tight, replies, ActivityHttpBody.CompactSerializer);
        Assert.Equal(Newtonsoft(replies), tight.Written.WrittenSpan.ToArray());
        Assert.Equal(large.WrittenSpan.ToArray(), tight.Written.WrittenSpan.ToArray());
        Assert.True(tight.Requests > 100, $"{tight.Requests} requests");
    }

    private static Activity Everything(string text)
    {
        var time = new DateTimeOffset(2026, 11, 30, 10, 11, 12, 345, TimeSpan.FromHours(7)).AddTicks(6789);
        var from = new ChannelAccount("u-1" + text, "Người dùng " + text, RoleTypes.User, "aad-" + text);
        from.Properties["extra"] = new JObject { ["nested"] = new JArray(1, "two", true, JValue.CreateNull(), 2.5) };
        var conversation = new ConversationAccount(false, "personal", "c-1" + text, "Cuộc trò chuyện", "aad", RoleTypes.Bot, "tenant");
        conversation.Properties[text] = text;
        var action = new CardAction(ActionTypes.MessageBack, "👍 " + text, "http://x/i.png", text, "hiển thị " + text,
            new JObject { ["action"] = "feedback", ["vote"] = -1, [text] = text }, new JObject { ["c"] = text }) { ImageAltText = "alt " + text };
        var hero = new HeroCard(text, "phụ " + text, "nội dung " + text, [new CardImage("http://x/i.png", "alt " + text, action)],
            [action, new CardAction(ActionTypes.Call, "Gọi 111", value: "tel:111")], action);
        var attachment = hero.ToAttachment();
        attachment.ContentUrl = "http://x/c";
        attachment.Name = "thẻ " + text;
        attachment.ThumbnailUrl = "http://x/t";
        attachment.Properties["extra"] = text;
        var entity = new Entity("actionmonth/citation");
        entity.Properties["doc"] = "102/2016/QH13";
        entity.Properties["article"] = 25;
        entity.Properties["clause"] = JValue.CreateNull();
        entity.Properties[text] = text;
        var activity = new Activity
        {
            Type = ActivityTypes.Message, Id = "id-" + text, Timestamp = time, LocalTimestamp = time.ToOffset(TimeSpan.FromHours(-5)),
            LocalTimezone = "Asia/Ho_Chi_Minh", ServiceUrl = "http://localhost:9/x", ChannelId = "webchat", From = from,
            Conversation = conversation, Recipient = new ChannelAccount("bot", "ActionMonth.Bot", RoleTypes.Bot), TextFormat = TextFormatTypes.Markdown,
            AttachmentLayout = AttachmentLayoutTypes.Carousel, MembersAdded = [from, new ChannelAccount("bot")], MembersRemoved = [new ChannelAccount("gone")],
            ReactionsAdded = [new MessageReaction("like")], ReactionsRemoved = [new MessageReaction("plusOne")], TopicName = "chủ đề " + text,
            HistoryDisclosed = true, Locale = "vi-VN", Text = text, Speak = "<speak>" + text + "</speak>", InputHint = InputHints.AcceptingInput,
            Summary = "tóm tắt " + text, SuggestedActions = new SuggestedActions(new List<string> { "u-1", text }, new List<CardAction> { action, ReplyAction(text) }), Attachments = [attachment],
            Entities = [entity, new Entity("clientInfo")], ChannelData = new JObject { ["telegram"] = new JObject { ["parse_mode"] = "Markdown", ["n"] = 1.25 } },
            Action = "add", ReplyToId = "r-" + text, Label = "nhãn " + text, ValueType = "vt", Value = new JObject { ["v"] = text, ["list"] = new JArray(1, 2) },
            Name = "tên " + text, RelatesTo = new ConversationReference("a-1", from, new ChannelAccount("bot"), conversation, "webchat", "http://x") { Locale = "vi-VN" },
            Code = EndOfConversationCodes.CompletedSuccessfully, Expiration = time.AddDays(1), Importance = ActivityImportance.High,
            DeliveryMode = DeliveryModes.ExpectReplies, ListenFor = ["một", text], TextHighlights = [new TextHighlight(text, 2), new TextHighlight("x")],
            SemanticAction = new SemanticAction("sa", new Dictionary<string, Entity> { ["e"] = entity }) { State = "continue" }, CallerId = "urn:botframework:azure",
        };
        activity.Properties["extension"] = text;
        activity.Properties["type"] = "duplicate of a declared name";
        return activity;
    }

    private static CardAction ReplyAction(string text) => new(ActionTypes.ImBack, text, value: text);

    private static void AssertEveryPropertySet(object value)
    {
        var unset = value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonPropertyAttribute>() is not null || p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            .Where(p => p.GetValue(value) is null or JObject { Count: 0 })
            .Select(p => p.Name).ToList();
        Assert.True(unset.Count == 0, $"{value.GetType().Name}: not set: {string.Join(", ", unset)}");
    }

    private static void AssertSameBytes(ExpectedReplies replies)
    {
        var expected = Newtonsoft(replies);
        var buffer = new ArrayBufferWriter<byte>();
        ExpectedRepliesJsonWriter.Write(buffer, replies, ActivityHttpBody.CompactSerializer);
        var actual = buffer.WrittenSpan.ToArray();
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            Assert.Fail($"differs at byte {at}:\nexpected …{Around(expected, at)}\nactual   …{Around(actual, at)}");
        }
        // And the JSON value the SDK itself writes (indented).
        // (through UTF-8, where a lone surrogate becomes U+FFFD for both).
        var sdk = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(replies, HttpHelperSettings())));
        Assert.True(JToken.DeepEquals(JToken.Parse(sdk), JToken.Parse(Encoding.UTF8.GetString(actual))));
    }

    private static JsonSerializerSettings HttpHelperSettings() => Microsoft.Bot.Builder.Integration.AspNet.Core.HttpHelper.BotMessageSerializerSettings;

    private static string Around(byte[] bytes, int at) => Encoding.UTF8.GetString(bytes, Math.Max(0, at - 60), Math.Min(bytes.Length, at + 60) - Math.Max(0, at - 60));

    private static byte[] Newtonsoft(object body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ActivityHttpBody.WriteWithNewtonsoft(buffer, body);
        var bytes = buffer.WrittenSpan.ToArray();
        // The path it replaces, as the SDK's serializer writes a string (unindented) and UTF-8 encodes it.
        Assert.Equal(new UTF8Encoding(false).GetBytes(JsonConvert.SerializeObject(body, Formatting.None, HttpHelperSettings())), bytes);
        return bytes;
    }

    /// <summary>A buffer that gives exactly the size asked for (at least one byte), so every boundary is crossed.</summary>
    private sealed class TightBufferWriter : IBufferWriter<byte>
    {
        private byte[] _current = [];
        public ArrayBufferWriter<byte> Written { get; } = new();
        public int Requests { get; private set; }

        public void Advance(int count)
        {
            Written.Write(_current.AsSpan(0, count));
            _current = [];
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Requests++;
            _current = new byte[Math.Max(sizeHint, 1)];
            return _current;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }

    private sealed class ActivityWithMore : Activity
    {
        [JsonProperty("more")]
        public string? More { get; set; }
    }

    private sealed class ExpectedRepliesWithMore(IList<Activity> activities) : ExpectedReplies(activities)
    {
        [JsonProperty("more")]
        public string? More { get; set; }
    }

    private sealed class TeamsChannelAccountLike : ChannelAccount
    {
        [JsonProperty("extra")]
        public string? Extra { get; set; }
    }
}
