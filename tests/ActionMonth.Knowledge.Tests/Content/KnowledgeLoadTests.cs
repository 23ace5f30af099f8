using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Content.Support;
using ActionMonth.Knowledge.Tests.Support;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content;

/// <summary>knowledge/ loads cleanly with the loader the bot uses: every malformed entry, unknown key, duplicate id
/// or citation that does not exist is a <see cref="Model.KnowledgeLoadError"/>, and a load error means the bot
/// silently lost part of what we wrote.</summary>
public sealed class KnowledgeLoadTests
{
    [SkippableFact]
    public void Knowledge_loads_without_errors_or_warnings_against_the_official_corpus()
    {
        var snapshot = KnowledgeSourceReader.Read(new KnowledgeSources(RepositoryPaths.Knowledge, [SharedData.Corpus], ""));
        ContentAssert.NoProblems(snapshot.Errors.Select(e => e.ToString()).Concat(snapshot.Warnings),
            "Loading knowledge/ with ../shared/corpus must report nothing (knowledge/README.md defines the format):");
    }

    [Fact]
    public void Knowledge_loads_without_errors_or_warnings_on_its_own()
    {
        // What the acceptance eval indexes: knowledge/ without ExtraSources, citations checked against the guides.
        var snapshot = KnowledgeSourceReader.Read(new KnowledgeSources(RepositoryPaths.Knowledge, [], ""));
        ContentAssert.NoProblems(snapshot.Errors.Select(e => e.ToString()).Concat(snapshot.Warnings),
            "Loading knowledge/ alone (no ExtraSources) must report nothing:");
        Assert.NotEmpty(snapshot.Guides);
        Assert.NotEmpty(snapshot.Cards);
    }

    [Fact]
    public void Every_file_is_valid_UTF8_in_NFC()
    {
        var problems = new List<string>();
        foreach (var file in KnowledgeFolder.Files)
        {
            for (var i = 0; i < file.Lines.Count; i++)
            {
                if (file.Lines[i].Contains('\uFFFD')) problems.Add($"{file.At(i + 1)}: invalid UTF-8 (replacement character)");
            }
            var raw = file.RawText.ReplaceLineEndings("\n").Split('\n');
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != VietnameseText.ToNfc(raw[i])) problems.Add($"{file.At(i + 1)}: not NFC (decomposed diacritics); re-save the line as NFC");
            }
        }
        ContentAssert.NoProblems(problems, "knowledge/ files must be UTF-8 in NFC (knowledge/README.md):");
    }
}
