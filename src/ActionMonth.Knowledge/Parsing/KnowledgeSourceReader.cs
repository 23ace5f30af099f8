using System.Security.Cryptography;
using System.Text;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Parsing;

/// <summary>
/// Reads the knowledge folder (guides/, faq/, procedures/, hotlines.md) and the official-text folders into one
/// <see cref="KnowledgeSnapshot"/>. A missing folder is a warning, a malformed file or entry an error with its
/// file and line; everything else still loads. Cross-checks every citation against the official texts.
/// </summary>
public static class KnowledgeSourceReader
{
    private static readonly HashSet<string> SkippedNames = new(StringComparer.OrdinalIgnoreCase) { "README.md", "SOURCES.md" };

    public static KnowledgeSnapshot Read(KnowledgeSources sources)
    {
        var errors = new List<KnowledgeLoadError>();
        var warnings = new List<string>();
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var documents = new List<OfficialDocument>();
        var guides = new List<DocumentGuide>();
        var cards = new List<KnowledgeCard>();
        var hotlines = new List<Hotline>();

        foreach (var folder in sources.ExtraSources)
        {
            if (!Directory.Exists(folder))
            {
                warnings.Add($"official-text folder {folder} does not exist; nothing read from it");
                continue;
            }
            foreach (var (path, name, text) in MarkdownFiles(folder, hash, "extra"))
            {
                var doc = OfficialTextParser.Parse(text, name, errors);
                if (doc is null) continue;
                if (documents.Any(d => DocumentNumber.Same(d.Number, doc.Number)))
                {
                    errors.Add(new KnowledgeLoadError(doc.Source, $"document {doc.Number} is already loaded from another file; this one is ignored"));
                    continue;
                }
                documents.Add(doc);
            }
        }

        if (!Directory.Exists(sources.KnowledgePath))
        {
            warnings.Add($"knowledge folder {sources.KnowledgePath} does not exist; only official texts are indexed");
        }
        else
        {
            foreach (var (path, name, text) in MarkdownFiles(sources.KnowledgePath, hash, "knowledge"))
            {
                var relative = Path.GetRelativePath(sources.KnowledgePath, path).Replace('\\', '/');
                var top = relative.Split('/')[0];
                switch (top)
                {
                    case "guides":
                        if (GuideParser.Parse(text, name, errors) is { } guide)
                        {
                            if (guides.Any(g => DocumentNumber.Same(g.Doc, guide.Doc)))
                                errors.Add(new KnowledgeLoadError(guide.Source, $"a guide for {guide.Doc} is already loaded; this one is ignored"));
                            else guides.Add(guide);
                        }
                        break;
                    case "faq":
                        cards.AddRange(CardParser.Parse(text, name, CardKind.Faq, errors));
                        break;
                    case "procedures":
                        cards.AddRange(CardParser.Parse(text, name, CardKind.Procedure, errors));
                        break;
                    case "hotlines.md":
                        hotlines.AddRange(HotlineParser.Parse(text, name, errors));
                        break;
                    default:
                        warnings.Add($"{name}: not in guides/, faq/, procedures/ or hotlines.md; not read");
                        break;
                }
            }
        }

        hash.AppendData(Encoding.UTF8.GetBytes("index-format:" + IndexFormat.Version));
        var uniqueCards = DropDuplicateCards(cards, errors);
        var checkedCards = CitationChecker.CheckCards(uniqueCards, documents, guides, errors);
        CitationChecker.CheckGuides(guides, documents, errors);
        return new KnowledgeSnapshot(documents, guides, checkedCards, hotlines, errors, warnings,
            Convert.ToHexString(hash.GetHashAndReset()));
    }

    private static IEnumerable<(string Path, string Name, string Text)> MarkdownFiles(string folder, IncrementalHash hash, string label)
    {
        var files = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Where(f => !SkippedNames.Contains(Path.GetFileName(f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                // A file being written while we read it: the watcher fires again when the write ends.
                continue;
            }
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            hash.AppendData(Encoding.UTF8.GetBytes($"{label}:{relative}\n"));
            hash.AppendData(bytes);
            yield return (file, $"{Path.GetFileName(folder)}/{relative}", Encoding.UTF8.GetString(bytes));
        }
    }

    private static List<KnowledgeCard> DropDuplicateCards(List<KnowledgeCard> cards, List<KnowledgeLoadError> errors)
    {
        var seen = new Dictionary<string, KnowledgeCard>(StringComparer.Ordinal);
        var result = new List<KnowledgeCard>();
        foreach (var card in cards)
        {
            if (seen.TryGetValue(card.Id, out var first))
            {
                errors.Add(new KnowledgeLoadError(card.Source, $"card id '{card.Id}' is already used at {first.Source}; this card is skipped"));
                continue;
            }
            seen[card.Id] = card;
            result.Add(card);
        }
        return result;
    }
}
