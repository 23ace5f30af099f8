using ActionMonth.Bot.Adapters;
using ActionMonth.Knowledge.Indexing;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Cli;

/// <summary>
/// `ask "câu hỏi"`: prints the answer the bot gives, through the same adapter and bot as POST /api/messages (one
/// message activity with expectReplies, run in process), then its citations and suggested actions. `-v` also
/// prints the engine's ranked hits. The CLI is its own channel ("cli"), a one-shot conversation with no welcome.
/// </summary>
public static class AskVerb
{
    public const string ChannelId = "cli";

    public static async Task<int> RunAsync(KnowledgeIndex index, IServiceProvider services, IReadOnlyList<string> args, TextWriter output,
        CancellationToken cancellationToken)
    {
        var verbose = args.Contains("-v");
        var question = string.Join(' ', args.Where(a => a != "-v"));
        if (question.Length == 0) return CliVerbRunner.Usage(output);
        await Task.Run(() => index.Load(), cancellationToken);

        var replies = await AskAsync(services, question, cancellationToken);
        foreach (var reply in replies)
        {
            output.WriteLine(reply.Text);
            output.WriteLine();
        }
        foreach (var entity in replies.SelectMany(r => r.Entities ?? []).Where(e => e.Type == "actionmonth/citation"))
        {
            var clause = entity.Properties["clause"] is { Type: JTokenType.Integer } k ? $" khoản {k}" : string.Empty;
            output.WriteLine($"citation: {entity.Properties["doc"]} Điều {entity.Properties["article"]}{clause}");
        }
        var suggested = replies.LastOrDefault()?.SuggestedActions?.Actions;
        if (suggested is { Count: > 0 }) output.WriteLine("suggested: " + string.Join(" | ", suggested.Select(a => a.Title)));

        if (verbose) PrintHits(services.GetRequiredService<IKnowledgeSearch>(), question, output);
        return 0;
    }

    /// <summary>One question through the adapter and the bot; the bot's message replies.</summary>
    public static async Task<IReadOnlyList<Activity>> AskAsync(IServiceProvider services, string question, CancellationToken cancellationToken)
    {
        var adapter = services.GetRequiredService<ErrorHandlingAdapter>();
        var bot = services.GetRequiredService<IBot>();
        var conversation = "cli-" + Guid.NewGuid().ToString("N");
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = conversation + "-1",
            Timestamp = DateTimeOffset.UtcNow,
            ChannelId = ChannelId,
            // Never called: with expectReplies the replies come back in the result.
            ServiceUrl = "http://localhost/cli",
            From = new ChannelAccount("cli-user", "CLI"),
            Recipient = new ChannelAccount("bot", "ActionMonth.Bot"),
            Conversation = new ConversationAccount(id: conversation),
            DeliveryMode = DeliveryModes.ExpectReplies,
            Text = question,
        };
        var response = await adapter.ProcessInProcessAsync(activity, bot, cancellationToken);
        var expected = response?.Body as ExpectedReplies;
        return expected?.Activities?.Where(a => a.Type == ActivityTypes.Message).ToList() ?? [];
    }

    private static void PrintHits(IKnowledgeSearch search, string question, TextWriter output)
    {
        SearchResult result;
        try
        {
            result = search.Search(question);
        }
        catch (ArgumentException ex)
        {
            output.WriteLine($"engine: {ex.Message}");
            return;
        }
        output.WriteLine();
        output.WriteLine($"engine confidence: {result.Confidence.ToString().ToLowerInvariant()}{(result.IsCitationLookup ? " (citation lookup)" : "")}");
        var rank = 0;
        foreach (var hit in result.Hits)
        {
            rank++;
            var where = hit.Article is { } a ? $"Điều {a}" + (hit.Clause is { } k ? $" khoản {k}" : "") : $"Mục {hit.Section}";
            output.WriteLine($"{rank}. [{hit.Kind.ToString().ToLowerInvariant()}] {where} {hit.DocTitle} ({hit.Doc}) — {hit.ArticleTitle}  score {hit.Score:F2}"
                + (hit.CardId is null ? "" : $"  card {hit.CardId}"));
            output.WriteLine($"   {hit.Snippet}");
        }
        if (rank == 0) output.WriteLine("no match");
    }
}
