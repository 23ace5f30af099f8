using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Tests.Infrastructure;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>
/// The real host with escalation on, wired to loopback listeners: the hotline's webhook, and the Bot Framework
/// connector the activities' serviceUrl points at (where proactive messages to the user arrive). Also a recording
/// operator channel (what the operators' Telegram chat would get), a clock the test moves, and a detector that
/// knows a few fixed phrasings so the escalation flow is tested apart from detection.
/// </summary>
public sealed class EscalationHarness : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret";
    public const string ApiKey = "test-operator-key";
    public const string Disclosure = "chú hàng xóm sờ vào người em, em sợ lắm";
    public const string Emergency = "em vừa uống cả vỉ thuốc rồi";
    public const string Suicidal = "em muốn chết, em không muốn sống nữa";
    public const string Bleeding = "ông ta đang cầm dao, em đang chảy máu nhiều";

    private EscalationHarness(BotTestHost host, LoopbackServer webhook, LoopbackServer connector, ManualClock clock,
        RecordingOperatorChannel operators)
    {
        Host = host;
        Webhook = webhook;
        Connector = connector;
        Clock = clock;
        Operators = operators;
    }

    public BotTestHost Host { get; }
    public LoopbackServer Webhook { get; }
    public LoopbackServer Connector { get; }
    public ManualClock Clock { get; }
    public RecordingOperatorChannel Operators { get; }
    public string DatabaseFile => Host.Folder.DatabaseFile;

    /// <param name="startWebhook">False: the webhook's port is reserved but nothing listens (the target is down).</param>
    public static async Task<EscalationHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, bool startWebhook = true,
        bool operatorChannel = true, TestFolder? folder = null)
    {
        var webhook = LoopbackServer.OnFreePort();
        if (startWebhook) await webhook.StartAsync();
        var connector = await LoopbackServer.StartNewAsync();
        var clock = new ManualClock();
        var operators = new RecordingOperatorChannel();
        var all = new Dictionary<string, string?>
        {
            ["Escalation:WebhookUrl"] = webhook.BaseUrl + "/hotline/cases",
            ["Escalation:WebhookSecret"] = Secret,
            ["Escalation:OperatorApiKey"] = ApiKey,
            ["Escalation:WebhookTimeoutSeconds"] = "3",
            ["Escalation:ClaimTimeoutMinutes"] = "5",
            ["Escalation:ClaimTimeoutCheckSeconds"] = "0.1",
            ["Escalation:Outbox:PollSeconds"] = "0.1",
            ["Escalation:Outbox:BaseDelaySeconds"] = "0.2",
            ["Escalation:Outbox:MaxDelaySeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var host = BotTestHost.Start(folder, all, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IDisclosureDetector, EscalationTestDetector>();
            if (operatorChannel) services.AddSingleton<IEscalationNotificationChannel>(operators);
        });
        return new EscalationHarness(host, webhook, connector, clock, operators);
    }

    /// <summary>A user whose activities point their serviceUrl at <see cref="Connector"/>.</summary>
    public UserSession User(string channelId = "webchat") => new(this, Host.Conversation(channelId: channelId));

    public async Task<T> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        return read(reader);
    }

    public Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) =>
        QueryAsync(sql, r => r.Read() ? r.GetInt64(0) : 0, parameters);

    public Task<string?> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        QueryAsync(sql, r => r.Read() && !r.IsDBNull(0) ? Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : null, parameters);

    /// <summary>Webhook calls whose signature checks out, with their JSON.</summary>
    public IReadOnlyList<WebhookCall> WebhookCalls => Webhook.Requests.Select(WebhookCall.From).ToList();

    public async Task<WebhookCall> WaitForWebhookAsync(string caseId, string @event, TimeSpan? timeout = null)
    {
        var request = await Webhook.WaitForAsync(r => WebhookCall.From(r) is { } call && call.CaseId == caseId && call.Event == @event,
            timeout, $"webhook {@event} of case {caseId}");
        return WebhookCall.From(request);
    }

    /// <summary>Messages the bot sent to this conversation through the connector (proactive, or replies without expectReplies).</summary>
    public IReadOnlyList<Activity> ConnectorMessages(string conversationId) => Connector.Requests
        .Where(r => r.Method == "POST" && r.Path.StartsWith($"/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", StringComparison.Ordinal))
        .Select(r => JsonConvert.DeserializeObject<Activity>(r.BodyText)!)
        .Where(a => a.Type == ActivityTypes.Message)
        .ToList();

    public async Task<Activity> WaitForConnectorMessageAsync(string conversationId, Func<Activity, bool> match, string what, TimeSpan? timeout = null) =>
        await Eventually.ValueAsync(() => ConnectorMessages(conversationId).FirstOrDefault(match), timeout ?? TimeSpan.FromSeconds(20), what);

    public HttpRequestMessage Api(HttpMethod method, string path, object? body = null, string? key = ApiKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> CallApiAsync(HttpMethod method, string path, object? body = null,
        string? key = ApiKey)
    {
        using var response = await Host.Client.SendAsync(Api(method, path, body, key));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<string> CaseStatusAsync(string caseId) =>
        await ScalarAsync("SELECT status FROM escalation_case WHERE case_id = $c", ("$c", caseId)) ?? "missing";

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Webhook.DisposeAsync();
        await Connector.DisposeAsync();
        Host.Folder.Dispose();
    }
}

