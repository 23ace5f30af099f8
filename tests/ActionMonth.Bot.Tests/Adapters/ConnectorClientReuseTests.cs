using System.Net;
using System.Security.Claims;
using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.Tests.Escalation;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Adapters;

/// <summary>The adapter reuses connector clients across turns (ClientReusingBotFrameworkAuthentication): replies must
/// still reach each conversation's own serviceUrl, a turn's end must not break the shared client, and the cache must
/// stay bounded whatever serviceUrls are posted.</summary>
public sealed class ConnectorClientReuseTests
{
    [Fact]
    public async Task Replies_without_expectReplies_reach_each_conversation_s_own_serviceUrl_turn_after_turn_and_proactively()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        await using var first = await LoopbackServer.StartNewAsync();
        await using var second = await LoopbackServer.StartNewAsync();
        var alice = host.Conversation();
        var bob = host.Conversation();

        // Two turns each, alternating, replies sent through the connector (no expectReplies): the second turn runs on
        // the client the first turn's end "disposed".
        for (var turn = 1; turn <= 2; turn++)
        {
            await PostAsync(alice, first, "trẻ em có những quyền gì?");
            await PostAsync(bob, second, "tổng đài 111 có mất phí không");
            await Eventually.TrueAsync(() => Task.FromResult(Replies(first, alice).Count >= turn && Replies(second, bob).Count >= turn),
                TimeSpan.FromSeconds(20), $"replies of turn {turn}");
        }

        Assert.Empty(Replies(first, bob));
        Assert.Empty(Replies(second, alice));
        var cache = host.Services.GetRequiredService<BotClientCache<ConnectorClientKey, SharedConnectorClient>>();
        Assert.True(cache.TryGet(new ConnectorClientKey(null, first.BaseUrl, AudienceOf(host)), out var shared),
            "the first serviceUrl's client is shared");
        Assert.Equal(new Uri(first.BaseUrl), shared.BaseUri);
        Assert.True(cache.TryGet(new ConnectorClientKey(null, second.BaseUrl, AudienceOf(host)), out var other));
        Assert.Equal(new Uri(second.BaseUrl), other.BaseUri);

