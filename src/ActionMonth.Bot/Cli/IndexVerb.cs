using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Bot.Cli;

/// <summary>`index`: builds the index from scratch (even when it is current) and prints what went into it and how
/// long it took.</summary>
public static class IndexVerb
{
    public static async Task<int> RunAsync(KnowledgeIndex index, TextWriter output, CancellationToken cancellationToken)
    {
        var report = await Task.Run(() => index.Load(forceRebuild: true), cancellationToken);
        output.WriteLine($"index path: {index.Sources.IndexPath}");
        CliVerbRunner.PrintLoad(report, output);
        return 0;
    }
}
