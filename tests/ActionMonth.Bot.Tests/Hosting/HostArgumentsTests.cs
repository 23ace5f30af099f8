using ActionMonth.Bot.Hosting;
using ActionMonth.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Hosting;

/// <summary>Configuration is read once: no watcher on the content root, which holds the database and wakes on every write.</summary>
public sealed class HostArgumentsTests
{
    [Fact]
    public void Reloading_is_turned_off_unless_the_operator_chose()
    {
        Assert.Equal(["--hostBuilder:reloadConfigOnChange=false", "--Storage:Provider=Sqlite"],
            HostArguments.WithConfigurationReadOnce(["--Storage:Provider=Sqlite"]));
        string[] chosen = ["--hostBuilder:reloadConfigOnChange=true"];
        Assert.Same(chosen, HostArguments.WithConfigurationReadOnce(chosen));
    }

    [Fact]
    public async Task The_host_reads_its_json_settings_without_watching_the_content_root()
    {
        await using var host = BotTestHost.Start();
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();
        var json = configuration.Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.NotEmpty(json);
        Assert.All(json, provider => Assert.False(provider.Source.ReloadOnChange, provider.Source.Path));
    }
}
