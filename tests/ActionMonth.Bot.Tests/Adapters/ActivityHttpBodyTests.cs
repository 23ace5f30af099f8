using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Bot.Tests.Adapters;

/// <summary>The adapter reads and writes /api/messages bodies itself (ActivityHttpBody) instead of through the SDK's
/// HttpHelper: the activity read must be the SDK's, and the JSON written the SDK's JSON (without its indentation).</summary>
public sealed class ActivityHttpBodyTests
{
    private const string Body = """
        {"type":"message","id":"a-1","timestamp":"2026-11-30T03:00:00.000Z","channelId":"webchat","serviceUrl":"http://localhost:9/x",
         "from":{"id":"u-1","name":"User"},"recipient":{"id":"bot"},"conversation":{"id":"c-1"},"deliveryMode":"expectReplies",
         "locale":"vi-VN","text":"trẻ em có những quyền gì? \"trích\" \\ \u0001","channelData":{"nested":{"depth":[1,2,{"x":null}]}},
         "entities":[{"type":"clientInfo","locale":"vi-VN"}],"value":{"n":1.5}}
        """;

    [Fact]
    public async Task The_activity_read_is_the_one_the_SDK_reads_and_bad_JSON_is_null_for_both()
    {
        var ours = await ActivityHttpBody.ReadAsync(Request(Body), CancellationToken.None);
        var sdk = await HttpHelper.ReadRequestAsync<Activity>(Request(Body));
        Assert.Equal(JsonConvert.SerializeObject(sdk, HttpHelper.BotMessageSerializerSettings),
            JsonConvert.SerializeObject(ours, HttpHelper.BotMessageSerializerSettings));
        Assert.Equal("trẻ em có những quyền gì? \"trích\" \\ \u0001", ours!.Text);

        // Not in a MemoryStream (no filter before it): read from the request stream as it comes.
        var streamed = new DefaultHttpContext().Request;
        streamed.Body = new NonSeekableStream(Encoding.UTF8.GetBytes(Body));
        Assert.Equal("a-1", (await ActivityHttpBody.ReadAsync(streamed, CancellationToken.None))!.Id);

        Assert.Null(await ActivityHttpBody.ReadAsync(Request("{\"type\": \"message\", "), CancellationToken.None));
        Assert.Null(await HttpHelper.ReadRequestAsync<Activity>(Request("{\"type\": \"message\", ")));
    }

