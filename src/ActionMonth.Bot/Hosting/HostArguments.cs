namespace ActionMonth.Bot.Hosting;

/// <summary>
/// The host's own defaults for the configuration arguments it is started with.
/// </summary>
public static class HostArguments
{
    public const string ReloadConfigOnChange = "hostBuilder:reloadConfigOnChange";

    /// <summary>
    /// Configuration is read once, at start. The content root is the repository, and the SQLite database and the index
    /// live under it (data/): with reload-on-change, .NET puts a recursive FileSystemWatcher on the content root, which
    /// then woke on every state write (about 4 % of the bot's CPU under load). A changed appsettings.json takes effect on
    /// restart. An operator who wants reloading back sets <c>--hostBuilder:reloadConfigOnChange=true</c> or
    /// <c>DOTNET_hostBuilder__reloadConfigOnChange=true</c>.
    /// </summary>
    public static string[] WithConfigurationReadOnce(string[] args)
    {
        var chosen = Environment.GetEnvironmentVariable("DOTNET_" + ReloadConfigOnChange.Replace(":", "__", StringComparison.Ordinal)) is { Length: > 0 }
            || args.Any(a => a.TrimStart('-', '/').StartsWith(ReloadConfigOnChange, StringComparison.OrdinalIgnoreCase));
        // First, so that a later argument of the same key would still win.
        return chosen ? args : [$"--{ReloadConfigOnChange}=false", .. args];
    }
}
