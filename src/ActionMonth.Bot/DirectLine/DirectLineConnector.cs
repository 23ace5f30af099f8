using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// The Bot Connector routes the bot calls to reply on Direct Line, answered in process (an HttpMessageHandler behind
/// the bot's ConnectorClient, see <see cref="DirectLineConnectorFactory"/>): <c>POST {serviceUrl}v3/conversations/{id}/activities</c>
/// and <c>…/activities/{replyToId}</c>, for replies in a turn, the welcome, and proactive messages from operators alike.
/// The serviceUrl's signature must match the conversation; activities that do not belong in the client stream
/// (typing, trace…) are acknowledged and dropped. A conversation that does not exist (never started, or purged
/// after the retention time) gets 404, so a proactive sender learns the user is gone.
/// </summary>
public sealed class DirectLineConnector(
    IDirectLineStore store,
    DirectLineServiceUrls serviceUrls,
    DirectLineBotAccount botAccount,
    TimeProvider time,
    ILogger<DirectLineConnector> logger) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null || !DirectLineServiceUrls.IsInternal(uri.AbsoluteUri)) return Error(HttpStatusCode.NotFound, DirectLineError.NotFound, "Unknown service.");

        // /c/{signature}/v3/conversations/{conversationId}/activities[/{replyToId}]
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length is not (6 or 7) || segments[0] != "c" || segments[2] != "v3" || segments[3] != "conversations"
            || segments[5] != "activities")
            return Error(HttpStatusCode.NotFound, DirectLineError.NotFound, "This Direct Line supports sending and replying to activities only.");
        if (request.Method != HttpMethod.Post)
            return Error(HttpStatusCode.MethodNotAllowed, "NotSupported", "Only POST is supported.");

        var conversationId = segments[4];
        if (!DirectLineIds.IsWellFormedConversationId(conversationId)
            || !await serviceUrls.VerifyAsync(segments[1], conversationId, cancellationToken).ConfigureAwait(false))
        {
            logger.LogWarning("Rejected a bot activity for conversation {ConversationId}: the serviceUrl is not signed for it", conversationId);
            return Error(HttpStatusCode.Forbidden, DirectLineError.TokenInvalid, "The serviceUrl is not valid for this conversation.");
        }

        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (DirectLineJson.ParseObject(body) is not { } activity || activity.Value<string>("type") is not { Length: > 0 } type)
            return Error(HttpStatusCode.BadRequest, DirectLineError.BadArgument, "The body must be an activity with a type.");

        if (!DirectLineActivities.BelongsInStream(type))
            return Ok(string.Empty);

        var bot = botAccount.Account;
        var now = time.GetUtcNow();
        var appended = await store.AppendAsync(conversationId, clientActivityId: null,
            (id, _) => DirectLineJson.Serialize(DirectLineActivities.FromBot(activity, conversationId, bot, id, now)), now, cancellationToken)
            .ConfigureAwait(false);
        if (appended is null)
        {
            logger.LogInformation("Bot activity for conversation {ConversationId} dropped: the conversation does not exist", conversationId);
            return Error(HttpStatusCode.NotFound, DirectLineError.NotFound, "The conversation does not exist.");
        }
        return Ok(appended.ActivityId);
    }

    private static HttpResponseMessage Ok(string id) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(new JObject { ["id"] = id }.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) => new(status)
    {
        Content = new StringContent(new JObject { ["error"] = new JObject { ["code"] = code, ["message"] = message } }
            .ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json"),
    };
}
