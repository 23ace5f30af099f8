using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Content.Support;

/// <summary>The allowed official names of eight or more words (Content/official-names.txt), read from the source
/// tree: the list is reviewed with the content, so it lives beside the test that uses it, not in the build output.</summary>
public static class OfficialNames
{
    public static string Path { get; } =
        System.IO.Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Content", "official-names.txt");

    public static IReadOnlyList<(int Line, string Name)> Read() =>
        File.ReadAllLines(Path)
            .Select((text, i) => (Line: i + 1, Name: text.Trim()))
            .Where(x => x.Name.Length > 0 && !x.Name.StartsWith('#'))
            .ToList();
}
