using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActionMonth.Bot.Tests.Telegram.Fakes;

/// <summary>
/// A fake Telegram Bot API on loopback (Kestrel), enough for Telegram.Bot 22.10.3.3 and this bot: getMe,
/// deleteWebhook, setWebhook, setMyCommands, getUpdates with long-poll semantics (an offset confirms every earlier
/// update), sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage, answerCallbackQuery,
/// sendChatAction, getChatMember. JSON and envelopes as in notes-protocols.md §4.2–4.3. It is as strict as
/// Telegram where it matters to us: HTML parse mode (TelegramHtml), 4,096 characters, callback_data ≤ 64 bytes,
/// button URLs http/https/tg only. It records every call, can be told to fail a method (429 with retry_after,
/// 5xx), and can be stopped and started again on the same port with its queue of updates intact.
/// </summary>
public sealed partial class FakeTelegramServer : IAsyncDisposable
{
    public const string BotUsername = "ActionMonthBot";

    private readonly Lock _gate = new();
    private readonly List<JsonObject> _pending = [];
    private readonly ConcurrentQueue<BotApiCall> _calls = new();
    private readonly Dictionary<long, int> _lastMessageId = new();
    private readonly List<Fault> _faults = [];
    private readonly List<int?> _offsets = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private int _nextUpdateId = 5000;

    public FakeTelegramServer(string token) => Token = token;

    public string Token { get; }
    public long BotId => long.Parse(Token.Split(':')[0], CultureInfo.InvariantCulture);
    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool IsRunning => _app is not null;

    /// <summary>Users getChatMember reports as members (of any chat); everyone else has "left".</summary>
    public HashSet<long> Members { get; } = [];

    public IReadOnlyList<BotApiCall> Calls => _calls.ToArray();

    /// <summary>The offsets getUpdates was called with, in order.</summary>
    public IReadOnlyList<int?> Offsets
    {
        get
        {
            lock (_gate) return _offsets.ToList();
        }
    }