/// <summary>One user talking to the host over /api/messages with expectReplies, with serviceUrl on the harness's connector.</summary>
public sealed class UserSession(EscalationHarness harness, BotConversation conversation)
{
    public BotConversation Conversation => conversation;
    public string ConversationId => conversation.ConversationId;

    public JObject Message(string text) => conversation.Message(text, json => json["serviceUrl"] = harness.Connector.BaseUrl);

    public Task<IReadOnlyList<Activity>> SayAsync(string text) => conversation.SendAsync(Message(text));

    public Task<IReadOnlyList<Activity>> SendAsync(JObject activity) => conversation.SendAsync(activity);

    /// <summary>Without expectReplies: the replies go to the connector while the turn runs.</summary>
    public Task<(System.Net.HttpStatusCode Status, string Body)> PostWithoutExpectRepliesAsync(string text)
    {
        var activity = Message(text);
        activity.Remove("deliveryMode");
        return conversation.PostAsync(activity);
    }
}

/// <summary>A webhook call as the hotline's system would read it, with its signature checked.</summary>
public sealed record WebhookCall(string CaseId, string Event, string Status, string Level, string Category, string Channel, string? Text,
    string? IdempotencyKey, bool SignatureValid, JsonElement Json)
{
    public static WebhookCall From(RecordedRequest request)
    {
        var json = JsonDocument.Parse(request.Body).RootElement.Clone();
        return new WebhookCall(
            json.GetProperty("caseId").GetString()!, json.GetProperty("event").GetString()!, json.GetProperty("status").GetString()!,
            json.GetProperty("level").GetString()!, json.GetProperty("category").GetString()!, json.GetProperty("channel").GetString()!,
            json.TryGetProperty("text", out var text) ? text.GetString() : null,
            request.Header("Idempotency-Key"),
            ActionMonth.Bot.Escalation.Channels.WebhookSignature.Verify(request.Body, EscalationHarness.Secret, request.Header("X-ActionMonth-Signature")),
            json);
    }
}

/// <summary>The host's clock, moved by the test; timers still run in real time, so background loops keep ticking
/// and see the moved time.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}

/// <summary>What the operators' chat would receive: every notification, with text.</summary>
public sealed class RecordingOperatorChannel : IEscalationNotificationChannel
{
    private readonly ConcurrentQueue<EscalationNotification> _received = new();

    public string Name => "test-operators";
    public bool IsConfigured => true;
    public bool Accepts(NotificationKind kind) => true;
    public IReadOnlyList<EscalationNotification> Received => _received.ToArray();

    public Task DeliverAsync(EscalationNotification notification, CancellationToken cancellationToken)
    {
        _received.Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task<EscalationNotification> WaitForAsync(Func<EscalationNotification, bool> match, string what) =>
        Eventually.ValueAsync(() => _received.FirstOrDefault(match), TimeSpan.FromSeconds(20), what);
}

/// <summary>A detector for escalation tests: a child's disclosure (urgent, sexual abuse), an emergency (poison
/// taken), a suicidal statement (urgent, self-harm) and bleeding (emergency, other danger). Everything else is not a
/// disclosure.</summary>
public sealed class EscalationTestDetector : IDisclosureDetector
{
    public DisclosureAssessment Assess(string text)
    {
        var key = ActionMonth.Knowledge.Text.VietnameseText.Fold(text);
        if (key.Contains("uong ca vi thuoc", StringComparison.Ordinal))
            return new(DisclosureLevel.Emergency, DisclosureCategory.SelfHarm, Reporter.Child,
                [new DisclosureCue("test-poison", DisclosureCategory.SelfHarm, DisclosureLevel.Emergency)]);
        if (key.Contains("em muon chet", StringComparison.Ordinal))
            return new(DisclosureLevel.Urgent, DisclosureCategory.SelfHarm, Reporter.Child,
                [new DisclosureCue("test-suicidal", DisclosureCategory.SelfHarm, DisclosureLevel.Urgent)]);
        if (key.Contains("dang chay mau", StringComparison.Ordinal))
            return new(DisclosureLevel.Emergency, DisclosureCategory.OtherDanger, Reporter.Child,
                [new DisclosureCue("test-bleeding", DisclosureCategory.OtherDanger, DisclosureLevel.Emergency)]);
        if (key.Contains("so vao nguoi em", StringComparison.Ordinal))
            return new(DisclosureLevel.Urgent, DisclosureCategory.SexualAbuse, Reporter.Child,
                [new DisclosureCue("test-touch", DisclosureCategory.SexualAbuse, DisclosureLevel.Urgent)]);
        return DisclosureAssessment.None;
    }
}
