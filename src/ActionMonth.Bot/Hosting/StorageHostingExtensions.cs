using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

/// <summary>Registers the state database chosen by Storage:Provider (SQLite, the default, or PostgreSQL for several
/// instances), its schema, the state, feedback and lease stores and the health check. Other modules ask
/// <see cref="StorageProviders.IsPostgres"/> to register their own stores for the same provider.</summary>
public static class StorageHostingExtensions
{
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        foreach (var migration in StateSchema.Migrations) services.AddSingleton(migration);

        if (StorageProviders.IsPostgres(configuration))
        {
            foreach (var migration in PostgresStateSchema.Migrations) services.AddSingleton(migration);
            services.AddSingleton(LeaseSchema.Postgres);
            services.AddSingleton(sp => new PostgresDatabase(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString,
                sp.GetServices<PostgresSchemaMigration>(),
                sp.GetRequiredService<ILogger<PostgresDatabase>>()));
            services.AddSingleton<PostgresBotStateStore>();
            services.AddSingleton<IBotStateStore>(sp => sp.GetRequiredService<PostgresBotStateStore>());
            services.AddSingleton<IFeedbackStore, PostgresFeedbackStore>();
            services.AddSingleton<ILeaseStore, PostgresLeaseStore>();
        }
        else
        {
            services.AddSingleton(LeaseSchema.Sqlite);
            services.AddSingleton(sp => new SqliteDatabase(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString,
                sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
                sp.GetServices<SchemaMigration>(),
                sp.GetRequiredService<ILogger<SqliteDatabase>>()));
            services.AddSingleton<SqliteBotStateStore>();
            services.AddSingleton<IBotStateStore>(sp => sp.GetRequiredService<SqliteBotStateStore>());
            services.AddSingleton<IFeedbackStore, SqliteFeedbackStore>();
            services.AddSingleton<ILeaseStore, SqliteLeaseStore>();
        }

        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<IBotStateStore>());
        services.AddSingleton<TrackedConversationState>();
        services.AddSingleton<ConversationState>(sp => sp.GetRequiredService<TrackedConversationState>());
        services.AddSingleton<TrackedUserState>();
        services.AddSingleton<UserState>(sp => sp.GetRequiredService<TrackedUserState>());
        services.AddHostedService<StateRetentionService>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
        return services;
    }
}
