using System.Diagnostics;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.DirectLine;

/// <summary>What happened to a posted activity.</summary>
public enum PostOutcome { Accepted, Duplicate, Ignored, ConversationNotFound, BotFailed }

/// <summary>
/// The Direct Line conversation logic behind the HTTP routes: starting a conversation (and the bot's welcome),
/// accepting the user's activities (stored first, which is the echo Web Chat waits for, then the bot's turn), and
/// reading the stream by watermark. Logs ids and timings only, never text.
/// </summary>
public sealed class DirectLineChannel(
    IDirectLineStore store,
    DirectLineServiceUrls serviceUrls,
    DirectLineBotAccount botAccount,
    DirectLineTurnRunner turns,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineChannel> logger)
{
    /// <summary>Starts the token's conversation if needed. True when it was created now (and the bot welcomed the user).</summary>
    public async Task<bool> EnsureStartedAsync(DirectLineGrant grant, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await store.StartConversationAsync(grant.ConversationId, grant.UserId, now, cancellationToken).ConfigureAwait(false))
            return false;

        var started = Stopwatch.GetTimestamp();
        var serviceUrl = await serviceUrls.ForAsync(grant.ConversationId, cancellationToken).ConfigureAwait(false);
        var status = await turns.RunAsync(DirectLineActivities.ConversationStarted(grant, botAccount.Account, serviceUrl, now),
            cancellationToken).ConfigureAwait(false);
        if (status >= 400)
            logger.LogError("The welcome turn of conversation {ConversationId} failed with {Status}", grant.ConversationId, status);
        else
            logger.LogInformation("Direct Line conversation {ConversationId} started in {ElapsedMs} ms", grant.ConversationId,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken cancellationToken) =>
        store.GetConversationAsync(conversationId, cancellationToken);

    public async Task<(PostOutcome Outcome, string? ActivityId)> PostAsync(DirectLineGrant grant, JObject posted, CancellationToken cancellationToken)
    {
        var type = posted.Value<string>("type");
        if (DirectLineActivities.IsIgnoredFromClient(type)) return (PostOutcome.Ignored, string.Empty);

        var bot = botAccount.Account;
        var now = time.GetUtcNow();
        JObject? stored = null;
        var appended = await store.AppendAsync(grant.ConversationId, DirectLineActivities.ClientActivityId(posted), (id, _) =>
        {
            stored = DirectLineActivities.FromClient(posted, grant, bot, id, now);
            return DirectLineJson.Serialize(stored);
        }, now, cancellationToken).ConfigureAwait(false);
        if (appended is null) return (PostOutcome.ConversationNotFound, null);
        if (appended.Duplicate || stored is null)
        {
            logger.LogInformation("Activity {ActivityId} was posted again (same clientActivityID); not run twice", appended.ActivityId);
            return (PostOutcome.Duplicate, appended.ActivityId);
        }

        var started = Stopwatch.GetTimestamp();
        var serviceUrl = await serviceUrls.ForAsync(grant.ConversationId, cancellationToken).ConfigureAwait(false);
        var status = await turns.RunAsync(DirectLineActivities.ForBot(stored, serviceUrl), cancellationToken).ConfigureAwait(false);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (status >= 400)
        {
            logger.LogError("Turn for activity {ActivityId} ({Type}) failed with {Status} after {ElapsedMs} ms", appended.ActivityId, type, status, elapsed);
            return (PostOutcome.BotFailed, appended.ActivityId);
        }
        logger.LogInformation("Turn for activity {ActivityId} ({Type}) done in {ElapsedMs} ms", appended.ActivityId, type, elapsed);
        return (PostOutcome.Accepted, appended.ActivityId);
    }

    /// <summary>The activities after <paramref name="watermark"/> (one page) and the watermark to ask with next.</summary>
    public async Task<(IReadOnlyList<StoredActivity> Activities, long Watermark)> ReadAsync(string conversationId, long watermark,
        CancellationToken cancellationToken)
    {
        var page = Math.Clamp(options.Value.PageSize, 1, 1000);
        var activities = await store.ReadAsync(conversationId, watermark, page, cancellationToken).ConfigureAwait(false);
        return (activities, activities.Count == 0 ? watermark : activities[^1].Sequence);
    }
}
