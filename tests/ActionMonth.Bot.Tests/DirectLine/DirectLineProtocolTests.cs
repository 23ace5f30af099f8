using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.DirectLine;

/// <summary>The self-hosted Direct Line over HTTP, against the real host and bot (notes-protocols §1, issue 6).</summary>
public sealed class DirectLineProtocolTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private DirectLineTestClient _client = null!;

    public Task InitializeAsync()
    {
        _host = BotTestHost.Start(settings: new Dictionary<string, string?>
        {
            // Small pages, so paging is exercised; a generous rate limit, so concurrent posts all get turns.
            ["DirectLine:PageSize"] = "4",
            ["Bot:RateLimit:Burst"] = "200",
            ["Bot:RateLimit:PerMinute"] = "600",
        });
        _client = new DirectLineTestClient(_host.Client);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.Folder.Dispose();
    }

    [Fact]
    public async Task Starting_a_conversation_returns_201_with_the_welcome_already_in_the_stream_and_starting_again_returns_200()
    {
        var (conversationId, token) = await _client.GenerateAsync();
        var started = await _client.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/conversations", token, "{}");
        Assert.Equal(conversationId, (string)started["conversationId"]!);
        Assert.True((int)started["expires_in"]! > 60);

        var session = new DirectLineSession(_client, conversationId, token);
        var (activities, watermark) = await session.GetAsync();
        var welcome = Assert.Single(activities);
        Assert.Equal("message", (string)welcome!["type"]!);
        Assert.Equal("bot", (string)welcome["from"]!["role"]!);
        Assert.StartsWith("Xin chào! Mình là trợ lý", (string)welcome["text"]!);
        Assert.Equal(["Tôi là phụ huynh", "Tôi là giáo viên", "Tôi là trẻ em", "English"],
            welcome["suggestedActions"]!["actions"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.Equal(DirectLineIds.ActivityId(conversationId, 1), (string)welcome["id"]!);
        Assert.Equal("1", watermark);
        // The internal serviceUrl (and its signature) never reaches the client.
        Assert.Null(welcome["serviceUrl"]);

        await _client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/conversations", token, "{}");
        Assert.Single(await session.AllAsync());
    }

    [Fact]
    public async Task A_posted_message_is_echoed_with_its_clientActivityID_and_the_token_user_then_answered_before_the_post_returns()
    {
        var session = await _client.StartAsync();
        var message = DirectLineTestClient.Message("Tôi là phụ huynh", clientActivityId: "client-1");
        message["id"] = "spoofed-id";
        message["serviceUrl"] = "https://attacker.example/";
        var id = await session.PostAsync(message);

        // The POST returned after the bot answered: echo and reply are both there now, without waiting.
        var all = await session.AllAsync();
        Assert.Equal(3, all.Count);
        var echo = all[1];
        Assert.Equal(id, (string)echo["id"]!);
        Assert.Equal(DirectLineIds.ActivityId(session.ConversationId, 2), id);
        Assert.Equal("client-1", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal("user", (string)echo["from"]!["role"]!);
        Assert.StartsWith("dl_", (string)echo["from"]!["id"]!);
        Assert.Equal("directline", (string)echo["channelId"]!);
        Assert.Equal(session.ConversationId, (string)echo["conversation"]!["id"]!);
        Assert.Null(echo["serviceUrl"]);
        Assert.Equal("Tôi là phụ huynh", (string)echo["text"]!);

        var reply = all[2];
        Assert.Equal("bot", (string)reply["from"]!["role"]!);
        Assert.Equal(id, (string)reply["replyToId"]!);
        Assert.Contains("dành cho cha mẹ", (string)reply["text"]!);
        // The same user across the conversation: the welcome went to the user in the token.
        Assert.Equal((string)echo["from"]!["id"]!, (string)reply["recipient"]!["id"]!);
    }

    [Fact]
    public async Task The_same_clientActivityID_posted_twice_is_stored_and_answered_once()
    {
        var session = await _client.StartAsync();
        var message = DirectLineTestClient.Message("Tôi là giáo viên", clientActivityId: "retry-1");
        var first = await session.PostAsync(message);
        var second = await session.PostAsync(message);

        Assert.Equal(first, second);
        var all = await session.AllAsync();
        Assert.Single(all, a => (string?)a["channelData"]?["clientActivityID"] == "retry-1");
        Assert.Single(all, a => (string?)a["replyToId"] == first);
    }

    [Fact]
    public async Task Missing_malformed_tampered_and_expired_tokens_get_403_with_Direct_Line_error_bodies()
    {
        var session = await _client.StartAsync();
        var path = $"/conversations/{session.ConversationId}/activities";

        var (missing, missingBody) = await _client.SendAsync(HttpMethod.Get, path, token: null, body: null);
        Assert.Equal(HttpStatusCode.Forbidden, missing);
        Assert.Equal("TokenInvalid", (string)missingBody!["error"]!["code"]!);

        foreach (var wrong in new[] { "not-a-token", session.Token[..^3] + "AAA", Tamper(session.Token), session.Token.Split('.')[0] + ".e30." })
        {
            var (status, body) = await _client.SendAsync(HttpMethod.Get, path, wrong, body: null);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("TokenInvalid", (string)body!["error"]!["code"]!);
            Assert.False(string.IsNullOrEmpty((string?)body["error"]!["message"]));
            Assert.Equal(HttpStatusCode.Forbidden,
                (await _client.SendAsync(HttpMethod.Post, path, wrong, DirectLineTestClient.Message("x").ToJsonString())).Status);
        }

        var tokens = _host.Services.GetRequiredService<DirectLineTokens>();
        var user = (string)(await session.AllAsync())[0]["recipient"]!["id"]!;
        var expired = await tokens.IssueAsync(session.ConversationId, user, DateTimeOffset.UtcNow.AddHours(-2), CancellationToken.None);
        foreach (var (method, route, body) in new[]
                 {
                     (HttpMethod.Get, path, (string?)null),
                     (HttpMethod.Post, path, DirectLineTestClient.Message("x").ToJsonString()),
                     (HttpMethod.Post, "/tokens/refresh", null),
                     (HttpMethod.Post, "/conversations", "{}"),
                     (HttpMethod.Get, $"/conversations/{session.ConversationId}", null),
                 })
        {
            var (status, error) = await _client.SendAsync(method, route, expired, body);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {route} with an expired token: {(int)status}");
            Assert.Equal("TokenExpired", (string)error!["error"]!["code"]!);
        }

        // Nothing of the rejected posts reached the stream: the welcome only.
        Assert.Single(await session.AllAsync());
    }

    [Fact]
    public async Task A_token_for_another_conversation_gets_403_on_every_route_of_this_one()
    {
        var victim = await _client.StartAsync();
        await victim.SayAsync("Tôi là trẻ em");
        var other = await _client.StartAsync();

        foreach (var (method, route, body) in new[]
                 {
                     (HttpMethod.Get, $"/conversations/{victim.ConversationId}/activities", (string?)null),
                     (HttpMethod.Post, $"/conversations/{victim.ConversationId}/activities", DirectLineTestClient.Message("xin chào").ToJsonString()),
                     (HttpMethod.Get, $"/conversations/{victim.ConversationId}", null),
                 })
        {
            var (status, error) = await _client.SendAsync(method, route, other.Token, body);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {route}: {(int)status}");
            Assert.Equal("TokenInvalid", (string)error!["error"]!["code"]!);
        }
        Assert.Equal(3, (await victim.AllAsync()).Count);
    }

    [Fact]
    public async Task An_activity_over_the_size_limit_gets_413_and_is_not_stored()
    {
        var session = await _client.StartAsync();
        var huge = DirectLineTestClient.Message(new string('a', 40 * 1024)).ToJsonString();
        var (status, error) = await _client.SendAsync(HttpMethod.Post, $"/conversations/{session.ConversationId}/activities", session.Token, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("MessageSizeTooBig", (string)error!["error"]!["code"]!);
        Assert.Single(await session.AllAsync());
    }

    [Fact]
    public async Task Activities_other_than_messages_and_events_and_bodies_that_are_not_one_activity_get_400()
    {
        var session = await _client.StartAsync();
        var path = $"/conversations/{session.ConversationId}/activities";
        foreach (var body in new[] { "not json", "[]", """{"type":"conversationUpdate"}""", """{"type":"message","text":{"a":1}}""", """{"text":"no type"}""" })
        {
            var (status, error) = await _client.SendAsync(HttpMethod.Post, path, session.Token, body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{body}: {(int)status}");
            Assert.Equal("BadArgument", (string)error!["error"]!["code"]!);
        }
        Assert.Single(await session.AllAsync());
    }

    [Fact]
    public async Task Watermark_paging_returns_every_activity_exactly_once_and_in_order_while_four_clients_post_at_once()
    {
        var session = await _client.StartAsync();
        var posted = new ConcurrentBag<string>();
        var seen = new List<JsonNode>();
        using var writersDone = new CancellationTokenSource();

        // A reader polls all along, as Web Chat does, advancing its watermark page by page.
        var reader = Task.Run(async () =>
        {
            string? watermark = null;
            while (true)
            {
                var finished = writersDone.IsCancellationRequested;
                var (page, next) = await session.GetAsync(watermark);
                seen.AddRange(page.Select(a => a!.DeepClone()));
                watermark = next;
                if (page.Count == 0 && finished) return;
                if (page.Count == 0) await Task.Delay(5);
            }
        });

        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 8; i++)
            {
                var kind = (writer + i) % 2 == 0 ? "cảm ơn" : "xin chào";
                posted.Add(await session.PostAsync(DirectLineTestClient.Message(kind, clientActivityId: $"w{writer}-{i}")));
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        await reader;

        var ids = seen.Select(a => (string)a["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var sequences = ids.Select(id => long.Parse(id[(id.LastIndexOf('|') + 1)..])).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        Assert.Subset(ids.ToHashSet(), posted.ToHashSet());
        Assert.Equal(32, seen.Count(a => (string?)a["from"]?["role"] == "user"));
        // Every post was answered (the bot's reply points at it), and the stream as read equals the stream as stored.
        Assert.All(posted, id => Assert.Contains(seen, a => (string?)a["replyToId"] == id));
        Assert.Equal(ids, (await session.AllAsync()).Select(a => (string)a["id"]!));
    }

    [Fact]
    public async Task Refresh_gives_a_new_token_for_the_same_conversation_and_reconnect_resumes_it()
    {
        var session = await _client.StartAsync();
        await session.SayAsync("Tôi là trẻ em");

        var refreshed = await _client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/tokens/refresh", session.Token, body: null);
        Assert.Equal(session.ConversationId, (string)refreshed["conversationId"]!);
        var newToken = (string)refreshed["token"]!;
        Assert.NotEqual(session.Token, newToken);
        Assert.True((int)refreshed["expires_in"]! > 60);

        // A reload: Web Chat reconnects with the refreshed token and the conversation id, and sees the history.
        session.Token = newToken;
        var reconnected = await _client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get,
            $"/conversations/{session.ConversationId}?watermark=", newToken, body: null);
        Assert.Equal(session.ConversationId, (string)reconnected["conversationId"]!);
        var history = await session.AllAsync();
        Assert.Equal(3, history.Count);
        Assert.Single(history, a => (string?)a["text"] == "Tôi là trẻ em");

        // No second welcome on reconnect, and the conversation goes on.
        await session.SayAsync("cảm ơn");
        Assert.Equal(5, (await session.AllAsync()).Count);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_database_accepts_the_token_and_continues_the_conversation()
    {
        var session = await _client.StartAsync();
        await session.SayAsync("Tôi là trẻ em");

        await using var second = BotTestHost.Start(_host.Folder);
        var otherClient = new DirectLineTestClient(second.Client);
        var onSecond = new DirectLineSession(otherClient, session.ConversationId, session.Token);
        await onSecond.SayAsync("cảm ơn");

        var seenFromFirst = await session.AllAsync();
        Assert.Equal(5, seenFromFirst.Count);
        Assert.Equal(seenFromFirst.Select(a => (string)a["id"]!), (await onSecond.AllAsync()).Select(a => (string)a["id"]!));
    }

    [Fact]
    public async Task A_proactive_message_sent_later_through_the_adapter_reaches_the_stream_and_typing_and_trace_do_not()
    {
        var session = await _client.StartAsync();
        var adapter = _host.Services.GetRequiredService<ErrorHandlingAdapter>();
        var references = new ConcurrentQueue<ConversationReference>();
        adapter.Use(new ReferenceCapture(references));
        await session.SayAsync("Tôi là trẻ em");
        var reference = references.Last(r => r.Conversation.Id == session.ConversationId);

        // What an operator's message does: continue the conversation from its stored reference, outside any turn,
        // with the bot's app id (empty locally), as the escalation flow does.
        await adapter.ContinueConversationAsync(string.Empty, reference, async (turn, cancellationToken) =>
        {
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Typing }, cancellationToken);
            await turn.SendActivityAsync(new Activity { Type = ActivityTypes.Trace, Name = "debug" }, cancellationToken);
            await turn.SendActivityAsync(MessageFactory.Text("Chào em, chị là tư vấn viên. Chị đang ở đây với em."), cancellationToken);
        }, CancellationToken.None);

        var all = await session.AllAsync();
        var last = all[^1];
        Assert.Equal("Chào em, chị là tư vấn viên. Chị đang ở đây với em.", (string)last["text"]!);
        Assert.Equal("bot", (string)last["from"]!["role"]!);
        Assert.DoesNotContain(all, a => (string?)a["type"] is "typing" or "trace" or "conversationUpdate");
    }

    [Fact]
    public async Task A_proactive_message_to_a_conversation_that_no_longer_exists_fails_where_the_sender_can_see_it()
    {
        var adapter = _host.Services.GetRequiredService<ErrorHandlingAdapter>();
        var urls = _host.Services.GetRequiredService<DirectLineServiceUrls>();
        const string gone = "purged-conversation";
        var reference = new ConversationReference
        {
            ChannelId = "directline",
            ServiceUrl = await urls.ForAsync(gone, CancellationToken.None),
            Conversation = new ConversationAccount(id: gone),
            Bot = new ChannelAccount("actionmonth-bot"),
            User = new ChannelAccount("dl_user"),
        };

        Exception? failure = null;
        await adapter.ContinueConversationAsync(string.Empty, reference, async (turn, cancellationToken) =>
        {
            // The adapter's turn-error handler would swallow it: a sender that must know catches it in the callback.
            failure = await Record.ExceptionAsync(() => turn.SendActivityAsync(MessageFactory.Text("Chào em"), cancellationToken));
        }, CancellationToken.None);

        var error = Assert.IsType<Microsoft.Bot.Schema.ErrorResponseException>(failure);
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task The_connector_cannot_be_reached_from_outside_to_inject_bot_messages()
    {
        var victim = await _client.StartAsync();
        var before = await victim.AllAsync();

        // 1. There is no public connector route.
        foreach (var path in new[] { $"/v3/conversations/{victim.ConversationId}/activities", $"/c/x/v3/conversations/{victim.ConversationId}/activities" })
        {
            using var content = new StringContent("""{"type":"message","text":"Hãy gửi mật khẩu của em"}""", Encoding.UTF8, "application/json");
            using var response = await _host.Client.PostAsync(path, content);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // 2. An activity forged onto /api/messages (open without a MicrosoftAppId) naming our internal serviceUrl:
        //    the bot's replies cannot land without a signature made for that very conversation, not even one that
        //    was valid for another conversation.
        var attacker = await _client.StartAsync();
        var urls = _host.Services.GetRequiredService<DirectLineServiceUrls>();
        var attackersOwnUrl = await urls.ForAsync(attacker.ConversationId, CancellationToken.None);
        foreach (var serviceUrl in new[] { $"https://{DirectLineServiceUrls.Host}/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/", attackersOwnUrl })
        {
            var forged = new JsonObject
            {
                ["type"] = "message",
                ["id"] = Guid.NewGuid().ToString("N"),
                ["channelId"] = "directline",
                ["serviceUrl"] = serviceUrl,
                ["from"] = new JsonObject { ["id"] = "attacker" },
                ["recipient"] = new JsonObject { ["id"] = "actionmonth-bot" },
                ["conversation"] = new JsonObject { ["id"] = victim.ConversationId },
                ["text"] = "xin chào",
            };
            using var content = new StringContent(forged.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await _host.Client.PostAsync("/api/messages", content);
        }

        Assert.Equal(before.Select(a => (string)a["id"]!), (await victim.AllAsync()).Select(a => (string)a["id"]!));
        Assert.Contains(_host.Logs.Lines, l => l.Contains("the serviceUrl is not signed for it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_urgent_help_button_gets_the_safety_reply_with_call_buttons_for_111_113_and_115()
    {
        var session = await _client.StartAsync();
        var id = await session.PostAsync(DirectLineTestClient.Message("Tôi cần giúp đỡ ngay",
            value: new JsonObject { ["action"] = "urgent-help" }));

        var reply = Assert.Single(await session.AllAsync(), a => (string?)a["replyToId"] == id);
        Assert.Contains("111", (string)reply["text"]!);
        var card = Assert.Single(reply["attachments"]!.AsArray());
        Assert.Equal("application/vnd.microsoft.card.hero", (string)card!["contentType"]!);
        var buttons = card["content"]!["buttons"]!.AsArray();
        Assert.Equal(["tel:111", "tel:113", "tel:115"], buttons.Select(b => (string)b!["value"]!));
        Assert.All(buttons, b => Assert.Equal("call", (string)b!["type"]!));
        Assert.Single(_host.Logs.Lines, l => l.Contains("Urgent help requested with the button", StringComparison.Ordinal));

        // The same words typed, without the button's value, are the disclosure detector's to judge: not the button's rule.
        await session.SayAsync("Tôi cần giúp đỡ ngay");
        Assert.Single(_host.Logs.Lines, l => l.Contains("Urgent help requested with the button", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_logs_of_a_web_chat_conversation_hold_ids_and_timings_but_no_message_text_and_no_token()
    {
        var session = await _client.StartAsync();
        const string disclosure = "chú hàng xóm sờ vào người em, em tên Lan ở xóm Đông";
        await session.SayAsync(disclosure);
        await session.SayAsync("nha nuoc co dong bao hiem y te cho tre em khong");

        var lines = _host.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("Turn for activity", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("xóm Đông", StringComparison.Ordinal) || l.Contains("bao hiem", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(session.Token.Split('.')[2], StringComparison.Ordinal));
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))));
        var altered = payload.Replace("\"exp\":", "\"exp\":9", StringComparison.Ordinal);
        return parts[0] + "." + Convert.ToBase64String(Encoding.UTF8.GetBytes(altered)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + parts[2];
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');

    private sealed class ReferenceCapture(ConcurrentQueue<ConversationReference> references) : IMiddleware
    {
        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            references.Enqueue(turnContext.Activity.GetConversationReference());
            await next(cancellationToken);
        }
    }
}
