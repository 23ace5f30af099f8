using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

/// <summary>Registers the knowledge engine: options from the "Knowledge" section, the index (loaded in the
/// background at start and reloaded when knowledge/ changes), search, catalog and the "knowledge" health check.</summary>
public static class KnowledgeHostingExtensions
{
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KnowledgeOptions>(configuration.GetSection(KnowledgeOptions.SectionName));
        services.AddSingleton(sp => new KnowledgeIndex(
            sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.Resolve(sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton(sp => new KnowledgeSearchEngine(sp.GetRequiredService<KnowledgeIndex>()));
        services.AddSingleton<IKnowledgeSearch>(sp => sp.GetRequiredService<KnowledgeSearchEngine>());
        services.AddSingleton<IKnowledgeCatalog>(sp => new CurrentKnowledgeCatalog(sp.GetRequiredService<KnowledgeIndex>()));
        services.AddHostedService<KnowledgeIndexService>();
        services.AddHealthChecks().AddCheck<KnowledgeHealthCheck>("knowledge");
        return services;
    }
}
