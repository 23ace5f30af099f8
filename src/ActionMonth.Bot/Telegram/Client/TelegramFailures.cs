using System.Net;
using Telegram.Bot.Exceptions;

namespace ActionMonth.Bot.Telegram.Client;

/// <summary>
/// Sorts Telegram failures into those worth retrying (network, timeouts, 429, 5xx: the update is delivered again
/// later) and those that will fail the same way again (400 bad request, 403 blocked by the user). Describes them
/// for logs by type and code only: request URLs carry the token, so no exception text of HttpClient is logged.
/// </summary>
public static class TelegramFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        ApiRequestException api => api.ErrorCode is 429 or 401 or 404 or 409 || api.ErrorCode >= 500,
        RequestException request => request.HttpStatusCode is null or HttpStatusCode.TooManyRequests
                                    || (int)request.HttpStatusCode >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>"ApiRequestException 403", "RequestException (HttpRequestException)": no message text, no URL.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        ApiRequestException api => $"{nameof(ApiRequestException)} {api.ErrorCode}",
        RequestException { InnerException: { } inner } => $"{nameof(RequestException)} ({inner.GetType().Name})",
        RequestException request => $"{nameof(RequestException)} {(int?)request.HttpStatusCode}",
        _ => exception.GetType().Name,
    };
}
