using ActionMonth.Bot.Cli;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Tests.Cli;

public sealed class CliVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actionmonth-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Verbs_are_split_from_host_configuration_arguments()
    {
        var command = CliCommand.Parse(["detect", "a.jsonl", "--Knowledge:Path=k", "b.jsonl"]);
        Assert.Equal("detect", command.Verb);
        Assert.Equal(["a.jsonl", "b.jsonl"], command.VerbArgs);
        Assert.Equal(["--Knowledge:Path=k"], command.HostArgs);
        Assert.Null(CliCommand.Parse(["--urls=http://localhost:5001"]).Verb);
    }

    [Fact]
    public void Detect_reports_recall_and_false_escalations_and_succeeds_when_the_targets_are_met()
    {
        var file = Write("ok.jsonl",
            """{"id":"u1","text":"bố em đánh em chảy máu, em sợ lắm","label":"urgent"}""",
            """{"id":"u2","text":"em không muốn sống nữa","label":"urgent"}""",
            """{"id":"i1","text":"trẻ em có những quyền gì?","label":"info"}""",
            """{"id":"i2","text":"tháng hành động vì trẻ em là tháng mấy","label":"info"}""");
        var output = new StringWriter();

        var exit = DetectVerb.Run(DisclosureDetector.Default, [file], output);

        Assert.Equal(0, exit);
        Assert.Contains("recall on urgent+emergency   2/2 = 1.000", output.ToString());
        Assert.Contains("false escalations (info/none) 0/2", output.ToString());
    }

    [Fact]
    public void Detect_fails_when_an_urgent_message_is_missed_and_names_a_missing_file()
    {
        // A line labelled urgent that carries no sign of harm: the detector rightly leaves it, so the set's recall
        // drops below 1.00 and the verb must say the target is missed.
        var file = Write("miss.jsonl",
            """{"id":"u1","text":"bố em đánh em chảy máu","label":"urgent"}""",
            """{"id":"u2","text":"hôm nay trời đẹp quá","label":"urgent"}""");
        var output = new StringWriter();

        Assert.Equal(1, DetectVerb.Run(DisclosureDetector.Default, [file], output));
        Assert.Contains("targets MISSED", output.ToString());

        var missing = new StringWriter();
        Assert.Equal(1, DetectVerb.Run(DisclosureDetector.Default, [Path.Combine(_folder, "none.jsonl")], missing));
        Assert.Contains("no such file", missing.ToString());
        Assert.Equal(2, DetectVerb.Run(DisclosureDetector.Default, [], new StringWriter()));
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
