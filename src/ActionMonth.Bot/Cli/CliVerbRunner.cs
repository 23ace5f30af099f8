using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Bot.Cli;

/// <summary>Runs a CLI verb on the built host's services instead of starting the server. Exit codes: 0 done,
/// 1 failed, 2 wrong usage.</summary>
public static class CliVerbRunner
{
    public static async Task<int> RunVerbAsync(this WebApplication app, CliCommand command, CancellationToken cancellationToken = default)
    {
        var output = Console.Out;
        var index = app.Services.GetRequiredService<KnowledgeIndex>();
        try
        {
            return command.Verb switch
            {
                "index" => await IndexVerb.RunAsync(index, output, cancellationToken),
                "eval" => await EvalVerb.RunAsync(index, command.VerbArgs, output, cancellationToken),
                "ask" => await AskVerb.RunAsync(index, app.Services, command.VerbArgs, output, cancellationToken),
                // The detector itself, not the host's cached one: the verb measures its throughput over repeated passes.
                "detect" => DetectVerb.Run(ActionMonth.Knowledge.Safety.DisclosureDetector.Default, command.VerbArgs, output),
                _ => Usage(output),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or Lucene.Net.Store.LockObtainFailedException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    internal static int Usage(TextWriter output)
    {
        output.WriteLine("usage: dotnet run --project src/ActionMonth.Bot -- index | eval FILE.jsonl [FILE.jsonl …] [-v] | ask \"câu hỏi\" | detect FILE.jsonl…");
        return 2;
    }

    internal static void PrintLoad(IndexLoadReport r, TextWriter output)
    {
        output.WriteLine($"documents: {r.Documents}  articles: {r.Articles}  guides: {r.Guides}  cards: {r.Cards}  passages: {r.Passages}");
        output.WriteLine($"index {(r.Rebuilt ? "built" : "up to date")} in {r.Elapsed.TotalMilliseconds:F0} ms (read and parse {r.Phases.Read.TotalMilliseconds:F0} ms, "
            + $"write {r.Phases.Write.TotalMilliseconds:F0} ms, open searcher {r.Phases.Open.TotalMilliseconds:F0} ms)");
        foreach (var w in r.Warnings) output.WriteLine($"warning: {w}");
        foreach (var e in r.Errors) output.WriteLine($"error: {e}");
    }
}
