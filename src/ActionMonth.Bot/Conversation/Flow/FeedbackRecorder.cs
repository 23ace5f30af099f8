using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Conversation.Flow;

/// <summary>Stores 👍/👎 on an answer, from a button (which names the answer) or a message reaction (which
/// means the last answer). What is stored: the answer's id, card and article, the vote, channel, role and
/// language; never any text. One vote per answer: a second one replaces the first.</summary>
public sealed class FeedbackRecorder(IFeedbackStore store, TimeProvider time, ILogger<FeedbackRecorder> logger)
{
    private static readonly HashSet<string> Positive = new(StringComparer.OrdinalIgnoreCase) { "like", "+1", "👍", "thumbsup", "heart", "❤", "❤️" };
    private static readonly HashSet<string> Negative = new(StringComparer.OrdinalIgnoreCase) { "dislike", "-1", "👎", "thumbsdown" };

    /// <summary>+1, -1, or 0 for a reaction that is not a vote.</summary>
    public static int VoteOf(MessageReaction reaction) =>
        reaction.Type is null ? 0 : Positive.Contains(reaction.Type) ? 1 : Negative.Contains(reaction.Type) ? -1 : 0;

    /// <summary>Returns false when there is no answer to rate.</summary>
    public async Task<bool> RecordAsync(ITurnContext turnContext, TurnSession session, UserCommand command, string source,
        CancellationToken cancellationToken)
    {
        var last = session.Conversation.LastAnswer;
        var fromButton = command.AnswerId is not null && command.AnswerId != last?.Id;
        var answerId = command.AnswerId ?? last?.Id;
        if (answerId is null || command.Vote is not (1 or -1) || !Replies.ComposedReply.IsAnswerId(answerId)) return false;

        var record = new FeedbackRecord(
            answerId,
            command.Vote,
            source,
            turnContext.Activity.ChannelId ?? "unknown",
            fromButton ? command.CardId : last?.CardId,
            fromButton ? command.Doc : last?.Doc,
            fromButton ? command.Article : last?.Article,
            fromButton ? command.Clause : last?.Clause,
            fromButton ? null : last?.Confidence,
            session.Profile.Role?.ToString().ToLowerInvariant(),
            session.Profile.Language,
            time.GetUtcNow());
        await store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Feedback {Vote} on answer {AnswerId} ({Source})", command.Vote, answerId, source);
        return true;
    }
}