        // A proactive message after the turns (as an operator's reply is sent) goes through a client that still works.
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        var reference = new ConversationReference
        {
            ChannelId = alice.ChannelId, ServiceUrl = first.BaseUrl, Conversation = new ConversationAccount(id: alice.ConversationId),
            User = new ChannelAccount(alice.UserId), Bot = new ChannelAccount("bot"),
        };
        var before = Replies(first, alice).Count;
        for (var i = 0; i < 2; i++)
            await adapter.ContinueConversationAsync(string.Empty, reference,
                (turn, ct) => turn.SendActivityAsync(MessageFactory.Text("tin nhắn chủ động"), ct), CancellationToken.None);
        Assert.Equal(before + 2, Replies(first, alice).Count);
    }

    [Fact]
    public async Task Two_serviceUrls_get_clients_for_their_own_url_and_the_same_key_gets_the_same_client()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder);
        var authentication = host.Services.GetRequiredService<BotFrameworkAuthentication>();
        var a = Activity("https://a.example/");
        var b = Activity("https://b.example/");

        var resultA = await authentication.AuthenticateRequestAsync(a, string.Empty, CancellationToken.None);
        var resultB = await authentication.AuthenticateRequestAsync(b, string.Empty, CancellationToken.None);
        var clientA = await resultA.ConnectorFactory.CreateAsync(a.ServiceUrl, resultA.Audience, CancellationToken.None);
        var clientB = await resultB.ConnectorFactory.CreateAsync(b.ServiceUrl, resultB.Audience, CancellationToken.None);
        clientA.Dispose(); // what the adapter does at the end of the turn
        var again = await (await authentication.AuthenticateRequestAsync(Activity("https://a.example/"), string.Empty, CancellationToken.None))
            .ConnectorFactory.CreateAsync("https://a.example/", resultA.Audience, CancellationToken.None);

        Assert.Equal(new Uri("https://a.example/"), clientA.BaseUri);
        Assert.Equal(new Uri("https://b.example/"), clientB.BaseUri);
        Assert.Same(clientA, again);
        Assert.NotNull(again.Conversations); // still usable after the "dispose"
        Assert.IsType<ConnectorClient>(((SharedConnectorClient)again).Inner);
        Assert.Throws<InvalidOperationException>(() => again.BaseUri = new Uri("https://elsewhere.example/"));
    }

    [Fact]
    public async Task Clients_are_kept_apart_per_app_identity_and_audience()
    {
        var inner = new RecordingConnectorFactory();
        var cache = new BotClientCache<ConnectorClientKey, SharedConnectorClient>(16, TimeSpan.FromMinutes(5), new ManualTimeProvider());
        var forA = new ReusingConnectorFactory(inner.For("app-a"), "app-a", cache);
        var forB = new ReusingConnectorFactory(inner.For("app-b"), "app-b", cache);
        var anonymous = new ReusingConnectorFactory(inner.For(null), null, cache);
        const string url = "https://channel.example/";

        var a = await forA.CreateAsync(url, "aud", CancellationToken.None);
        var b = await forB.CreateAsync(url, "aud", CancellationToken.None);
        var none = await anonymous.CreateAsync(url, "aud", CancellationToken.None);
        var otherAudience = await forA.CreateAsync(url, "other", CancellationToken.None);
        var aAgain = await forA.CreateAsync(url, "aud", CancellationToken.None);

        Assert.Equal(4, inner.Created.Count);
        Assert.Equal(4, new[] { a, b, none, otherAudience }.Distinct().Count());
        Assert.Same(a, aAgain);
        // Each was made by the factory of its own identity (which is what gives it that identity's credentials).
        Assert.Equal(["app-a", "app-b", null, "app-a"], inner.Created.Select(c => c.Factory.AppId));
        Assert.Equal(["aud", "aud", "aud", "other"], inner.Created.Select(c => c.Audience));
    }

    [Fact]
    public async Task The_cache_stays_bounded_under_many_distinct_serviceUrls_and_admits_new_ones_after_expiry()
    {
        var inner = new RecordingConnectorFactory();
        var clock = new ManualTimeProvider();
        var cache = new BotClientCache<ConnectorClientKey, SharedConnectorClient>(4, TimeSpan.FromMinutes(5), clock);
        var factory = new ReusingConnectorFactory(inner, null, cache);

        var clients = new List<IConnectorClient>();
        for (var i = 0; i < 50; i++) clients.Add(await factory.CreateAsync($"https://attacker{i}.example/", null!, CancellationToken.None));

        Assert.Equal(4, cache.Count);
        Assert.All(clients.Take(4), c => Assert.IsType<SharedConnectorClient>(c));
        // Past the cap every turn gets its own client, which the adapter disposes at the turn's end.
        Assert.All(clients.Skip(4), c => Assert.IsType<FakeConnectorClient>(c));
        clients[10].Dispose();
        Assert.True(((FakeConnectorClient)clients[10]).Disposed);
        Assert.False(((FakeConnectorClient)((SharedConnectorClient)clients[0]).Inner).Disposed);

        // Once the cached ones expire, new serviceUrls are admitted again (and the cap still holds).
        clock.Advance(TimeSpan.FromMinutes(6));
        var fresh = await factory.CreateAsync("https://channel.example/", null!, CancellationToken.None);
        Assert.IsType<SharedConnectorClient>(fresh);
        Assert.True(cache.Count <= 4);
        var expired = await factory.CreateAsync("https://attacker0.example/", null!, CancellationToken.None);
        Assert.NotSame(clients[0], expired);
    }

    [Fact]
    public async Task The_user_token_client_is_shared_per_app_identity_and_survives_the_turn_s_dispose()
    {
        var inner = new RecordingAuthentication();
        var connectors = new BotClientCache<ConnectorClientKey, SharedConnectorClient>(16, TimeSpan.FromMinutes(5), new ManualTimeProvider());
        var tokens = new BotClientCache<string, SharedUserTokenClient>(4, TimeSpan.FromMinutes(5), new ManualTimeProvider());
        var authentication = new ClientReusingBotFrameworkAuthentication(inner, connectors, tokens);

        var first = await authentication.CreateUserTokenClientAsync(Identity("app-a"), CancellationToken.None);
        first.Dispose();
        var second = await authentication.CreateUserTokenClientAsync(Identity("app-a"), CancellationToken.None);
        var other = await authentication.CreateUserTokenClientAsync(Identity("app-b"), CancellationToken.None);
        var anonymous = await authentication.CreateUserTokenClientAsync(new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType),
            CancellationToken.None);
        var empty = await authentication.CreateUserTokenClientAsync(Identity(string.Empty), CancellationToken.None);

        Assert.Same(first, second);
        Assert.False(((FakeUserTokenClient)((SharedUserTokenClient)first).Inner).Disposed);
        Assert.Equal(4, new[] { first, other, anonymous, empty }.Distinct().Count());
        Assert.Equal(["app-a", "app-b", null, string.Empty], inner.UserTokenAppIds);
        Assert.Equal("app-b", (await ((SharedUserTokenClient)other).GetUserTokenAsync("u", "c", "webchat", null!, CancellationToken.None)).Token);

        // Two audience claims: the SDK's own lookup would throw, so nothing is cached for such an identity.
        var twoAudiences = new ClaimsIdentity([new Claim("aud", "x"), new Claim("aud", "y")]);
        Assert.IsType<FakeUserTokenClient>(await authentication.CreateUserTokenClientAsync(twoAudiences, CancellationToken.None));
        Assert.IsType<RecordingConnectorFactory>(authentication.CreateConnectorFactory(twoAudiences));
    }

    [Fact]
    public async Task With_an_app_id_configured_a_forged_token_is_still_refused()
    {
        using var folder = new TestFolder();
        await using var host = BotTestHost.Start(folder, new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
        });
        var user = host.Conversation();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(user.Message("xin chào").ToString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEifQ.c2lnbmF0dXJl");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task PostAsync(BotConversation user, LoopbackServer connector, string text)
    {
        var message = user.Message(text, json =>
        {
            json["serviceUrl"] = connector.BaseUrl;
            json.Remove("deliveryMode");
        });
        var (status, body) = await user.PostAsync(message);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{(int)status}: {body}");
    }

    private static List<JObject> Replies(LoopbackServer connector, BotConversation user) => connector.Requests
        .Where(r => r.Method == "POST"
                    && r.Path.StartsWith($"/v3/conversations/{Uri.EscapeDataString(user.ConversationId)}/activities", StringComparison.Ordinal))
        .Select(r => JObject.Parse(r.BodyText))
        .Where(a => (string?)a["type"] == ActivityTypes.Message)
        .ToList();

    private static string AudienceOf(BotTestHost host) =>
        host.Services.GetRequiredService<BotFrameworkAuthentication>().GetOriginatingAudience();

    private static Activity Activity(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message, ChannelId = "webchat", ServiceUrl = serviceUrl, Id = Guid.NewGuid().ToString("N"),
        Conversation = new ConversationAccount(id: "c"), From = new ChannelAccount("u"), Recipient = new ChannelAccount("bot"),
    };

    private static ClaimsIdentity Identity(string appId) => new([new Claim("aud", appId), new Claim("appid", appId)]);

    private sealed class RecordingConnectorFactory(string? appId = null) : ConnectorFactory
    {
        private readonly List<(RecordingConnectorFactory Factory, string ServiceUrl, string? Audience)> _created = [];

        public string? AppId => appId;
        public IReadOnlyList<(RecordingConnectorFactory Factory, string ServiceUrl, string? Audience)> Created => (Root ?? this)._created;
        private RecordingConnectorFactory? Root { get; init; }

        public RecordingConnectorFactory For(string? id) => new(id) { Root = Root ?? this };

        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
        {
            var root = Root ?? this;
            lock (root._created) root._created.Add((this, serviceUrl, audience));
            return Task.FromResult<IConnectorClient>(new FakeConnectorClient(new Uri(serviceUrl)));
        }
    }

    private sealed class FakeConnectorClient(Uri baseUri) : IConnectorClient
    {
        public bool Disposed { get; private set; }
        public Uri BaseUri { get; set; } = baseUri;
        public Newtonsoft.Json.JsonSerializerSettings SerializationSettings { get; } = new();
        public Newtonsoft.Json.JsonSerializerSettings DeserializationSettings { get; } = new();
        public Microsoft.Rest.ServiceClientCredentials Credentials => MicrosoftAppCredentials.Empty;
        public IAttachments Attachments => null!;
        public IConversations Conversations => null!;
        public void Dispose() => Disposed = true;
    }

    private sealed class FakeUserTokenClient(string? appId) : UserTokenClient
    {
        public bool Disposed { get; private set; }

        public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode,
            CancellationToken cancellationToken) => Task.FromResult(new TokenResponse(token: appId));

        public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect,
            CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("not used");

        public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter,
            CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName,
            string[] resourceUrls, string channelId, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId,
            TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        protected override void Dispose(bool disposing) => Disposed = true;
    }

    private sealed class RecordingAuthentication : BotFrameworkAuthentication
    {
        private readonly RecordingConnectorFactory _factories = new();

        public List<string?> UserTokenAppIds { get; } = [];

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader,
            CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader,
            CancellationToken cancellationToken) => throw new InvalidOperationException("not used");

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => _factories.For(AppIdOf(claimsIdentity));

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            var appId = AppIdOf(claimsIdentity);
            UserTokenAppIds.Add(appId);
            return Task.FromResult<UserTokenClient>(new FakeUserTokenClient(appId));
        }

        private static string? AppIdOf(ClaimsIdentity identity) =>
            identity.Claims.Count(c => c.Type == "aud") > 1 ? "?" : identity.Claims.FirstOrDefault(c => c.Type == "aud")?.Value;
    }
}
