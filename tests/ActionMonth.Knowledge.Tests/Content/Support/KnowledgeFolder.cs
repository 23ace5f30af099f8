using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Tests.Support;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content.Support;

/// <summary>One Markdown file of knowledge/: its name as the loader reports it ("knowledge/faq/x.md"), its lines
/// (NFC, as the loader reads them; line i is Lines[i - 1]) and its heading blocks from <see cref="MarkdownBlockReader"/>.</summary>
public sealed record KnowledgeFile(string Relative, string Name, string RawText, IReadOnlyList<string> Lines, IReadOnlyList<MarkdownBlock> Blocks)
{
    public string Section => Relative.Split('/')[0];
    public bool IsCardFile => Section is "faq" or "procedures";
    public string At(int line) => $"{Name}:{line}";
}

/// <summary>
/// The repository's knowledge/ read once with the project's own parsers, file by file and before the loader's
/// cross-checks (which drop bad citations, duplicate ids and cards without citations), so the content tests see
/// everything that is written, with the line it is written on.
/// </summary>
public static class KnowledgeFolder
{
    private static readonly Lazy<ReadResult> Loaded = new(Load);

    /// <summary>Every .md file under knowledge/, README.md included (it is in the folder and is scanned for phone
    /// numbers and copied text like the rest), in ordinal order.</summary>
    public static IReadOnlyList<KnowledgeFile> Files => Loaded.Value.Files;

    public static IReadOnlyList<(KnowledgeFile File, DocumentGuide Guide)> Guides => Loaded.Value.Guides;

    public static IReadOnlyList<(KnowledgeFile File, KnowledgeCard Card)> Cards => Loaded.Value.Cards;

    public static IReadOnlyList<Hotline> Hotlines => Loaded.Value.Hotlines;

    public static KnowledgeFile? HotlineFile => Files.FirstOrDefault(f => f.Relative == "hotlines.md");

    /// <summary>What the parsers reported while reading the files one by one.</summary>
    public static IReadOnlyList<KnowledgeLoadError> ParseErrors => Loaded.Value.Errors;

    private sealed record ReadResult(
        IReadOnlyList<KnowledgeFile> Files,
        IReadOnlyList<(KnowledgeFile, DocumentGuide)> Guides,
        IReadOnlyList<(KnowledgeFile, KnowledgeCard)> Cards,
        IReadOnlyList<Hotline> Hotlines,
        IReadOnlyList<KnowledgeLoadError> Errors);

    private static ReadResult Load()
    {
        var root = RepositoryPaths.Knowledge;
        var errors = new List<KnowledgeLoadError>();
        var files = new List<KnowledgeFile>();
        var guides = new List<(KnowledgeFile, DocumentGuide)>();
        var cards = new List<(KnowledgeFile, KnowledgeCard)>();
        var hotlines = new List<Hotline>();
        foreach (var path in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var name = "knowledge/" + relative;
            var raw = File.ReadAllText(path);
            var lines = VietnameseText.ToNfc(raw.TrimStart('\uFEFF')).ReplaceLineEndings("\n").Split('\n');
            // Block errors are reported once, by the parsers below.
            var file = new KnowledgeFile(relative, name, raw, lines, MarkdownBlockReader.Read(raw, name, new List<KnowledgeLoadError>()));
            files.Add(file);
            if (relative == "README.md") continue;
            switch (file.Section)
            {
                case "guides":
                    if (GuideParser.Parse(raw, name, errors) is { } guide) guides.Add((file, guide));
                    break;
                case "faq":
                    cards.AddRange(CardParser.Parse(raw, name, CardKind.Faq, errors).Select(c => (file, c)));
                    break;
                case "procedures":
                    cards.AddRange(CardParser.Parse(raw, name, CardKind.Procedure, errors).Select(c => (file, c)));
                    break;
                case "hotlines.md":
                    hotlines.AddRange(HotlineParser.Parse(raw, name, errors));
                    break;
            }
        }
        return new ReadResult(files, guides, cards, hotlines, errors);
    }
}
