using ActionMonth.Bot.Escalation;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Escalation.Channels;
using ActionMonth.Bot.Escalation.Handoff;
using ActionMonth.Bot.Escalation.Outbox;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Registers the escalation flow (issue 5 §3–6): the case and outbox stores on the state database with their
/// schema, the webhook channel, the outbox dispatcher, the case rescue queue, the claim timeout monitor, the
/// retention job and <see cref="IEscalationOperations"/>. Other operator channels (the operators' Telegram chat)
/// add themselves as <see cref="IEscalationNotificationChannel"/>, and channels with their own adapter as
/// <see cref="ProactiveChannelAdapter"/>.
/// <see cref="IEscalationService"/> (the safety gate's seam) is registered only when somebody can hear about a case
/// (the webhook, the operators' chat or the operator API is configured): without one, opening a case would make
/// the safety reply say "a counsellor was told" when nobody was, so the gate keeps its honest "call 111" wording.
/// </summary>
public static class EscalationHostingExtensions
{
    public static IServiceCollection AddEscalation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EscalationOptions>().Bind(configuration.GetSection(EscalationOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        foreach (var migration in EscalationSchema.Migrations) services.AddSingleton(migration);

        services.AddSingleton<NotificationRouting>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEscalationNotificationChannel, WebhookNotificationChannel>());
        services.AddHttpClient(WebhookNotificationChannel.HttpClientName, client =>
            {
                // The per-request timeout is Escalation:WebhookTimeoutSeconds; this only bounds a misconfigured value.
                client.Timeout = TimeSpan.FromMinutes(2);
            })
            // The dispatcher logs each attempt (ids, status code); the factory's own request logging would add the
            // webhook URL, which may carry a token of the hotline's.
            .RemoveAllLoggers();

        if (StorageProviders.IsPostgres(configuration))
        {
            foreach (var migration in PostgresEscalationSchema.Migrations) services.AddSingleton(migration);
            services.AddSingleton<ICaseStore, PostgresCaseStore>();
            services.AddSingleton<IOutboxStore, PostgresOutboxStore>();
        }
        else
        {
            services.AddSingleton<ICaseStore, SqliteCaseStore>();
            services.AddSingleton<IOutboxStore, SqliteOutboxStore>();
        }
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<UserConversationMessenger>();
        services.AddSingleton<CaseRescueQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<CaseRescueQueue>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<ClaimTimeoutMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ClaimTimeoutMonitor>());
        services.AddSingleton<EscalationRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationRetentionService>());
        services.AddSingleton<IEscalationOperations, EscalationOperations>();
        services.AddSingleton<EscalationService>();
        services.AddHostedService<EscalationStartupReport>();

        var settings = configuration.GetSection(EscalationOptions.Section).Get<EscalationOptions>() ?? new EscalationOptions();
        if (settings.AnyDestinationConfigured)
            services.AddSingleton<IEscalationService>(sp => sp.GetRequiredService<EscalationService>());
        return services;
    }

    /// <summary>Says at start where case notifications will go, and warns about half-done configuration.</summary>
    private sealed class EscalationStartupReport(
        IOptions<EscalationOptions> options,
        NotificationRouting routing,
        EscalationAvailability availability,
        ILogger<EscalationStartupReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (!string.IsNullOrWhiteSpace(settings.WebhookUrl) && string.IsNullOrEmpty(settings.WebhookSecret))
                logger.LogError("Escalation:WebhookUrl is set but Escalation:WebhookSecret is empty: the webhook is off (every call must be signed)");
            if (availability.Enabled)
            {
                logger.LogInformation("Escalation on: notifications to [{Destinations}], operator API {OperatorApi}, claim timeout {Minutes} min",
                    string.Join(", ", routing.ConfiguredChannels), settings.OperatorApiEnabled ? "on" : "off", settings.ClaimTimeoutMinutes);
                if (routing.ConfiguredChannels.Count == 0)
                    logger.LogWarning("Escalation: no notification channel is configured; cases are seen only through the operator API");
            }
            else
            {
                logger.LogWarning("Escalation off: no webhook, operators' chat or operator API is configured; disclosures get the safety "
                                  + "reply with 111 but open no case");
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
