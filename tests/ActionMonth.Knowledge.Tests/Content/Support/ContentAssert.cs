namespace ActionMonth.Knowledge.Tests.Content.Support;

/// <summary>Fails with every problem listed, one per line, under a sentence saying what the rule is, so a reviewer
/// can fix the content from the message alone.</summary>
public static class ContentAssert
{
    public static void NoProblems(IEnumerable<string> problems, string rule)
    {
        var list = problems.ToList();
        if (list.Count == 0) return;
        Assert.Fail($"{rule}\n{list.Count} problem(s):\n  " + string.Join("\n  ", list));
    }
}
