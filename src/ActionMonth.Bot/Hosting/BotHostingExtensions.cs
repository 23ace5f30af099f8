using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Conversation.Flow;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Endpoints;
using ActionMonth.Bot.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Registers the bot core: the adapter, the bot and its turn pipeline, state and storage. It expects the
/// knowledge services (IKnowledgeSearch, IKnowledgeCatalog) and the IDisclosureDetector to be registered by
/// their own extensions, and an IEscalationService optionally (none: the gate opens no cases).
/// </summary>
public static class BotHostingExtensions
{
    /// <summary>Connector clients kept for reuse: one per (app identity, serviceUrl, audience) a channel uses; past this a
    /// turn builds its own, as the SDK does.</summary>
    public const int SharedConnectorClients = 128;

    /// <summary>User-token clients kept for reuse: one per app identity.</summary>
    public const int SharedUserTokenClients = 8;

    /// <summary>How long a shared client is reused before it is rebuilt (so it picks up a fresh HTTP handler and DNS).</summary>
    public static readonly TimeSpan SharedClientLifetime = TimeSpan.FromMinutes(5);

    public static IServiceCollection AddBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddBotStorage(configuration);

        // Bot Framework: authentication from the usual keys (MicrosoftAppId… empty: no auth, local), with the connector
        // and user-token clients reused across turns instead of built on every turn (bounded: any serviceUrl may be posted
        // when there is no MicrosoftAppId).
        services.AddHttpClient();
        services.AddSingleton(sp => new BotClientCache<ConnectorClientKey, SharedConnectorClient>(
            SharedConnectorClients, SharedClientLifetime, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new BotClientCache<string, SharedUserTokenClient>(
            SharedUserTokenClients, SharedClientLifetime, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BotFrameworkAuthentication>(sp => new ClientReusingBotFrameworkAuthentication(
            new ConfigurationBotFrameworkAuthentication(
                sp.GetRequiredService<IConfiguration>(),
                httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
                logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()),
            sp.GetRequiredService<BotClientCache<ConnectorClientKey, SharedConnectorClient>>(),
            sp.GetRequiredService<BotClientCache<string, SharedUserTokenClient>>()));
        services.AddSingleton<ErrorHandlingAdapter>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<ErrorHandlingAdapter>());
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<ErrorHandlingAdapter>());
        services.AddSingleton<IBot, ActionMonthBot>();
        services.AddSingleton<ActivityRequestFilter>();

        // The turn pipeline.
        services.AddSingleton<BotStateAccessors>();
        services.AddSingleton<EscalationAvailability>();
        services.AddSingleton<SafetyReplyComposer>();
        services.AddSingleton<ISafetyGate, SafetyGate>();
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<ConversationTurnLock>();
        services.AddSingleton<LanguageDetector>();
        services.AddSingleton<CommandRecognizer>();
        services.AddSingleton<FollowUpRecognizer>();
        services.AddSingleton<CitationFormatter>();
        services.AddSingleton<ReorganisationNotes>();
        services.AddSingleton<KnowledgeReadiness>();
        services.AddSingleton<HotlineDirectory>();
        services.AddSingleton<SearchResultCache>();
        services.AddSingleton<AnswerComposer>();
        services.AddSingleton<ArticleComposer>();
        services.AddSingleton<WelcomeComposer>();
        services.AddSingleton<FeedbackRecorder>();
        services.AddSingleton<MessageResponder>();
        services.AddSingleton<SafetyFollowUps>();
        return services;
    }
}
