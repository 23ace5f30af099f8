using ActionMonth.Bot.Adapters;
using ActionMonth.Bot.DirectLine;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.WebChat;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Registers the web chat: the page and its files, the self-hosted Direct Line (tokens, durable streams, the in-process
/// connector) or Azure's when WebChat:DirectLineSecret is set, and the urgent-help button. Call after AddBotCore: it
/// decorates two of its services, BotFrameworkAuthentication (so the bot's connector calls to our Direct Line are
/// answered in process) and ISafetyGate (the button).
/// </summary>
public static class WebChatHostingExtensions
{
    /// <summary>Direct Line conversations whose in-process connector client is kept for their next turns.</summary>
    public const int DirectLineConnectorClients = 256;

    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.Section));
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section));
        services.AddSingleton<WebChatFiles>();
        services.AddSingleton<ContentSecurityPolicy>();
        services.AddSingleton<WebChatPage>();
        services.AddHttpClient(AzureConnectionSource.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SelfHostedConnectionSource>();
        services.AddSingleton<AzureConnectionSource>();
        services.AddSingleton<IWebChatConnectionSource>(sp => sp.UsesAzure()
            ? sp.GetRequiredService<AzureConnectionSource>()
            : sp.GetRequiredService<SelfHostedConnectionSource>());

        // Self-hosted Direct Line, on the provider of Storage:Provider (on PostgreSQL every instance shares the streams
        // and the signing key, so a conversation continues whichever instance the next request reaches).
        foreach (var migration in DirectLineSchema.Migrations) services.AddSingleton(migration);
        if (StorageProviders.IsPostgres(configuration))
        {
            foreach (var migration in PostgresDirectLineSchema.Migrations) services.AddSingleton(migration);
            services.AddSingleton<IDirectLineStore>(sp => new PostgresDirectLineStore(sp.GetRequiredService<PostgresDatabase>()));
        }
        else
        {
            services.AddSingleton<IDirectLineStore>(sp => new SqliteDirectLineStore(sp.GetRequiredService<SqliteDatabase>()));
        }
        services.AddSingleton<DirectLineSigningKey>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineServiceUrls>();
        services.AddSingleton<DirectLineBotAccount>();
        services.AddSingleton<DirectLineConnector>();
        services.AddSingleton<DirectLineInProcessCredential>();
        services.AddSingleton<DirectLineTurnRunner>();
        services.AddSingleton<DirectLineChannel>();
        services.AddHostedService<DirectLineRetentionService>();
        // In-process connector clients reused per conversation serviceUrl (bounded; the bot's other clients are kept by
        // the authentication AddBotCore registers).
        services.AddSingleton(sp => new BotClientCache<string, SharedConnectorClient>(
            DirectLineConnectorClients, BotHostingExtensions.SharedClientLifetime, sp.GetRequiredService<TimeProvider>()));
        services.Decorate<BotFrameworkAuthentication>((sp, inner) => new DirectLineBotAuthentication(inner,
            sp.GetRequiredService<DirectLineConnector>(), sp.GetRequiredService<DirectLineInProcessCredential>(),
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<BotClientCache<string, SharedConnectorClient>>()));

        services.Decorate<ISafetyGate>((sp, inner) => new UrgentHelpSafetyGate(inner, sp.GetRequiredService<ILogger<UrgentHelpSafetyGate>>()));
        return services;
    }

    /// <summary>The page's files, the page, and the Direct Line routes (unless Azure's is used). The security headers of
    /// every response are set by the hardening middleware (Hardening/SecurityHeaders).</summary>
    public static WebApplication MapWebChat(this WebApplication app)
    {
        app.UseWebChatFiles();
        app.MapWebChatEndpoints();
        var options = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value;
        if (!options.UsesAzure) app.MapDirectLine();
        return app;
    }
}
