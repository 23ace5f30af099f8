using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Caching;
using ActionMonth.Knowledge.Safety;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Safety;

/// <summary>
/// The disclosure detector, remembering its decisions on recent texts. The same texts come again and again: the bot's
/// own buttons ("Tôi là phụ huynh", related questions), greetings, thanks and the common questions; under load the
/// detector was a quarter of a turn's CPU. Every message is still checked: a decision is reused only for the very same
/// text (ordinal), and the detector is pure (text in, decision out, rules fixed for the life of the process), so the
/// remembered decision is exactly the one it would make again, at every level. Decisions are immutable records shared
/// by the callers. The texts stay in this process's memory only, as the search cache's do; long texts (pastes) are
/// read every time. Bot:DetectorCacheSize = 0 turns it off.
/// </summary>
public sealed class CachedDisclosureDetector : IDisclosureDetector
{
    /// <summary>Longer texts are read every time: they rarely come twice and would fill the memory.</summary>
    internal const int MaxCachedLength = 300;

    private readonly IDisclosureDetector _inner;
    private readonly BoundedCache<string, DisclosureAssessment> _decisions;

    public CachedDisclosureDetector(IDisclosureDetector inner, IOptions<BotOptions> options)
    {
        _inner = inner;
        _decisions = new BoundedCache<string, DisclosureAssessment>(options.Value.DetectorCacheSize, StringComparer.Ordinal);
    }

    public DisclosureAssessment Assess(string text)
    {
        if (!_decisions.Enabled || text is null || text.Length > MaxCachedLength) return _inner.Assess(text!);
        if (_decisions.TryGet(text, out var remembered)) return remembered;
        // A detector failure throws past here and leaves nothing behind: the next try reads the text again.
        var assessment = _inner.Assess(text);
        _decisions.Set(text, assessment);
        return assessment;
    }
}
