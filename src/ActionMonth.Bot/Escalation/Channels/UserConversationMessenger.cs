using System.Runtime.ExceptionServices;
using ActionMonth.Bot.Escalation.Cases;
using ActionMonth.Bot.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace ActionMonth.Bot.Escalation.Channels;

/// <summary>
/// Writes to the user of a case outside any turn (proactive message), through the conversation reference stored
/// with the case: the channel's own adapter when one is registered (<see cref="ProactiveChannelAdapter"/>), else
/// the CloudAdapter with the bot's app id (MicrosoftAppId; empty locally). Every message carries the case's
/// escalation entity. Throws when the channel does not take the message, so the outbox tries again.
/// </summary>
public sealed class UserConversationMessenger(
    CloudAdapter cloudAdapter,
    IEnumerable<ProactiveChannelAdapter> channelAdapters,
    IConfiguration configuration)
{
    private readonly IReadOnlyList<ProactiveChannelAdapter> _channelAdapters = channelAdapters.ToList();

    public async Task SendAsync(CaseRecord escalation, Activity message, CancellationToken cancellationToken)
    {
        if (escalation.ConversationReference is null)
            throw new NotificationDeliveryException("conversation reference purged");
        var reference = JsonConvert.DeserializeObject<ConversationReference>(escalation.ConversationReference)
                        ?? throw new NotificationDeliveryException("conversation reference unreadable");

        message.Entities ??= new List<Entity>();
        message.Entities.Add(EscalationEntity.From(new EscalationCase(escalation.CaseId, escalation.Level, escalation.Category)));

        // The adapters' turn-error handlers log and swallow what a callback throws (and the CloudAdapter's would even
        // try to send an apology), so a failed send would look delivered and the outbox would drop it. The failure is
        // caught inside the callback and rethrown here, where the outbox sees it and tries again later.
        ExceptionDispatchInfo? failure = null;
        var sent = false;
        BotCallbackHandler send = async (turnContext, token) =>
        {
            try
            {
                await turnContext.SendActivityAsync(message, token).ConfigureAwait(false);
                sent = true;
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        };

        var adapter = _channelAdapters.LastOrDefault(a => string.Equals(a.ChannelId, reference.ChannelId, StringComparison.OrdinalIgnoreCase))
            ?.Adapter ?? cloudAdapter;
        await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? string.Empty, reference, send, cancellationToken)
            .ConfigureAwait(false);
        failure?.Throw();
        // A pipeline that never ran the callback (a middleware that stopped the turn) did not deliver either.
        if (!sent) throw new NotificationDeliveryException("the proactive turn did not send the message");
    }

    /// <summary>The reference kept with a case: ids and the serviceUrl, without the activity id (messages go to the
    /// conversation, not as a reply) and without the user's display name (not needed, so not kept).</summary>
    public static string Reference(IActivity activity)
    {
        var reference = activity.GetConversationReference();
        reference.ActivityId = null;
        if (reference.User is { } user) reference.User = new ChannelAccount(user.Id, name: null, role: user.Role, aadObjectId: null);
        return JsonConvert.SerializeObject(reference, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });
    }
}
