namespace ActionMonth.Bot.Cli;

/// <summary>
/// The command line split into a verb (index, eval, ask, detect) with its arguments, and the arguments meant for the host's
/// configuration ("--Key=Value"). Without a verb every argument goes to the host and the server runs.
/// </summary>
public sealed record CliCommand(string? Verb, IReadOnlyList<string> VerbArgs, string[] HostArgs)
{
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "index", "eval", "ask", "detect" };

    public static CliCommand Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0])) return new CliCommand(null, [], args);
        var verbArgs = new List<string>();
        var hostArgs = new List<string>();
        foreach (var arg in args.Skip(1))
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=')) hostArgs.Add(arg);
            else verbArgs.Add(arg);
        }
        return new CliCommand(args[0], verbArgs, hostArgs.ToArray());
    }
}
