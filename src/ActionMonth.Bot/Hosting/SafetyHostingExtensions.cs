using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Safety;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

public static class SafetyHostingExtensions
{
    /// <summary>The disclosure detector that reads every message of every channel first. Its rules and lexicons
    /// are embedded data files (src/ActionMonth.Knowledge/Safety), loaded once; a malformed file stops the host.</summary>
    public static IServiceCollection AddDisclosureDetection(this IServiceCollection services)
    {
        // Remembers its decisions on recent texts (Bot:DetectorCacheSize): the same text, the same decision.
        services.AddSingleton<IDisclosureDetector>(sp =>
            new CachedDisclosureDetector(DisclosureDetector.Default, sp.GetRequiredService<IOptions<BotOptions>>()));
        return services;
    }
}
