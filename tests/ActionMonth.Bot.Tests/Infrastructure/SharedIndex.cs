using ActionMonth.Knowledge.Indexing;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>
/// One knowledge index built from the repository's knowledge/ and the official corpus, once per test run, then
/// opened read-only by every host (the index is derived data, not state: each host still has its own database
/// and content root). Building it once saves seconds per test.
/// </summary>
public static class SharedIndex
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Built.Value;

    private static string Build()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actionmonth-tests", "index-" + Environment.ProcessId);
        using var index = new KnowledgeIndex(new KnowledgeSources(RepositoryPaths.Knowledge, [RepositoryPaths.Corpus], path));
        var report = index.Load(forceRebuild: true);
        if (report.Articles == 0) throw new InvalidOperationException($"No official articles found under {RepositoryPaths.Corpus}.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(path, recursive: true); } catch (IOException) { }
        };
        return path;
    }
}
