using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Channels;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Telegram;
using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Inbound;
using ActionMonth.Bot.Telegram.Operators;
using ActionMonth.Bot.Telegram.Options;
using ActionMonth.Bot.Telegram.Outbound;
using ActionMonth.Bot.Telegram.Receiving;
using ActionMonth.Bot.Telegram.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Registers the Telegram channel. Always: its options and its schema module. With a Telegram:Token: the
/// Telegram.Bot client on an HttpClient whose only logger never prints URLs (they contain the token), the adapter
/// (also as the escalation's ProactiveChannelAdapter for "telegram"), the update dispatcher, the operators' chat
/// ("telegram-operators" notification channel, on when Escalation:Telegram:OperatorChatId is set) and either the
/// long-polling service or the webhook registration (Telegram:Mode). Without a token nothing of Telegram runs and
/// /api/telegram does not exist.
/// </summary>
public static class TelegramHostingExtensions
{
    public const string HttpClientName = "telegram";

    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        foreach (var migration in TelegramSchema.Migrations) services.AddSingleton(migration);
        if (StorageProviders.IsPostgres(configuration))
            foreach (var migration in PostgresTelegramSchema.Migrations) services.AddSingleton(migration);

        var settings = configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        if (!settings.Enabled) return services;

        services.AddSingleton<TelegramHttpLogger>();
        services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(Math.Max(0, settings.PollingTimeoutSeconds) + 30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers()
            .AddLogger<TelegramHttpLogger>();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var baseUrl = string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? null : options.ApiBaseUrl;
            return new TelegramBotClient(new TelegramBotClientOptions(options.Token, baseUrl)
            {
                RetryThreshold = Math.Max(0, options.LibraryRetryThresholdSeconds),
                RetryCount = 3,
            }, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
        });

        if (StorageProviders.IsPostgres(configuration))
        {
            services.AddSingleton<ITelegramUpdateInbox, PostgresTelegramUpdateInbox>();
            services.AddSingleton<IButtonStore, PostgresButtonStore>();
            services.AddSingleton<IOperatorCaseStore, PostgresOperatorCaseStore>();
            services.AddSingleton<ITelegramRetentionStore, PostgresTelegramRetentionStore>();
        }
        else
        {
            services.AddSingleton<ITelegramUpdateInbox, SqliteTelegramUpdateInbox>();
            services.AddSingleton<IButtonStore, SqliteButtonStore>();
            services.AddSingleton<IOperatorCaseStore, SqliteOperatorCaseStore>();
            services.AddSingleton<ITelegramRetentionStore, SqliteTelegramRetentionStore>();
        }

        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<RetryAfterPolicy>();
        services.AddSingleton<ChatSendThrottle>();
        services.AddSingleton(new TelegramReplyRenderer());
        services.AddSingleton<TelegramMessageSender>();
        services.AddSingleton<TelegramActivitySender>();
        services.AddSingleton<TelegramAdapter>();
        // Operators' replies reach Telegram users through this adapter (the escalation outbox's proactive messages).
        services.AddSingleton(sp => new ProactiveChannelAdapter(TelegramAdapter.Channel, sp.GetRequiredService<TelegramAdapter>()));
        services.AddSingleton<TelegramActivityFactory>();
        services.AddSingleton<TelegramUpdateHandler>();
        services.AddSingleton<TelegramUpdateDispatcher>();
        services.AddSingleton<TelegramCommandMenu>();
        services.AddSingleton<TelegramSecretFilter>();

        services.AddSingleton<OperatorMembership>();
        services.AddSingleton<OperatorCaseCard>();
        services.AddSingleton<OperatorChatHandler>();
        services.AddSingleton<TelegramOperatorChannel>();
        services.AddSingleton<IEscalationNotificationChannel>(sp => sp.GetRequiredService<TelegramOperatorChannel>());

        services.AddHostedService<TelegramRetentionService>();
        if (settings.Mode == TelegramMode.Webhook) services.AddHostedService<TelegramWebhookRegistration>();
        else services.AddHostedService<TelegramPollingService>();
        return services;
    }
}
