using System.Diagnostics;
using Microsoft.Extensions.Http.Logging;

namespace ActionMonth.Bot.Telegram.Client;

/// <summary>
/// The only logger on the Telegram HttpClient (the factory's default loggers are removed). Bot API URLs are
/// <c>{base}/bot&lt;TOKEN&gt;/{method}</c>, so the default "Sending HTTP request POST https://…" lines would print
/// the token. This one logs the method name (the last path segment), the status and the time, nothing else.
/// </summary>
public sealed class TelegramHttpLogger(ILogger<TelegramHttpLogger> logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => Stopwatch.GetTimestamp();

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        var level = response.IsSuccessStatusCode ? LogLevel.Debug : LogLevel.Information;
        logger.Log(level, "Telegram {Method} answered {Status} in {ElapsedMs} ms", MethodOf(request), (int)response.StatusCode,
            (long)elapsed.TotalMilliseconds);
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception,
        TimeSpan elapsed) =>
        logger.LogInformation("Telegram {Method} failed after {ElapsedMs} ms: {ExceptionType}", MethodOf(request),
            (long)elapsed.TotalMilliseconds, exception.GetType().Name);

    /// <summary>"getUpdates" from ".../bot123:ABC/getUpdates"; the segment before it (with the token) is never read out.</summary>
    public static string MethodOf(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var slash = path.LastIndexOf('/');
        var method = slash >= 0 ? path[(slash + 1)..] : string.Empty;
        return method.Length is > 0 and <= 64 && method.All(char.IsAsciiLetterOrDigit) ? method : "(unknown)";
    }
}
