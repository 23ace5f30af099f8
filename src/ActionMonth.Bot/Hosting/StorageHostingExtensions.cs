using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

/// <summary>Registers the state database chosen by Storage:Provider, its schema, feedback store and health check.</summary>
public static class StorageHostingExtensions
{
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        foreach (var migration in StateSchema.Migrations) services.AddSingleton(migration);

        var provider = configuration[$"{StorageOptions.Section}:Provider"];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(sp => new SqliteDatabase(
                sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString,
                sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
                sp.GetServices<SchemaMigration>(),
                sp.GetRequiredService<ILogger<SqliteDatabase>>()));
            services.AddSingleton<SqliteBotStateStore>();
            services.AddSingleton<IBotStateStore>(sp => sp.GetRequiredService<SqliteBotStateStore>());
            services.AddSingleton<IFeedbackStore, SqliteFeedbackStore>();
        }
        else
        {
            // A PostgreSQL provider registers its own IBotStateStore/IFeedbackStore here (issue 8).
            throw new InvalidOperationException(
                $"Storage:Provider '{provider}' is not available in this build; use 'Sqlite'.");
        }

        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<IBotStateStore>());
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        services.AddHostedService<StateRetentionService>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name);
        return services;
    }
}
