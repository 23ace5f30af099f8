using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Safety;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Safety;

/// <summary>
/// Step 1 of every message turn, on every channel. <see cref="Assess"/> reads the whole text with the disclosure
/// detector (pure and fast, so the bot runs it before anything that could wait: the conversation lock, state,
/// the rate limiter). <see cref="RespondAsync"/> then answers a disclosure: urgent or emergency gets the safety
/// reply at once and ends the Q&amp;A for the turn; concern gets a gentle line and the turn goes on.
/// </summary>
public interface ISafetyGate
{
    /// <summary>Never throws: a detector failure is logged and treated as a concern, so 111 is still offered.</summary>
    DisclosureAssessment Assess(IMessageActivity activity);

    /// <summary>Whether the turn must stop here (a safety reply was sent), and to whom that reply spoke.</summary>
    Task<SafetyOutcome> RespondAsync(ITurnContext turnContext, DisclosureAssessment assessment, TurnSession session, CancellationToken cancellationToken);
}
