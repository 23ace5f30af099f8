using ActionMonth.Bot.Conversation.State;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>The accessors as the host builds them over <paramref name="storage"/>, with a logger that counts the
/// load and save failures they swallow, so a run that stopped reading or writing state cannot pass for a fast one.</summary>
internal static class StateTurns
{
    public static BotStateAccessors Create(IStorage storage, FailureCount failures) =>
        new(new TrackedConversationState(storage), new TrackedUserState(storage), storage, failures);

    internal sealed class FailureCount : ILogger<BotStateAccessors>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning) Interlocked.Increment(ref _count);
        }
    }
}
