using System.Text.Json;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Knowledge.Evaluation;

/// <summary>A question of an eval file (interfaces.md, "Question files") and the articles that answer it.</summary>
public sealed record EvalQuestion(string Id, string Question, IReadOnlyList<ArticleRef> Relevant, int Line);

/// <summary>An article of a document; document numbers compare by <see cref="DocumentNumber.Key"/>.</summary>
public readonly record struct ArticleRef(string Doc, int Article)
{
    public bool Matches(string doc, int? article) => article == Article && DocumentNumber.Same(doc, Doc);
    public override string ToString() => $"{Doc} Điều {Article}";
}

/// <summary>Reads a .jsonl question file: one {"id", "question", "relevant": [{"doc", "article"}]} per line.</summary>
public static class QuestionFile
{
    public static IReadOnlyList<EvalQuestion> Read(string path)
    {
        var questions = new List<EvalQuestion>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var relevant = root.GetProperty("relevant").EnumerateArray()
                    .Select(r => new ArticleRef(r.GetProperty("doc").GetString()!, r.GetProperty("article").GetInt32()))
                    .ToList();
                questions.Add(new EvalQuestion(root.GetProperty("id").GetString()!, root.GetProperty("question").GetString()!, relevant, number));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{number}: {ex.Message}", ex);
            }
        }
        return questions;
    }
}
