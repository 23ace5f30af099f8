using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Resources;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// The CloudAdapter every channel goes through. Errors in a turn are handled once, here: the log gets the
/// exception type and the activity id (never the message text, never the exception message, which can quote
/// it), and the user gets a kind apology with 111. One constructor, so DI can build it (notes-botframework.md).
/// JWT checking is the SDK's: on when MicrosoftAppId is set, off locally.
/// </summary>
public sealed class ErrorHandlingAdapter : CloudAdapter, IBotFrameworkHttpAdapter
{
    // The token of the HTTP request a turn runs for, so the turn-error handler can tell a client that went away from a fault.
    private static readonly AsyncLocal<CancellationToken> RequestAborted = new();

    public ErrorHandlingAdapter(BotFrameworkAuthentication authentication, LanguageDetector languages, ILogger<ErrorHandlingAdapter> logger)
        : base(authentication, logger)
    {
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            if (exception is OperationCanceledException && RequestAborted.Value.IsCancellationRequested)
            {
                // The caller hung up (a closed tab, a client timeout): nobody is left to answer, and it is not a fault.
                // Escalations do not depend on it: cases are stored without the request's token.
                logger.LogInformation("Turn on activity {ActivityId} ({ActivityType}, channel {ChannelId}) stopped: the client disconnected",
                    activity?.Id, activity?.Type, activity?.ChannelId);
                return;
            }
            logger.LogError("Turn failed on activity {ActivityId} ({ActivityType}, channel {ChannelId}): {ExceptionType} at {Site}",
                activity?.Id, activity?.Type, activity?.ChannelId, exception.GetType().FullName,
                exception.TargetSite is { } site ? $"{site.DeclaringType?.FullName}.{site.Name}" : "unknown");
            if (activity?.Type != ActivityTypes.Message) return;
            try
            {
                var ui = UiText.For(languages.Detect(activity.Text ?? string.Empty));
                var apology = MessageFactory.Text(ui.TurnError);
                apology.Locale = ui.Locale;
                await turnContext.SendActivityAsync(apology).ConfigureAwait(false);
            }
            catch (Exception sendFailure)
            {
                logger.LogError("The error reply for activity {ActivityId} could not be sent: {ExceptionType}",
                    activity.Id, sendFailure.GetType().FullName);
            }
        };
    }

    /// <summary>
    /// POST /api/messages as CloudAdapter.ProcessAsync handles it (same status codes, same log, same JSON), reading and
    /// writing the body with less copying (<see cref="ActivityHttpBody"/>). Anything but a POST (a streaming GET) is
    /// the SDK's own path. The SDK's method is not virtual, so the interface is implemented again here.
    /// </summary>
    public new async Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpRequest);
        ArgumentNullException.ThrowIfNull(httpResponse);
        ArgumentNullException.ThrowIfNull(bot);
        if (!HttpMethods.IsPost(httpRequest.Method))
        {
            await base.ProcessAsync(httpRequest, httpResponse, bot, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            var activity = await ActivityHttpBody.ReadAsync(httpRequest, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(activity?.Type))
            {
                httpResponse.StatusCode = StatusCodes.Status400BadRequest;
                Logger.LogWarning("BadRequest: Missing activity or activity type.");
                return;
            }
            RequestAborted.Value = cancellationToken;
            var invokeResponse = await ProcessActivityAsync((string?)httpRequest.Headers.Authorization, activity, bot.OnTurnAsync, cancellationToken)
                .ConfigureAwait(false);
            await ActivityHttpBody.WriteAsync(httpResponse, invokeResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException ex)
        {
            httpResponse.StatusCode = StatusCodes.Status401Unauthorized;
            Logger.LogError(ex.ToString());
        }
    }

    /// <summary>Runs one activity through the adapter and the bot in process, as /api/messages would with the
    /// same body (the CLI's <c>ask</c> uses it). With <c>deliveryMode: expectReplies</c> the replies come back in
    /// the result's body.</summary>
    public Task<InvokeResponse> ProcessInProcessAsync(Activity activity, IBot bot, CancellationToken cancellationToken) =>
        ProcessActivityAsync(string.Empty, activity, bot.OnTurnAsync, cancellationToken);
}
