using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Safety;

/// <summary>The detector's own labelled sets, kept beside these tests (the shared dev set comes through
/// <see cref="SharedData"/>).</summary>
internal static class SafetyTestFiles
{
    public const string OwnDev = "disclosures-own-dev.jsonl";
    public const string OwnHeldOut = "disclosures-own-heldout.jsonl";

    /// <summary>A second held-out part, written after the first held-out run to measure the detector blind again.</summary>
    public const string OwnBlind = "disclosures-own-blind.jsonl";

    public static string OwnData(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Safety", "Data", name);
}
