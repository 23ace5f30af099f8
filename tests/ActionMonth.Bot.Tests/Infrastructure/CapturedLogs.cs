using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>Collects every log line the host writes (formatted message, scopes' state and any exception's
/// ToString) so tests can check what the logs would contain.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            owner._lines.Enqueue($"[scope] {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                line += " | " + string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));
            if (exception is not null) line += " | " + exception;
            owner._lines.Enqueue(line);
        }
    }
}
