namespace ActionMonth.Knowledge.Tests.Support;

/// <summary>Where the repository and the read-only ../shared material are, seen from the test binaries.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding ActionMonth.Bot.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A question set written before calibration (Evaluation/): held-out, chat-style and off-topic.</summary>
    public static string Evaluation(string name) => Path.Combine(AppContext.BaseDirectory, "Evaluation", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActionMonth.Bot.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ActionMonth.Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// The official corpus and dev sets in ../shared (found through ACTIONMONTH_SHARED, else beside the repository).
/// Missing: tests that need it are skipped with the reason, except when ACTIONMONTH_REQUIRE_SHARED=1 (CI), where
/// they fail, so a CI run can never pass without having read the official texts.
/// </summary>
public static class SharedData
{
    public static string? Folder { get; } = Find();

    public static bool Required => Environment.GetEnvironmentVariable("ACTIONMONTH_REQUIRE_SHARED") == "1";

    /// <summary>The corpus folder, or a skip (a failure when required) explaining what is missing.</summary>
    public static string Corpus => Path.Combine(Require(), "corpus");

    public static string Eval(string name) => Path.Combine(Require(), "eval", name);

    public static string Require()
    {
        if (Folder is not null) return Folder;
        var reason = "../shared (official corpus and dev sets) not found: set ACTIONMONTH_SHARED or place shared/ beside the repository";
        if (Required) throw new InvalidOperationException("ACTIONMONTH_REQUIRE_SHARED=1 but " + reason);
        Skip.If(true, reason);
        return "";
    }

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("ACTIONMONTH_SHARED");
        if (!string.IsNullOrWhiteSpace(fromEnv) && Directory.Exists(Path.Combine(fromEnv, "corpus"))) return Path.GetFullPath(fromEnv);
        var beside = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared"));
        return Directory.Exists(Path.Combine(beside, "corpus")) ? beside : null;
    }
}
