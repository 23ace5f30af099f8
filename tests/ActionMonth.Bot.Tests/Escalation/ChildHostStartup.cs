using ActionMonth.Knowledge.Safety;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

[assembly: HostingStartup(typeof(ActionMonth.Bot.Tests.Escalation.ChildHostStartup))]

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>
/// Loaded only into the host run as a child process by <see cref="HostProcess"/> (through
/// ASPNETCORE_HOSTINGSTARTUPASSEMBLIES), never into in-process test hosts: gives that host a disclosure detector
/// when it has none of its own. Registered with TryAdd before the program's own services, so a detector the
/// program registers takes precedence.
/// </summary>
public sealed class ChildHostStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.TryAddSingleton<IDisclosureDetector, EscalationTestDetector>());
}
