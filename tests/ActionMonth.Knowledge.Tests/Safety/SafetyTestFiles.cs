namespace ActionMonth.Knowledge.Tests.Safety;

/// <summary>Where the labelled sets live: this project's own beside the tests, the shared dev set in
/// ACTIONMONTH_SHARED or ../shared beside the repository root.</summary>
internal static class SafetyTestFiles
{
    public const string OwnDev = "disclosures-own-dev.jsonl";
    public const string OwnHeldOut = "disclosures-own-heldout.jsonl";

    /// <summary>A second held-out part, written after the first held-out run to measure the detector blind again.</summary>
    public const string OwnBlind = "disclosures-own-blind.jsonl";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string OwnData(string name) =>
        Path.Combine(RepositoryRoot, "tests", "ActionMonth.Knowledge.Tests", "Safety", "Data", name);

    /// <summary>The shared folder, or null when it is not there.</summary>
    public static string? SharedDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("ACTIONMONTH_SHARED");
            var candidate = string.IsNullOrWhiteSpace(fromEnvironment)
                ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"))
                : fromEnvironment;
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    public static bool SharedRequired => Environment.GetEnvironmentVariable("ACTIONMONTH_REQUIRE_SHARED") == "1";

    public static string SharedDevSet =>
        Path.Combine(SharedDirectory ?? throw new InvalidOperationException(
            "The shared dev sets are required (ACTIONMONTH_REQUIRE_SHARED=1) but neither ACTIONMONTH_SHARED nor ../shared beside the repository exists."),
            "eval", "disclosures-dev.jsonl");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ActionMonth.Bot.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("ActionMonth.Bot.sln not found above the test binaries.");
    }
}

/// <summary>A test over ../shared: skipped with the reason when the folder is absent, unless
/// ACTIONMONTH_REQUIRE_SHARED=1 (CI), where it runs and fails loudly.</summary>
public sealed class SharedEvalFactAttribute : FactAttribute
{
    public SharedEvalFactAttribute()
    {
        if (SafetyTestFiles.SharedDirectory is null && !SafetyTestFiles.SharedRequired)
        {
            Skip = "../shared (the shared dev sets) is absent and ACTIONMONTH_SHARED is not set; set ACTIONMONTH_SHARED or ACTIONMONTH_REQUIRE_SHARED=1 to run it.";
        }
    }
}
