using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Content.Support;

/// <summary>One file of ../shared/corpus: its text and what the project's own parser made of it.</summary>
public sealed record CorpusFile(string Name, string Text, OfficialDocument? Document);

/// <summary>
/// The official texts in ../shared/corpus, read once per test run with <see cref="OfficialTextParser"/> (the parser the
/// bot indexes them with), so the content checks agree with what the bot will cite. Missing ../shared: the caller is
/// skipped with the reason, or fails under ACTIONMONTH_REQUIRE_SHARED=1 (see <see cref="SharedData"/>).
/// </summary>
public static class OfficialCorpus
{
    private static readonly Lazy<ReadResult> Loaded = new(Load);

    public static IReadOnlyList<CorpusFile> Files => Get().Files;

    public static IReadOnlyList<OfficialDocument> Documents => Get().Documents;

    public static IReadOnlyList<KnowledgeLoadError> Errors => Get().Errors;

    public static OfficialDocument? Find(string doc) => Documents.FirstOrDefault(d => DocumentNumber.Same(d.Number, doc));

    private sealed record ReadResult(IReadOnlyList<CorpusFile> Files, IReadOnlyList<OfficialDocument> Documents, IReadOnlyList<KnowledgeLoadError> Errors);

    private static ReadResult Get()
    {
        // Outside the Lazy: a skip is an exception, and a Lazy would cache it for every later caller.
        SharedData.Require();
        return Loaded.Value;
    }

    private static ReadResult Load()
    {
        var errors = new List<KnowledgeLoadError>();
        var files = new List<CorpusFile>();
        foreach (var path in Directory.GetFiles(SharedData.Corpus, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name == "SOURCES.md") continue;
            var text = File.ReadAllText(path);
            files.Add(new CorpusFile(name, text, OfficialTextParser.Parse(text, "corpus/" + name, errors)));
        }
        return new ReadResult(files, files.Select(f => f.Document).OfType<OfficialDocument>().ToList(), errors);
    }
}