    /// <summary>A body the request filter holds in memory is decoded whole; what comes of it must be what the SDK's
    /// StreamReader makes of the same bytes: byte order marks, invalid UTF-8, a body inside a larger buffer, long text.</summary>
    [Fact]
    public async Task A_body_held_in_memory_reads_as_the_SDK_reads_it_whatever_its_bytes()
    {
        var utf8 = Encoding.UTF8.GetBytes(Body);
        var longText = Encoding.UTF8.GetBytes(Body.Replace("trẻ em có những quyền gì?", string.Concat(Enumerable.Repeat("quyền trẻ em 👍 ", 2000))));
        var marked = Body.Replace("trích", "INVALID");
        var invalid = Encoding.UTF8.GetBytes(marked).ToList();
        var at = Encoding.UTF8.GetByteCount(marked[..marked.IndexOf("INVALID", StringComparison.Ordinal)]);
        invalid.RemoveRange(at, "INVALID".Length);
        invalid.InsertRange(at, new byte[] { 0xC3, 0x28, 0xE1, 0xBB, 0xFF, 0xF0, 0x9F, 0x91, 0xED, 0xA0, 0x80 });
        var bodies = new[]
        {
            utf8, [0xEF, 0xBB, 0xBF, .. utf8], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. utf8], longText, invalid.ToArray(),
            new UnicodeEncoding(bigEndian: false, byteOrderMark: true).GetPreamble().Concat(Encoding.Unicode.GetBytes(Body)).ToArray(),
            new UnicodeEncoding(bigEndian: true, byteOrderMark: true).GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(Body)).ToArray(),
            new UTF32Encoding(bigEndian: false, byteOrderMark: true).GetPreamble().Concat(Encoding.UTF32.GetBytes(Body)).ToArray(),
            [], "  "u8.ToArray(), "{}"u8.ToArray(), "{\"type\": \"message\", "u8.ToArray(), "[1]"u8.ToArray(),
        };
        foreach (var bytes in bodies)
        {
            // As ActivityRequestFilter holds it: a publicly visible stream over part of a larger array.
            var padded = new byte[bytes.Length + 10];
            bytes.CopyTo(padded, 3);
            var held = new DefaultHttpContext().Request;
            held.Body = new MemoryStream(padded, 3, bytes.Length, writable: false, publiclyVisible: true);
            var sdkRequest = new DefaultHttpContext().Request;
            sdkRequest.Body = new MemoryStream(bytes);

            var ours = await ActivityHttpBody.ReadAsync(held, CancellationToken.None);
            var sdk = await HttpHelper.ReadRequestAsync<Activity>(sdkRequest);
            Assert.Equal(sdk is null, ours is null);
            Assert.Equal(JsonConvert.SerializeObject(sdk, HttpHelper.BotMessageSerializerSettings),
                JsonConvert.SerializeObject(ours, HttpHelper.BotMessageSerializerSettings));
        }
        var replaced = await ActivityHttpBody.ReadAsync(Request(Encoding.UTF8.GetString(invalid.ToArray())), CancellationToken.None);
        Assert.True(replaced is not null, Encoding.UTF8.GetString(invalid.ToArray()));
        Assert.Contains("\ufffd", replaced.Text);
    }

    /// <summary>The SDK writes the reply JSON indented; we write the same JSON without the indentation (a question's
    /// reply is ~4.1 KB indented, ~2.9 KB without: less to encode, send and parse on every turn). Same serializer settings
    /// otherwise, so the same JSON value, byte for byte what the SDK's serializer writes unindented.</summary>
    [Fact]
    public async Task The_response_is_the_JSON_the_SDK_writes_without_indentation()
    {
        var replies = Enumerable.Range(0, 40).Select(i =>
        {
            // Emoji (surrogate pairs) and a lone surrogate at shifting offsets, so some fall across buffer boundaries.
            var reply = MessageFactory.Text($"Trả lời số {i}: gọi 111 (miễn phí, 24/7) \"ngay\" \\ {new string('x', i * 50)} 👍"
                                            + new string('ễ', i * 7) + "👎" + (i % 5 == 0 ? "\ud83d" : string.Empty) + new string('y', i));
            reply.Locale = "vi-VN";
            reply.Conversation = new ConversationAccount(id: "c-1");
            return reply;
        }).ToList();
        // An answer as the bot composes it: citation entities, buttons with JSON values.
        var answer = MessageFactory.Text("Trẻ em có quyền được bảo vệ.\n\nTheo Điều 25 Luật Trẻ em 2016.");
        answer.Entities = [CitationFormatter.ToEntity(new Citation("102/2016/QH13", 25, 1)), CitationFormatter.ToEntity(new Citation("102/2016/QH13", 26))];
        var actions = new List<CardAction> { ReplyActions.Say("Trẻ em có những quyền gì?"), ReplyActions.FullText("Xem nguyên văn Điều 25", "102/2016/QH13", 25) };
        ReplyActions.AddFeedback(actions, new AnswerRecord("0123456789ab", "faq", "card", "102/2016/QH13", 25, 1, "high"));
        answer.SuggestedActions = new SuggestedActions { Actions = actions };
        replies.Add(answer);
        foreach (var response in new[]
                 {
                     new InvokeResponse { Status = 200, Body = new ExpectedReplies(replies.Cast<Activity>().ToList()) },
                     new InvokeResponse { Status = 200, Body = new JObject { ["ok"] = true, ["text"] = "ễ", ["list"] = new JArray(1, 2) } },
                     new InvokeResponse { Status = 501 },
                     null,
                 })
        {
            var ours = new DefaultHttpContext();
            ours.Response.Body = new MemoryStream();
            await ActivityHttpBody.WriteAsync(ours.Response, response, CancellationToken.None);
            var sdk = new DefaultHttpContext();
            sdk.Response.Body = new MemoryStream();
            await HttpHelper.WriteResponseAsync(sdk.Response, response);

            Assert.Equal(sdk.Response.StatusCode, ours.Response.StatusCode);
            Assert.Equal(sdk.Response.ContentType, ours.Response.ContentType);
            var sdkBytes = ((MemoryStream)sdk.Response.Body).ToArray();
            var ourBytes = ((MemoryStream)ours.Response.Body).ToArray();
            if (response?.Body is null)
            {
                Assert.Equal(sdkBytes, ourBytes);
                continue;
            }
            var unindented = JsonConvert.SerializeObject(response.Body, Formatting.None, HttpHelper.BotMessageSerializerSettings);
            Assert.Equal(new UTF8Encoding(false).GetBytes(unindented), ourBytes);
            Assert.True(JToken.DeepEquals(JToken.Parse(Encoding.UTF8.GetString(sdkBytes)), JToken.Parse(Encoding.UTF8.GetString(ourBytes))));
            Assert.True(ourBytes.Length < sdkBytes.Length);
        }
    }

    [Fact]
    public async Task A_chunked_body_without_a_content_length_gets_its_replies()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var user = host.Conversation();
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(user.Message("cảm ơn").ToString())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Assert.Null(content.Headers.ContentLength);

        using var response = await host.Client.PostAsync("/api/messages", content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonConvert.DeserializeObject<ExpectedReplies>(body)!;
        Assert.Contains(replies.Activities, a => a.Type == ActivityTypes.Message && a.Conversation.Id == user.ConversationId);
    }

    private static HttpRequest Request(string body)
    {
        var request = new DefaultHttpContext().Request;
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return request;
    }

    /// <summary>A body whose length is unknown up front (sent chunked).</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