    public IReadOnlyList<BotApiCall> Sent(long chatId) =>
        Calls.Where(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == chatId).ToList();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        app.MapPost("/{bot}/{method}", HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>Stops listening (connections are refused) until <see cref="StartAsync"/>; queued updates are kept.</summary>
    public async Task StopAsync()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> (to <paramref name="chatId"/> when
    /// given) fail with this status (429 with retry_after when given).</summary>
    public void Fail(string method, int status, int times = 1, int? retryAfter = null, long? chatId = null)
    {
        lock (_gate) _faults.Add(new Fault(method, status, retryAfter, chatId) { Remaining = times });
    }

    // ---- Updates -------------------------------------------------------------------------------------------------

    /// <summary>Queues an update for getUpdates and returns its update_id.</summary>
    public int Enqueue(JsonObject update)
    {
        lock (_gate)
        {
            var id = _nextUpdateId++;
            update["update_id"] = id;
            _pending.Add(update);
            _arrived.TrySetResult();
            return id;
        }
    }

    /// <summary>Queues several updates at once, so one getUpdates returns them together.</summary>
    public IReadOnlyList<int> EnqueueAll(params JsonObject[] updates)
    {
        lock (_gate) return updates.Select(Enqueue).ToList();
    }

    /// <summary>An update JSON with a fresh update_id, not queued (for webhook tests).</summary>
    public JsonObject NewUpdate(JsonObject update)
    {
        lock (_gate) update["update_id"] = _nextUpdateId++;
        return update;
    }

    public int PendingUpdates
    {
        get
        {
            lock (_gate) return _pending.Count;
        }
    }

    private int _nextUserMessageId = 100;

    /// <summary>A message update. Entities are computed as Telegram does: a leading /command, @mentions.</summary>
    public JsonObject Message(long chatId, long userId, string text, string? chatType = null, int? replyToMessageId = null,
        long? replyToFromId = null, string updateKind = "message")
    {
        var message = MessageBase(chatId, userId, chatType);
        message["text"] = text;
        var entities = Entities(text);
        if (entities.Count > 0) message["entities"] = entities;
        if (replyToMessageId is { } replyTo)
        {
            message["reply_to_message"] = new JsonObject
            {
                ["message_id"] = replyTo,
                ["date"] = Now(),
                ["chat"] = Chat(chatId, chatType),
                ["from"] = replyToFromId == BotId ? BotUser() : User(replyToFromId ?? userId),
                ["text"] = "…",
            };
        }
        if (updateKind == "edited_message") message["edit_date"] = Now() + 5;
        return new JsonObject { [updateKind] = message };
    }

    public JsonObject Photo(long chatId, long userId, string? caption = null)
    {
        var message = MessageBase(chatId, userId, null);
        message["photo"] = new JsonArray(new JsonObject
        {
            ["file_id"] = "AgAC-fake", ["file_unique_id"] = "fake-1", ["width"] = 90, ["height"] = 90,
        });
        if (caption is not null) message["caption"] = caption;
        return new JsonObject { ["message"] = message };
    }

    public JsonObject Sticker(long chatId, long userId)
    {
        var message = MessageBase(chatId, userId, null);
        message["sticker"] = new JsonObject
        {
            ["file_id"] = "CAAC-fake", ["file_unique_id"] = "fake-2", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
            ["is_animated"] = false, ["is_video"] = false,
        };
        return new JsonObject { ["message"] = message };
    }

    public JsonObject Callback(long chatId, long userId, string data, int messageId, string? chatType = null) => new()
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cbq-" + Guid.NewGuid().ToString("N")[..10],
            ["from"] = User(userId),
            ["chat_instance"] = "ci-" + chatId.ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = Now(),
                ["chat"] = Chat(chatId, chatType),
                ["from"] = BotUser(),
                ["text"] = "…",
            },
        },
    };

    private JsonObject MessageBase(long chatId, long userId, string? chatType) => new()
    {
        ["message_id"] = Interlocked.Increment(ref _nextUserMessageId),
        ["date"] = Now(),
        ["chat"] = Chat(chatId, chatType),
        ["from"] = User(userId),
    };

    private static JsonObject Chat(long chatId, string? chatType)
    {
        var type = chatType ?? (chatId < 0 ? "supergroup" : "private");
        var chat = new JsonObject { ["id"] = chatId, ["type"] = type };
        if (type == "private") chat["first_name"] = "Ann";
        else chat["title"] = "Nhóm thử";
        return chat;
    }

    public static JsonObject User(long userId) => new()
    {
        ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Người" + userId.ToString(CultureInfo.InvariantCulture),
        ["username"] = "user" + userId.ToString(CultureInfo.InvariantCulture), ["language_code"] = "vi",
    };

    private JsonObject BotUser() => new()
    {
        ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "ActionMonth", ["username"] = BotUsername,
    };

    private static JsonArray Entities(string text)
    {
        var entities = new JsonArray();
        var command = CommandPattern().Match(text);
        if (command.Success)
            entities.Add(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = command.Length });
        foreach (Match mention in MentionPattern().Matches(text))
        {
            if (command.Success && mention.Index < command.Length) continue;
            entities.Add(new JsonObject { ["type"] = "mention", ["offset"] = mention.Index, ["length"] = mention.Length });
        }
        return entities;
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // ---- Server --------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context, string bot, string method)
    {
        var token = bot.StartsWith("bot", StringComparison.Ordinal) ? bot[3..] : string.Empty;
        JsonObject body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            var raw = await reader.ReadToEndAsync(context.RequestAborted);
            body = raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw) as JsonObject ?? new JsonObject();
        }

        if (token != Token)
        {
            await RespondAsync(context, method, token, body, Error(404, "Not Found"));
            return;
        }
        Fault? fault;
        lock (_gate)
        {
            var chat = body["chat_id"] is JsonValue value && value.TryGetValue<long>(out var id) ? id : (long?)null;
            fault = _faults.FirstOrDefault(f => f.Method == method && f.Remaining > 0 && (f.ChatId is null || f.ChatId == chat));
            if (fault is not null) fault.Remaining--;
        }
        if (fault is not null)
        {
            var error = Error(fault.Status, fault.Status == 429 ? $"Too Many Requests: retry after {fault.RetryAfter}" : "Internal Server Error");
            if (fault.RetryAfter is { } seconds) error.Body["parameters"] = new JsonObject { ["retry_after"] = seconds };
            await RespondAsync(context, method, token, body, error);
            return;
        }

        Reply reply;
        try
        {
            reply = method switch
            {
                "getMe" => Ok(BotUser()),
                "deleteWebhook" or "setWebhook" or "setMyCommands" or "answerCallbackQuery" or "sendChatAction" or "deleteMessage" => Ok(true),
                "getUpdates" => await GetUpdatesAsync(body, context.RequestAborted),
                "sendMessage" => SendMessage(body),
                "editMessageText" => EditMessage(body, requireText: true),
                "editMessageReplyMarkup" => EditMessage(body, requireText: false),
                "getChatMember" => ChatMember(body),
                _ => Error(404, "Not Found: method not found"),
            };
        }
        catch (FormatException ex)
        {
            reply = Error(400, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await RespondAsync(context, method, token, body, reply);
    }

    private async Task<Reply> GetUpdatesAsync(JsonObject body, CancellationToken aborted)
    {
        var offset = (int?)body["offset"];
        var limit = (int?)body["limit"] ?? 100;
        var timeout = (int?)body["timeout"] ?? 0;
        var deadline = DateTime.UtcNow.AddSeconds(timeout);
        lock (_gate) _offsets.Add(offset);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                // An offset confirms every update before it (notes §4.4).
                if (offset is { } confirmed && confirmed > 0) _pending.RemoveAll(u => (int)u["update_id"]! < confirmed);
                var ready = _pending.Where(u => offset is null || offset <= 0 || (int)u["update_id"]! >= offset).Take(limit).ToList();
                if (ready.Count > 0 || DateTime.UtcNow >= deadline)
                    return Ok(new JsonArray(ready.Select(u => (JsonNode)u.DeepClone()).ToArray()));
                if (_arrived.Task.IsCompleted) _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                arrived = _arrived.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left > TimeSpan.Zero) await Task.WhenAny(arrived, Task.Delay(left, aborted));
            aborted.ThrowIfCancellationRequested();
        }
    }

    private Reply SendMessage(JsonObject body)
    {
        var chatId = (long)body["chat_id"]!;
        var plain = CheckText(body);
        CheckKeyboard(body);
        int messageId;
        lock (_gate)
        {
            messageId = _lastMessageId.GetValueOrDefault(chatId, 0) + 1;
            _lastMessageId[chatId] = messageId;
        }
        return Ok(new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = Now(),
            ["chat"] = Chat(chatId, null),
            ["from"] = BotUser(),
            ["text"] = plain,
        }, messageId, plain);
    }

    private Reply EditMessage(JsonObject body, bool requireText)
    {
        var chatId = (long)body["chat_id"]!;
        var messageId = (int)body["message_id"]!;
        var plain = requireText ? CheckText(body) : null;
        CheckKeyboard(body);
        return Ok(new JsonObject
        {
            ["message_id"] = messageId, ["date"] = Now(), ["chat"] = Chat(chatId, null), ["from"] = BotUser(), ["text"] = plain ?? "…",
        }, messageId, plain);
    }

    private Reply ChatMember(JsonObject body)
    {
        var userId = (long)body["user_id"]!;
        return Ok(new JsonObject { ["status"] = Members.Contains(userId) ? "member" : "left", ["user"] = User(userId) });
    }

    private static string CheckText(JsonObject body)
    {
        var text = (string?)body["text"] ?? string.Empty;
        var parseMode = (string?)body["parse_mode"];
        var plain = string.Equals(parseMode, "html", StringComparison.OrdinalIgnoreCase) ? TelegramHtml.ToPlain(text) : text;
        if (plain.Trim().Length == 0) throw new FormatException("Bad Request: message text is empty");
        if (plain.Length > 4096) throw new FormatException("Bad Request: message is too long");
        return plain;
    }

    private static void CheckKeyboard(JsonObject body)
    {
        foreach (var row in body["reply_markup"]?["inline_keyboard"] as JsonArray ?? [])
        {
            foreach (var button in (JsonArray)row!)
            {
                if ((string?)button!["text"] is not { Length: > 0 })
                    throw new FormatException("Bad Request: text buttons are unallowed in the inline keyboard");
                if ((string?)button["callback_data"] is { } data && Encoding.UTF8.GetByteCount(data) is < 1 or > 64)
                    throw new FormatException("Bad Request: BUTTON_DATA_INVALID");
                if ((string?)button["url"] is { } url
                    && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tg"))
                    throw new FormatException($"Bad Request: inline keyboard button URL '{url}' is invalid: Unsupported URL protocol");
            }
        }
    }

    private async Task RespondAsync(HttpContext context, string method, string token, JsonObject body, Reply reply)
    {
        _calls.Enqueue(new BotApiCall(method, token, body, reply.Status, DateTimeOffset.UtcNow, reply.MessageId, reply.PlainText));
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body.ToJsonString());
    }

    private static Reply Ok(JsonNode result, int? messageId = null, string? plain = null) =>
        new(200, new JsonObject { ["ok"] = true, ["result"] = result }, messageId, plain);

    private static Reply Error(int status, string description) =>
        new(status, new JsonObject { ["ok"] = false, ["error_code"] = status, ["description"] = description });

    [GeneratedRegex(@"^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?")]
    private static partial Regex CommandPattern();

    [GeneratedRegex(@"@[A-Za-z0-9_]{3,}")]
    private static partial Regex MentionPattern();

    private sealed record Reply(int Status, JsonObject Body, int? MessageId = null, string? PlainText = null);

    private sealed record Fault(string Method, int Status, int? RetryAfter, long? ChatId)
    {
        public int Remaining { get; set; }
    }

    // ---- Waiting -------------------------------------------------------------------------------------------------

    public async Task<BotApiCall> WaitForAsync(Func<BotApiCall, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Calls.FirstOrDefault(match) is { } call) return call;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No Bot API call matched ({what ?? "condition"}). Calls: "
                                   + string.Join(", ", Calls.Select(c => $"{c.Method}:{c.Status}")));
    }

    /// <summary>Waits for a message sent to the chat whose text contains <paramref name="text"/>.</summary>
    public Task<BotApiCall> WaitForTextAsync(long chatId, string text, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Method == "sendMessage" && c.Succeeded && c.ChatId == chatId
                          && c.PlainText!.Contains(text, StringComparison.Ordinal), timeout, $"a message to {chatId} with \"{text}\"");

    /// <summary>Waits for the <paramref name="count"/>-th successful sendMessage to the chat (counting from the
    /// number already sent when <paramref name="after"/> was taken) and returns the new ones.</summary>
    public async Task<IReadOnlyList<BotApiCall>> WaitForMessagesAsync(long chatId, int count, int after = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            var sent = Sent(chatId);
            if (sent.Count >= after + count) return sent.Skip(after).ToList();
            await Task.Delay(25);
        }
        throw new TimeoutException($"Expected {count} new messages to chat {chatId}; got {Sent(chatId).Count - after}. Calls: "
                                   + string.Join(", ", Calls.Select(c => $"{c.Method}:{c.Status}")));
    }

    public static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
