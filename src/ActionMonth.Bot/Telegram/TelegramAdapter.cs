using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Resources;
using ActionMonth.Bot.Safety;
using ActionMonth.Bot.Telegram.Client;
using ActionMonth.Bot.Telegram.Outbound;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Telegram;

/// <summary>
/// The Telegram channel adapter, in the Bot Framework sense (botbuilder-dotnet's TwilioAdapter is the model): it runs
/// activities made from Telegram updates through the same bot as every other channel, and turns what the bot sends
/// into Bot API calls. Message → sendMessage (HTML, split, inline keyboard), typing → sendChatAction, delay → a
/// wait, update → editMessageText, delete → deleteMessage. Proactive messages (an operator's reply) come through
/// <see cref="ContinueConversationAsync(ConversationReference, BotCallbackHandler, CancellationToken)"/>.
/// Turn errors are handled here once: a Telegram failure worth retrying is rethrown, so the update is delivered again
/// later; any other error is logged by type and the user gets the kind apology with 111.
/// </summary>
public sealed class TelegramAdapter : BotAdapter
{
    public const string Channel = "telegram";

    /// <summary>Not a URL anything calls: Telegram conversations are continued through this adapter, never by HTTP.</summary>
    public const string ServiceUrl = "https://api.telegram.org/";

    private readonly TelegramActivitySender _sender;
    private readonly TelegramMessageSender _messages;
    private readonly ILogger<TelegramAdapter> _logger;

    public TelegramAdapter(TelegramActivitySender sender, TelegramMessageSender messages, LanguageDetector languages,
        ILogger<TelegramAdapter> logger)
    {
        _sender = sender;
        _messages = messages;
        _logger = logger;
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            if (TelegramFailures.IsTransient(exception))
            {
                _logger.LogWarning("Telegram turn on activity {ActivityId} could not deliver its replies ({Failure}); it will be retried",
                    activity?.Id, TelegramFailures.Describe(exception));
                ExceptionDispatchInfo.Throw(exception);
            }
            _logger.LogError("Turn failed on activity {ActivityId} ({ActivityType}, channel {ChannelId}): {Failure}",
                activity?.Id, activity?.Type, activity?.ChannelId, TelegramFailures.Describe(exception));
            if (activity?.Type != ActivityTypes.Message) return;
            try
            {
                var ui = UiText.For(languages.Detect(activity.Text ?? string.Empty));
                await turnContext.SendActivityAsync(MessageFactory.Text(ui.TurnError)).ConfigureAwait(false);
            }
            catch (Exception sendFailure)
            {
                _logger.LogError("The error reply for activity {ActivityId} could not be sent: {Failure}", activity.Id,
                    TelegramFailures.Describe(sendFailure));
                if (TelegramFailures.IsTransient(sendFailure)) throw;
            }
        };
    }

    /// <summary>Runs one incoming activity through the bot.</summary>
    public async Task ProcessActivityAsync(Activity activity, TelegramTurn turn, IBot bot, CancellationToken cancellationToken)
    {
        using var context = new TurnContext(this, activity);
        context.TurnState.Add(turn);
        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities,
        CancellationToken cancellationToken)
    {
        var turn = turnContext.TurnState.Get<TelegramTurn>();
        var responses = new List<ResourceResponse>(activities.Length);
        foreach (var activity in activities)
        {
            var chatId = ChatIdOf(activity.Conversation);
            switch (activity.Type)
            {
                case ActivityTypes.Message:
                    var priority = turn?.Priority == true
                                   || activity.Entities?.Any(e => e.Type == EscalationEntity.EntityType) == true;
                    int? replyTo = null;
                    if (turn is { IsGroup: true, Replied: false, MessageId: { } original } && turn.ChatId == chatId) replyTo = original;
                    var sent = await _sender.SendAsync(chatId, activity, replyTo, priority, cancellationToken).ConfigureAwait(false);
                    if (turn is not null) turn.Replied = true;
                    responses.Add(new ResourceResponse(sent is null ? string.Empty : MessageKey(chatId, sent.MessageId)));
                    break;
                case ActivityTypes.Typing:
                    await _messages.SendTypingAsync(chatId, cancellationToken).ConfigureAwait(false);
                    responses.Add(new ResourceResponse(string.Empty));
                    break;
                case ActivityTypes.Delay:
                    var delay = activity.Value switch
                    {
                        int ms => ms,
                        long ms => (int)ms,
                        _ => int.TryParse(activity.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 1000,
                    };
                    await Task.Delay(Math.Clamp(delay, 0, 60_000), cancellationToken).ConfigureAwait(false);
                    responses.Add(new ResourceResponse(string.Empty));
                    break;
                default:
                    // trace, event, endOfConversation, invokeResponse: nothing to show in Telegram.
                    responses.Add(new ResourceResponse(string.Empty));
                    break;
            }
        }
        return responses.ToArray();
    }

    public override async Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity,
        CancellationToken cancellationToken)
    {
        var (chatId, messageId) = ParseMessageKey(activity.Id)
                                  ?? throw new ArgumentException("The activity id is not a Telegram message key.", nameof(activity));
        await _sender.UpdateAsync(chatId, messageId, activity, cancellationToken).ConfigureAwait(false);
        return new ResourceResponse(activity.Id);
    }

    public override async Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference,
        CancellationToken cancellationToken)
    {
        var (chatId, messageId) = ParseMessageKey(reference.ActivityId)
                                  ?? throw new ArgumentException("The activity id is not a Telegram message key.", nameof(reference));
        await _messages.DeleteAsync(chatId, messageId, cancellationToken).ConfigureAwait(false);
    }

    public override async Task ContinueConversationAsync(string botId, ConversationReference reference, BotCallbackHandler callback,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var context = new TurnContext(this, reference.GetContinuationActivity());
        await RunPipelineAsync(context, callback, cancellationToken).ConfigureAwait(false);
    }

    public override Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference,
        BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(string.Empty, reference, callback, cancellationToken);

    public override Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference, string audience,
        BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ContinueConversationAsync(string.Empty, reference, callback, cancellationToken);

    /// <summary>"chatId:messageId", the id of an activity the bot sent (so UpdateActivity/DeleteActivity can find it).</summary>
    public static string MessageKey(long chatId, int messageId) =>
        string.Create(CultureInfo.InvariantCulture, $"{chatId}:{messageId}");

    public static (long ChatId, int MessageId)? ParseMessageKey(string? key)
    {
        var colon = key?.LastIndexOf(':') ?? -1;
        return colon > 0
               && long.TryParse(key![..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat)
               && int.TryParse(key[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var message)
            ? (chat, message)
            : null;
    }

    private static long ChatIdOf(ConversationAccount? conversation) =>
        long.TryParse(conversation?.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException("A Telegram activity without a numeric conversation id.");
}
