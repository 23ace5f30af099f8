using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Hosting;

public static class SafetyHostingExtensions
{
    /// <summary>The disclosure detector that reads every message of every channel first. Its rules and lexicons
    /// are embedded data files (src/ActionMonth.Knowledge/Safety), loaded once; a malformed file stops the host.</summary>
    public static IServiceCollection AddDisclosureDetection(this IServiceCollection services)
    {
        services.AddSingleton<IDisclosureDetector>(_ => DisclosureDetector.Default);
        return services;
    }
}
