using System.Runtime.InteropServices;

namespace ActionMonth.Knowledge.Safety;

/// <summary>
/// Reads a message and says whether it discloses harm to a child, how urgently, of which kind and who is
/// speaking, with the rule ids that decided it. Rules and lexicons live in disclosure-rules.tsv and
/// disclosure-lexicon.tsv; the decision procedure is:
/// <list type="number">
/// <item>tokenise (teencode, no diacritics, caps, NFD; a phrase never runs across a comma) and match every rule
///   in every sentence; in a message typed with accents, rules that lower a decision must carry exactly their
///   accents (<see cref="Suppresses"/>);</item>
/// <item>drop matches that overlap a guard ("danh sách", "đánh giá"), and anchors inside a longer anchor;</item>
/// <item>a <c>disclose</c> cue (victim named: "em bị…", "…đánh em", "con tôi bị…") counts at its level unless a
///   negation sits right before it; after a hypothetical opening ("nếu…") it counts as concern unless a recurrence
///   word ("lại", "nữa") says it already happens;</item>
/// <item>a <c>harm</c> cue (no bound victim) counts at its level in a statement; in a sentence framed as law,
///   definition, prevention, news or school work it counts as concern when the sentence has a first-person or
///   specific-child anchor and as nothing otherwise; about children in general ("trẻ em bị…") it counts as
///   nothing; in a question with no anchor at all it counts as concern;</item>
/// <item>an immediacy cue ("ngay bây giờ", "cứu em") raises urgent violence, abuse, trafficking, self-harm,
///   bullying, missing-child and danger cues to emergency;</item>
/// <item>level = the highest cue; category = the category of the highest cues by <see cref="CategoryPriority"/>;
///   reporter = the role of the anchors the deciding cue covers, else of the message.</item>
/// </list>
/// Pure and thread-safe: the rule set is immutable and each call has its own matcher.
/// </summary>
public sealed class DisclosureDetector : IDisclosureDetector
{
    private static readonly Lazy<DisclosureDetector> Shared = new(() => new DisclosureDetector());

    /// <summary>When two categories fire at the same level, the first here wins: the more specific and the more
    /// time-critical harm names the case (every cue still travels with it).</summary>
    private static readonly DisclosureCategory[] CategoryPriority =
    [
        DisclosureCategory.SelfHarm,
        DisclosureCategory.SexualAbuse,
        DisclosureCategory.OnlineSexualExploitation,
        DisclosureCategory.Trafficking,
        DisclosureCategory.ChildMarriage,
        DisclosureCategory.ExploitativeLabour,
        DisclosureCategory.BullyingWithDanger,
        DisclosureCategory.MissingChild,
        DisclosureCategory.PhysicalViolence,
        DisclosureCategory.Neglect,
        DisclosureCategory.OtherDanger,
    ];

    /// <summary>Harms where "right now" means a life may be at stake in minutes.</summary>
    private static readonly HashSet<DisclosureCategory> Promotable =
    [
        DisclosureCategory.PhysicalViolence,
        DisclosureCategory.SexualAbuse,
        DisclosureCategory.Trafficking,
        DisclosureCategory.SelfHarm,
        DisclosureCategory.BullyingWithDanger,
        DisclosureCategory.MissingChild,
        DisclosureCategory.OtherDanger,
    ];

    private readonly DisclosureRuleSet _rules;
    private readonly DisclosureTokenizer _tokenizer;

    /// <summary>The detector with the rules shipped in the library.</summary>
    public DisclosureDetector() : this(DisclosureRuleSet.LoadEmbedded(), DisclosureTokenizer.Default)
    {
    }

    internal DisclosureDetector(DisclosureRuleSet rules, DisclosureTokenizer tokenizer)
    {
        _rules = rules;
        _tokenizer = tokenizer;
    }

    /// <summary>One shared instance (loading the rules takes a few milliseconds).</summary>
    public static DisclosureDetector Default => Shared.Value;

    /// <summary>Number of rules loaded, for start-up logs.</summary>
    public int RuleCount => _rules.Rules.Count;

    public DisclosureAssessment Assess(string text) => Assess(text, reference: false);

    /// <summary>The decision; with <paramref name="reference"/> made from one pass over every rule, as before the
    /// cue-first split. The reference is the test oracle that DisclosureCueFirstTests hold the split to; production
    /// calls <see cref="Assess(string)"/>.</summary>
    internal DisclosureAssessment Assess(string text, bool reference)
    {
        if (string.IsNullOrWhiteSpace(text)) return DisclosureAssessment.None;
        var parsed = _tokenizer.Tokenize(text, _rules.Vocabulary);
        if (parsed.Tokens.Length == 0) return DisclosureAssessment.None;
        var scratch = t_scratch is { Oversized: false } kept ? kept : t_scratch = new MatchScratch();
        var matches = MatchAll(parsed, scratch, reference);
        var anyCue = false;
        foreach (var m in matches) anyCue |= m.Rule.Kind is RuleKind.Disclose or RuleKind.Harm;
        // No cue, no decision to make: guards, anchors, frames and the rest only shape a cue's level.
        return anyCue ? Decide(parsed, matches, scratch) : DisclosureAssessment.None;
    }

    /// <summary>Test oracle: the matches Assess decides on (empty when no cue matched), or with
    /// <paramref name="reference"/> those of one pass over every rule, each as "kind rule sentence start-end [covered
    /// positions@list]", in order.</summary>
    internal List<string> DescribeMatches(string text, bool reference)
    {
        var parsed = _tokenizer.Tokenize(text, _rules.Vocabulary);
        var described = new List<string>();
        if (parsed.Tokens.Length == 0) return described;
        var scratch = t_scratch is { Oversized: false } kept ? kept : t_scratch = new MatchScratch();
        foreach (var m in MatchAll(parsed, scratch, reference))
        {
            var covered = string.Join(",", m.Covered.Select(c => c.Position + (c.List is null ? "" : "@" + c.List.Name)));
            described.Add($"{m.Rule.Kind} {m.Rule.Id} {m.Sentence} {m.Start}-{m.End} [{covered}]{(m.Part is null ? "" : $" part {m.Part.Part}/{m.Part.Conjunction!.Parts.Length} of {m.Part.Conjunction.Index}")}");
        }
        return described;
    }

    /// <summary>Per-thread buffers of <see cref="MatchAll"/>, reused from one message to the next: the matcher's
    /// stacks, the viability bits and the covered tokens of every match. Nothing in them outlives one call.</summary>
    private sealed class MatchScratch
    {
        public readonly PatternMatcher Matcher = new();
        public long[] SlotClasses = [];
        public int[] SeenWords = [];
        private int _stamp;

        /// <summary>A stamp no entry of <see cref="SeenWords"/> carries yet.</summary>
        public int NextStamp()
        {
            if (_stamp == int.MaxValue)
            {
                Array.Clear(SeenWords);
                Array.Clear(SlotClasses);
                _stamp = 0;
            }
            return ++_stamp;
        }
        public int[] WordIds = [];
        public byte[] Possible = [];
        public readonly List<RuleCandidate> NumberCandidates = [];
        // The merged matches and the cue pass's, each with its matches' places in the one-pass order (MatchAll).
        public readonly List<RuleMatch> Matches = [];
        public readonly List<long> Orders = [];
        public readonly List<RuleMatch> CueMatches = [];
        public readonly List<long> CueOrders = [];
        // Which sentence the slot classes were last marked for, and with which stamp (-1: none of this message).
        private int _viableSentence = -1;
        private int _viableStamp;
        private ulong _viableClasses;

        public void MarkViable(int sentence, int stamp, ulong marked)
        {
            _viableSentence = sentence;
            _viableStamp = stamp;
            _viableClasses = marked;
        }

        /// <summary>True when the slot classes still hold the sentence's marks (no marking came since), with their
        /// stamp and bits.</summary>
        public bool ViableFor(int sentence, out int stamp, out ulong marked)
        {
            stamp = _viableStamp;
            marked = _viableClasses;
            return _viableSentence == sentence && _viableStamp == _stamp;
        }

        public readonly List<PendingPart> PendingParts = [];

        /// <summary>Puts the cue pass's matches in their one-pass order: runs of them were added out of order by
        /// MatchPendingParts. The orders are unique, so an unstable sort is exact; O(n log n), because a long paste can
        /// hold thousands of cue and part matches (an insertion sort made 185,000 characters take seconds).</summary>
        public void SortCues() => CollectionsMarshal.AsSpan(CueOrders).Sort(CollectionsMarshal.AsSpan(CueMatches));

        /// <summary>Merges the cue pass's matches into <see cref="Matches"/> (the other pass's) by their orders, from
        /// the back and in place.</summary>
        public void MergeCues()
        {
            var other = Matches.Count - 1;
            var cue = CueMatches.Count - 1;
            CollectionsMarshal.SetCount(Matches, Matches.Count + CueMatches.Count);
            var merged = CollectionsMarshal.AsSpan(Matches);
            var otherOrders = CollectionsMarshal.AsSpan(Orders);
            var cueOrders = CollectionsMarshal.AsSpan(CueOrders);
            var cues = CollectionsMarshal.AsSpan(CueMatches);
            for (var k = merged.Length - 1; cue >= 0; k--)
            {
                merged[k] = other >= 0 && otherOrders[other] > cueOrders[cue] ? merged[other--] : cues[cue--];
            }
        }
        private CoveredToken[] _store = new CoveredToken[256];
        private int _stored;
        // The call's matches, reused: Decide keeps none of them past the call.
        private readonly List<RuleMatch> _matchPool = [];
        private int _matchesUsed;

        // Decide's per-token arrays (cleared for the message's length) and lists, reused likewise.
        public bool[] Guarded = [];
        public int[] LongestAnchor = [];
        public RuleMatch?[] NegationEndingAt = [];
        public RuleMatch?[] GenericEndsAt = [];
        public readonly List<RuleMatch> Live = [];
        public readonly List<RuleMatch> AnchorCandidates = [];
        public readonly List<RuleMatch> Anchors = [];
        public readonly List<RuleMatch> ReporterAnchors = [];
        public readonly List<(RuleMatch Match, DisclosureLevel Level)> Effective = [];
        public readonly Dictionary<string, DisclosureCue> Cues = new(StringComparer.Ordinal);

        public RuleMatch NewMatch(DisclosureRule rule, int sentence, int start, int end, ArraySegment<CoveredToken> covered, PatternSequence? part)
        {
            if (_matchesUsed == _matchPool.Count) _matchPool.Add(new RuleMatch());
            return _matchPool[_matchesUsed++].Set(rule, sentence, start, end, covered, part);
        }

        /// <summary>Decide's arrays for a message of this many tokens, cleared.</summary>
        public void ResetDecision(int tokens)
        {
            if (Guarded.Length < tokens + 1)
            {
                var size = Math.Max(tokens + 1, 2 * Guarded.Length);
                Guarded = new bool[size];
                LongestAnchor = new int[size];
                NegationEndingAt = new RuleMatch?[size];
                GenericEndsAt = new RuleMatch?[size];
            }
            Array.Clear(Guarded, 0, tokens + 1);
            Array.Clear(LongestAnchor, 0, tokens + 1);
            Array.Clear(NegationEndingAt, 0, tokens + 1);
            Array.Clear(GenericEndsAt, 0, tokens + 1);
            Live.Clear();
            AnchorCandidates.Clear();
            Anchors.Clear();
            ReporterAnchors.Clear();
            Effective.Clear();
            Cues.Clear();
        }

        /// <summary>True after a very long paste grew the buffers: they are dropped rather than kept by the thread.</summary>
        public bool Oversized => Matches.Capacity > 4_096 || CueMatches.Capacity > 4_096 || Orders.Capacity > 4_096 || CueOrders.Capacity > 4_096 || PendingParts.Capacity > 4_096 || WordIds.Length > 16_384 || _store.Length > 65_536 || Matcher.Oversized
            || Guarded.Length > 16_384 || Live.Capacity > 4_096 || Effective.Capacity > 4_096 || Cues.Count > 1_024;

        public void Reset(int slotClasses, int conjunctions, int tokens, int words)
        {
            if (SeenWords.Length < words) SeenWords = new int[words];
            if (WordIds.Length < tokens) WordIds = new int[Math.Max(tokens, 2 * WordIds.Length)];
            if (SlotClasses.Length < slotClasses) SlotClasses = new long[slotClasses];
            if (Possible.Length < conjunctions) Possible = new byte[conjunctions];
            _stored = 0;
            _matchesUsed = 0;
            _viableSentence = -1;
        }

        /// <summary>Copies a match's covered tokens into the call's store. A grown store leaves earlier segments on
        /// the old array, which nothing writes to again.</summary>
        public ArraySegment<CoveredToken> Keep(ReadOnlySpan<CoveredToken> covered)
        {
            if (_stored + covered.Length > _store.Length) _store = new CoveredToken[Math.Max(_store.Length * 2, _stored + covered.Length)];
            covered.CopyTo(_store.AsSpan(_stored));
            var segment = new ArraySegment<CoveredToken>(_store, _stored, covered.Length);
            _stored += covered.Length;
            return segment;
        }
    }

    [ThreadStatic] private static MatchScratch? t_scratch;

    // Whether a conjunction's parts can all occur in the message: not looked at yet, or the answer.
    private const byte Unsettled = 0;
    private const byte Possible = 1;
    private const byte Impossible = 2;

    /// <summary>The message's matches in the order Decide reads them: sentence by sentence, token by token, rule by
    /// rule in file order. Empty when the cues that matched cannot decide anything (<see cref="MayDecide"/>): Assess
    /// then returns None, as Decide would have.
    /// The cues are matched first and the other rules only when a cue matched; the two passes' matches are merged
    /// back into that order. <paramref name="reference"/> matches every rule in one pass over every candidate, the
    /// reference the tests hold the split against.</summary>
    private List<RuleMatch> MatchAll(DisclosureText parsed, MatchScratch scratch, bool reference)
    {
        scratch.Reset(_rules.SlotClassCount, _rules.Conjunctions.Length, parsed.Tokens.Length, _rules.Vocabulary.Count);
        var wordIds = scratch.WordIds;
        // Numbered by the tokenizer, which looked each word up in this vocabulary.
        for (var i = 0; i < parsed.Tokens.Length; i++) wordIds[i] = parsed.Tokens[i].WordId;
        scratch.Matcher.Reset(parsed.Tokens, wordIds);
        var accented = parsed.TypedWithAccents;
        // The thread's lists: Decide reads them and keeps nothing of them.
        var matches = scratch.Matches;
        matches.Clear();
        if (reference)
        {
            MatchPass(parsed, scratch, RulePass.All, accented, matches, scratch.Orders);
            return matches;
        }
        // Nothing a cue's match depends on comes from another kind's matches: a rule's attempt reads only its own
        // rule's earlier candidates at the token (every candidate of a rule is in the rule's pass), the viability of
        // the sentence and of its conjunctions (parts are cues), and the matcher, whose list memo is the same
        // whoever asks first. So the cue pass finds exactly the cues one pass over all rules finds.
        var cues = scratch.CueMatches;
        cues.Clear();
        scratch.PendingParts.Clear();
        MatchPass(parsed, scratch, RulePass.Cues, accented, cues, scratch.CueOrders);
        MatchPendingParts(parsed, scratch);
        if (!MayDecide(cues)) return matches;
        MatchPass(parsed, scratch, RulePass.Others, accented, matches, scratch.Orders);
        scratch.MergeCues();
        return matches;
    }

    /// <summary>A conjunction part that passed every test but the match itself, in the cue pass.</summary>
    private readonly record struct PendingPart(int Sentence, int Position, int Pattern, int Index, bool Exact, int Conjunction, int Part);

    /// <summary>Matches the cue pass's conjunction parts, conjunction by conjunction, and keeps the parts of those
    /// whose every part matched somewhere: exactly the parts one pass over every rule keeps, minus those of
    /// conjunctions that cannot complete, which Decide drops unread (a part counts only inside a completed
    /// conjunction). An "em" opens first parts of many conjunctions, most of which lack another part: a part nobody
    /// tried to start is ruled out at once, and the parts with the fewest places are tried first, so one that does
    /// not match ends its conjunction before the common ones are tried. A part's match depends on nothing but its
    /// pattern, position and sentence (it never sets or reads its rule's one-plain-match state), so the order of
    /// trying does not change it; the matches are put back in the one-pass order.</summary>
    private void MatchPendingParts(DisclosureText parsed, MatchScratch scratch)
    {
        var pending = CollectionsMarshal.AsSpan(scratch.PendingParts);
        if (pending.IsEmpty) return;
        var matches = scratch.CueMatches;
        var orders = scratch.CueOrders;
        var matcher = scratch.Matcher;
        var sentence = parsed.Sentences.Length - 1; // where the cue pass left the matcher
        Span<int> perPart = stackalloc int[PatternConjunction.MaxParts];
        for (var i = 0; i < pending.Length; i++)
        {
            var conjunction = pending[i].Conjunction;
            // Each conjunction once, from its first pending part.
            var seen = false;
            for (var k = 0; k < i && !seen; k++) seen = pending[k].Conjunction == conjunction;
            if (seen) continue;
            var parts = _rules.Conjunctions[conjunction].Parts.Length;
            perPart.Clear();
            for (var k = i; k < pending.Length; k++)
            {
                if (pending[k].Conjunction == conjunction) perPart[pending[k].Part]++;
            }
            var open = true;
            for (var p = 0; p < parts && open; p++) open = perPart[p] > 0;
            if (!open) continue;
            var mark = matches.Count;
            // Fewest places first; a part tried is marked done with -1.
            for (var round = 0; round < parts && open; round++)
            {
                var part = -1;
                for (var p = 0; p < parts; p++)
                {
                    if (perPart[p] > 0 && (part < 0 || perPart[p] < perPart[part])) part = p;
                }
                perPart[part] = -1;
                var found = false;
                for (var k = i; k < pending.Length; k++)
                {
                    ref readonly var entry = ref pending[k];
                    if (entry.Conjunction != conjunction || entry.Part != part) continue;
                    var pattern = _rules.Pattern(entry.Pattern);
                    if (entry.Sentence != sentence)
                    {
                        sentence = entry.Sentence;
                        matcher.SetSentence(parsed.Sentences[sentence]);
                    }
                    if (!matcher.TryMatch(pattern, entry.Position, entry.Exact, out var end)) continue;
                    matches.Add(scratch.NewMatch(_rules.RuleOf(entry.Pattern), entry.Sentence, entry.Position, end, scratch.Keep(matcher.Covered), pattern));
                    orders.Add(OrderOf(entry.Position, entry.Index));
                    found = true;
                }
                open = found;
            }
            if (open) continue;
            matches.RemoveRange(mark, matches.Count - mark);
            orders.RemoveRange(mark, orders.Count - mark);
        }
        scratch.SortCues();
    }

    /// <summary>False when the cues cannot give any cue a level, so the decision is None with no cues whatever the
    /// other rules match: there is no whole cue and no conjunction with a match of every part within its window of
    /// a first part. Decide only drops cues (guards) and parts (incomplete conjunctions), and an "em" that opens
    /// many conjunctions' first parts completes none of them on its own.</summary>
    private static bool MayDecide(List<RuleMatch> cues)
    {
        foreach (var m in cues) if (m.Part is null) return true;
        foreach (var first in cues)
        {
            if (first.Part!.Part != 0) continue;
            var conjunction = first.Part.Conjunction!;
            var complete = true;
            for (var i = 1; i < conjunction.Parts.Length && complete; i++)
            {
                complete = false;
                foreach (var m in cues)
                {
                    if (m.Part != conjunction.Parts[i] || Math.Abs(m.Start - first.Start) > conjunction.Windows[i]) continue;
                    complete = true;
                    break;
                }
            }
            if (complete) return true;
        }
        return false;
    }

    /// <summary>Where a match stands in the order one pass over all rules finds them: its token, then the index of
    /// its candidate in the list tried there (a token is read through one candidate list whatever the pass).</summary>
    private static long OrderOf(int position, int index) => (long)position << 32 | (uint)index;

    /// <summary>Matches the rules of one pass in every sentence, adding matches and their <see cref="OrderOf"/>.</summary>
    private void MatchPass(DisclosureText parsed, MatchScratch scratch, RulePass pass, bool accented, List<RuleMatch> matches, List<long> orders)
    {
        orders.Clear();
        var wordIds = scratch.WordIds;
        var matcher = scratch.Matcher;
        var classes = scratch.SlotClasses;
        var conjunctionCount = (pass & RulePass.Cues) != 0 ? _rules.Conjunctions.Length : 0;
        // A conjunction is tried only when every one of its parts has its words somewhere in the message: most
        // messages carry one part ("em") of many conjunctions and none of the rest. With one sentence (most messages)
        // the sentence's viability is the message's, and a conjunction is looked at only when one of its parts is
        // about to be tried; with several, every conjunction is settled before the sentences overwrite it.
        var possible = scratch.Possible;
        var single = parsed.Sentences.Length == 1;
        Array.Clear(possible, 0, conjunctionCount);
        if (conjunctionCount > 0)
        {
            var stamp = scratch.NextStamp();
            var marked = _rules.ViablePatterns(parsed.Tokens, wordIds, single ? parsed.Sentences[0] : new DisclosureSentence(0, parsed.Tokens.Length, false), classes, scratch.SeenWords, stamp);
            if (single) scratch.MarkViable(0, stamp, marked);
            else
            {
                for (var c = 0; c < conjunctionCount; c++) possible[c] = _rules.ConjunctionPossible(c, classes, stamp) ? Possible : Impossible;
            }
        }
        var numberCandidates = scratch.NumberCandidates;
        var phrases = _rules.OpeningPhrases;
        var sentenceEnd = 0;
        var sentenceStamp = 0;
        ulong sentenceClasses = 0;
        var all = pass == RulePass.All;
        for (var s = 0; s < parsed.Sentences.Length; s++)
        {
            var sentence = parsed.Sentences[s];
            matcher.SetSentence(sentence);
            sentenceEnd = sentence.End;
            // The classes of the sentence, unless the last marking left them there: with one sentence, the cue pass's
            // marking serves the other pass too (with several, the cue pass ends on the last sentence and the other
            // pass starts again from the first, so each marks its own).
            if (!scratch.ViableFor(s, out sentenceStamp, out sentenceClasses))
            {
                sentenceStamp = scratch.NextStamp();
                sentenceClasses = _rules.ViablePatterns(parsed.Tokens, wordIds, sentence, classes, scratch.SeenWords, sentenceStamp);
                scratch.MarkViable(s, sentenceStamp, sentenceClasses);
            }
            for (var position = sentence.Start; position < sentence.End; position++)
            {
                if (parsed.Tokens[position].IsNumber)
                {
                    _rules.NumberCandidates(wordIds[position], numberCandidates);
                    TryAll(CollectionsMarshal.AsSpan(numberCandidates), s, position);
                }
                else if (wordIds[position] != DisclosureVocabulary.Unknown)
                {
                    // The next token decides which constrained candidates can go on: only those are visited, from
                    // the word's index, merged with the unconstrained ones in the order they would be tried. A
                    // number next is rare and checked candidate by candidate, and so is every candidate in the
                    // reference pass.
                    var word = wordIds[position];
                    var next = position + 1;
                    if (all || next < sentenceEnd && parsed.Tokens[next].IsNumber)
                    {
                        TryAll(_rules.CandidatesStartingWith(word), s, position);
                    }
                    else
                    {
                        var followed = next < sentenceEnd ? _rules.CandidatesFollowedBy(word, wordIds[next], pass) : default;
                        TryMerged(_rules.CandidatesStartingWith(word), _rules.UnconstrainedCandidates(word, pass), followed, s, position);
                    }
                }
            }
        }

        // As TryAll, over the candidates at the given indexes (ascending) of two lists merged, whose next-word test
        // has passed. A word's candidates hold each rule once, its patterns together, so a change of rule between
        // two visited candidates is where TryAll would have met the rule's first candidate.
        void TryMerged(ReadOnlySpan<RuleCandidate> candidates, ReadOnlySpan<int> open, ReadOnlySpan<int> followed, int s, int position)
        {
            var matched = false;
            var skipRule = false;
            var rule = -1;
            int a = 0, b = 0;
            while (a < open.Length || b < followed.Length)
            {
                var index = b == followed.Length || (a < open.Length && open[a] < followed[b]) ? open[a++] : followed[b++];
                ref readonly var candidate = ref candidates[index];
                int candidateRule = candidate.Rule;
                if (candidateRule != rule)
                {
                    rule = candidateRule;
                    matched = false;
                    skipRule = false;
                }
                if (skipRule) continue;
                var plain = (candidate.Flags & CandidateFlags.Part) == 0;
                if (matched && plain) continue;
                Attempt(in candidate, index, plain, s, position, ref matched, ref skipRule);
            }
        }

        // Each rule's patterns of the pass that may begin here, rule by rule in file order: one plain match per rule
        // and position; every part of a conjunction is kept for combining. A rule is wholly in or out of the pass,
        // so skipping the others' candidates leaves each kept rule's first candidate flagged.
        void TryAll(ReadOnlySpan<RuleCandidate> candidates, int s, int position)
        {
            var matched = false;
            var skipRule = false;
            for (var index = 0; index < candidates.Length; index++)
            {
                ref readonly var candidate = ref candidates[index];
                if (!CandidateFollowIndex.InPass(in candidate, pass)) continue;
                if ((candidate.Flags & CandidateFlags.FirstOfRule) != 0)
                {
                    matched = false;
                    skipRule = false;
                }
                if (skipRule) continue;
                var plain = (candidate.Flags & CandidateFlags.Part) == 0;
                if (matched && plain) continue;
                // The cheapest and most selective test first: it reads only the candidate, the pool and the next token.
                if (candidate.SecondWords >= 0 && !CanFollow(in candidate, phrases, parsed.Tokens, wordIds, position + 1, sentenceEnd)) continue;
                Attempt(in candidate, index, plain, s, position, ref matched, ref skipRule);
            }
        }

        // The tests that read the sentence's viability and the words after the token, then the match itself.
        void Attempt(in RuleCandidate candidate, int index, bool plain, int s, int position, ref bool matched, ref bool skipRule)
        {
            // A required class absent from the sentence, read off the candidate alone: ViableAt would say no.
            var required = candidate.RequiredClasses;
            if ((required & ~sentenceClasses) != 0) return;
            if (!plain)
            {
                var conjunction = _rules.ConjunctionOf(candidate.Pattern);
                ref var state = ref possible[conjunction];
                if (state == Unsettled) state = _rules.ConjunctionPossible(conjunction, classes, sentenceStamp) ? Possible : Impossible;
                if (state == Impossible) return;
            }
            // A pattern whose only required words open it has no classes (its opening word is the token).
            if (required != 0 && !_rules.ViableAt(candidate.Pattern, position, classes, sentenceStamp)) return;
            if (candidate.Phrases >= 0 && !AnyOpeningPhrase(phrases, candidate.Phrases, parsed.Tokens, wordIds, position, sentenceEnd)) return;
            var exact = accented && (candidate.Flags & CandidateFlags.Suppresses) != 0;
            if (!plain && pass != RulePass.All)
            {
                // Left for MatchPendingParts, which tries a conjunction's parts only while each may still complete it.
                // Only the cue pass has parts (the loader lets only disclose and harm rules join parts); a part left
                // here by the other pass would never be matched.
                System.Diagnostics.Debug.Assert(pass == RulePass.Cues, "a conjunction part outside the cue pass");
                var conjunction = _rules.ConjunctionOf(candidate.Pattern);
                scratch.PendingParts.Add(new PendingPart(s, position, candidate.Pattern, index, exact, conjunction, _rules.PartOf(candidate.Pattern)));
                return;
            }
            var pattern = _rules.Pattern(candidate.Pattern);
            if (!matcher.TryMatch(pattern, position, exact, out var end)) return;
            matches.Add(scratch.NewMatch(_rules.RuleOf(candidate.Pattern), s, position, end, scratch.Keep(matcher.Covered), plain ? null : pattern));
            orders.Add(OrderOf(position, index));
            if (plain)
            {
                matched = true;
                skipRule = (candidate.Flags & CandidateFlags.RuleHasConjunctions) == 0;
            }
        }
    }

    /// <summary>True when one of the opening phrases at <paramref name="at"/> (<see cref="DisclosureRuleSet.OpeningPhrases"/>)
    /// follows the word at <paramref name="position"/> word for word, inside the sentence and the clause, as the
    /// matcher requires of a phrase (accents are left to the matcher).</summary>
    private static bool AnyOpeningPhrase(int[] pool, int at, DisclosureToken[] tokens, int[] wordIds, int position, int sentenceEnd)
    {
        var count = pool[at++];
        for (var p = 0; p < count; p++)
        {
            var length = pool[at++];
            var ok = position + length < sentenceEnd;
            for (var i = 1; i <= length && ok; i++)
            {
                var word = pool[at + i - 1];
                var token = position + i;
                ok = !tokens[token].AfterComma && (word == DisclosureRuleSet.AnyNumber ? tokens[token].IsNumber : wordIds[token] == word);
            }
            if (ok) return true;
            at += length;
        }
        return false;
    }

    /// <summary>True when the token at <paramref name="next"/> is in the sentence and carries one of the candidate's
    /// <see cref="RuleCandidate.SecondWords"/> (its bloom bits first, then the sorted words in the pool).</summary>
    private static bool CanFollow(in RuleCandidate candidate, int[] pool, DisclosureToken[] tokens, int[] wordIds, int next, int sentenceEnd)
    {
        if (next >= sentenceEnd) return false;
        if (tokens[next].IsNumber && (candidate.Flags & CandidateFlags.NumberMayFollow) != 0) return true;
        var word = wordIds[next];
        if (word == DisclosureVocabulary.Unknown || (candidate.SecondBloom & (1UL << (word & 63))) == 0) return false;
        return pool.AsSpan(candidate.SecondWords + 1, pool[candidate.SecondWords]).BinarySearch(word) >= 0;
    }

    /// <summary>Rules that lower a decision. In a message typed with accents they must match with exactly their
    /// accents: a harm cue that over-matches costs an operator a few minutes, a suppressor that over-matches can
    /// hide a child's disclosure ("roi tre" is a bamboo cane, not "trẻ" = children in general).</summary>
    internal static bool Suppresses(DisclosureRule rule) =>
        rule.Kind is RuleKind.Guard or RuleKind.Negation or RuleKind.Frame or RuleKind.Hypothetical
        || rule.Kind == RuleKind.Anchor && rule.Role is AnchorRole.Generic or AnchorRole.IndefiniteChild;

    private static DisclosureAssessment Decide(DisclosureText parsed, List<RuleMatch> all, MatchScratch scratch)
    {
        // Every step below is linear in the matches and their tokens, so a long paste cannot stall the gate.
        var tokenCount = parsed.Tokens.Length;
        scratch.ResetDecision(tokenCount);

        // Guards remove whatever they overlap.
        // Plain loops below, not LINQ: this runs on most messages and its iterators and closures were most of what
        // an assessment allocated.
        var guarded = scratch.Guarded;
        foreach (var guard in all)
        {
            if (guard.Rule.Kind != RuleKind.Guard) continue;
            foreach (var token in guard.Covered) guarded[token.Position] = true;
        }
        var live = scratch.Live;
        var hasParts = false;
        foreach (var m in all)
        {
            if (m.Rule.Kind == RuleKind.Guard || AnyGuarded(m.Covered, guarded)) continue;
            live.Add(m);
            hasParts |= m.Part is not null;
        }
        if (hasParts) live = CombineParts(live);

        // An anchor inside a longer anchor is part of it: "tôi" in "con tôi" is not the victim.
        var longestAnchor = scratch.LongestAnchor;
        var candidates = scratch.AnchorCandidates;
        foreach (var m in live)
        {
            if (m.Rule.Kind == RuleKind.Anchor) candidates.Add(m);
        }
        foreach (var anchor in candidates)
        {
            foreach (var token in anchor.Covered) longestAnchor[token.Position] = Math.Max(longestAnchor[token.Position], anchor.Covered.Count);
        }
        var anchors = scratch.Anchors;
        foreach (var a in candidates)
        {
            if (Longest(a.Covered, longestAnchor)) anchors.Add(a);
        }

        var facts = SentenceFacts.Collect(parsed, live, anchors);
        // A negation cancels a cue whose words start right after it: by the token where it ends.
        var negationEndingAt = scratch.NegationEndingAt;
        foreach (var negation in live)
        {
            if (negation.Rule.Kind == RuleKind.Negation) negationEndingAt[negation.End] ??= negation;
        }

        // Where a children-in-general anchor ends: "trẻ em bị xâm hại" is about children in general even when the
        // asker says "tôi" elsewhere in the sentence.
        var genericEndsAt = scratch.GenericEndsAt;
        foreach (var anchor in anchors)
        {
            if (anchor.Rule.Role == AnchorRole.Generic) genericEndsAt[anchor.End] ??= anchor;
        }

        // Reused and cleared: a cleared dictionary lists new entries in the order they are added, as a new one does.
        var cues = scratch.Cues;
        var effective = scratch.Effective;
        var messageSpecific = false;
        foreach (var a in anchors) messageSpecific |= a.Rule.Role is AnchorRole.Self or AnchorRole.SelfAlone or AnchorRole.Parent or AnchorRole.MyChild or AnchorRole.SomeChild or AnchorRole.IndefiniteChild or AnchorRole.Place or AnchorRole.Witness;

        foreach (var match in live)
        {
            if (match.Rule.Kind is not (RuleKind.Disclose or RuleKind.Harm)) continue;
            var sentence = match.FirstSentence == match.LastSentence
                ? facts[match.Sentence]
                : SentenceFacts.Merge(facts, match.FirstSentence, match.LastSentence);
            var level = match.Rule.Level;

            RuleMatch? negation = null;
            foreach (var token in match.Covered)
            {
                var n = negationEndingAt[token.Position];
                if (n is null || match.Covers(n.End - 1)) continue;
                negation = n;
                break;
            }
            if (negation is not null)
            {
                AddModifier(cues, negation);
                level = DisclosureLevel.None;
            }
            else if (match.Rule.Kind == RuleKind.Disclose && sentence.Frame is not null && sentence.Question && NamesIndefiniteChild(match, anchors))
            {
                // "Kế hoạch hỗ trợ cho một em bị bạo lực gồm gì?": the victim is any child the procedure is for.
                AddModifier(cues, sentence.Frame);
                level = sentence.Selfish && level >= DisclosureLevel.Urgent ? DisclosureLevel.Concern : DisclosureLevel.None;
            }
            else if (match.Rule.Kind == RuleKind.Harm && !OverlapsWitnessedChild(match, anchors))
            {
                if (sentence.Frame is not null)
                {
                    AddModifier(cues, sentence.Frame);
                    level = sentence.Selfish && level >= DisclosureLevel.Urgent ? DisclosureLevel.Concern : DisclosureLevel.None;
                }
                else if (sentence.Generic is not null && !sentence.Specific)
                {
                    AddModifier(cues, sentence.Generic);
                    level = DisclosureLevel.None;
                }
                else if (GenericSubject(parsed, match, genericEndsAt) is { } generic)
                {
                    AddModifier(cues, generic);
                    level = DisclosureLevel.None;
                }
                else if (sentence.Question && !sentence.Specific && !messageSpecific)
                {
                    level = Min(level, DisclosureLevel.Concern);
                }
            }

            if (level > DisclosureLevel.Concern && sentence.FirstHypothetical is { } hypothetical
                && hypothetical.Start < match.LastPartStart && !sentence.Recurrence)
            {
                AddModifier(cues, hypothetical);
                level = DisclosureLevel.Concern;
            }
            effective.Add((match, level));
        }

        // "Right now" turns an urgent harm into an emergency, but a cue cannot promote itself ("cứu em").
        for (var i = 0; i < effective.Count; i++)
        {
            var (match, level) = effective[i];
            if (level != DisclosureLevel.Urgent || !Promotable.Contains(match.Rule.Category)) continue;
            RuleMatch? now = null;
            foreach (var n in live)
            {
                if (n.Rule.Kind != RuleKind.Immediacy || n.Sentence == match.Sentence && n.Overlaps(match)) continue;
                now = n;
                break;
            }
            if (now is null) continue;
            AddModifier(cues, now);
            effective[i] = (match, DisclosureLevel.Emergency);
        }

        foreach (var (match, level) in effective)
        {
            var cue = new DisclosureCue(match.Rule.Id, match.Rule.Category, level);
            if (!cues.TryGetValue(cue.RuleId, out var existing) || existing.Level < level) cues[cue.RuleId] = cue;
        }

        var top = DisclosureLevel.None;
        foreach (var e in effective) if (e.Level > top) top = e.Level;
        if (top == DisclosureLevel.None)
        {
            return new DisclosureAssessment(DisclosureLevel.None, DisclosureCategory.None, Reporter.Unknown, cues.Values.ToList());
        }
        // The first cue at the top level with the highest-priority category (what a stable sort then First gave).
        RuleMatch? best = null;
        var bestPriority = int.MaxValue;
        foreach (var (match, level) in effective)
        {
            if (level != top) continue;
            var priority = RankOf(match.Rule);
            if (best is not null && priority >= bestPriority) continue;
            best = match;
            bestPriority = priority;
        }
        // Some cue is at the top level (top > None came from one).
        var deciding = best!;
        var reporter = ReporterOf(deciding, anchors, cues, scratch.ReporterAnchors);
        return new DisclosureAssessment(top, deciding.Rule.Category, reporter, cues.Values.ToList());
    }

    /// <summary>Rank of a cue's category when several fire at the top level (lower wins). A missing-child harm cue
    /// has no bound victim ("bỏ nhà đi", "đi đâu mất"): beside a neglect cue it is the parents who left ("bố mẹ em bỏ
    /// nhà đi, em ở một mình"), so it ranks after Neglect; a child who ran away is the disclose cue mc.self-lost.</summary>
    private static int RankOf(DisclosureRule rule)
    {
        var rank = Array.IndexOf(CategoryPriority, rule.Category) * 2;
        return rule.Category == DisclosureCategory.MissingChild && rule.Kind == RuleKind.Harm
            ? Array.IndexOf(CategoryPriority, DisclosureCategory.Neglect) * 2 + 1
            : rank;
    }

    /// <summary>The cue starts on the "bị" of another family's child named as harmed ("bé hàng xóm bị bố đánh, luật
    /// xử lý ra sao"): that child is its victim, so it counts like a disclose cue, as "con tôi bị…" does.</summary>
    private static bool OverlapsWitnessedChild(RuleMatch match, List<RuleMatch> anchors)
    {
        foreach (var a in anchors)
        {
            if (a.Rule.Role == AnchorRole.Witness && a.Sentence == match.Sentence && a.Overlaps(match)) return true;
        }
        return false;
    }

    /// <summary>The cue's victim is an indefinite child ("một bé bị…"), the cue names neither the speaker nor their
    /// spouse, and the sentence names no child of the speaker and no place.</summary>
    private static bool NamesIndefiniteChild(RuleMatch match, List<RuleMatch> anchors)
    {
        var indefinite = false;
        foreach (var a in anchors)
        {
            if (a.Sentence != match.Sentence) continue;
            // A child of the speaker or a place in the sentence ("lớp tôi có…") makes it a case, not a procedure.
            if (a.Rule.Role is AnchorRole.MyChild or AnchorRole.Place) return false;
            if (!a.Overlaps(match)) continue;
            if (a.Rule.Role is AnchorRole.Self or AnchorRole.SelfAlone or AnchorRole.Parent) return false;
            indefinite |= a.Rule.Role == AnchorRole.IndefiniteChild;
        }
        return indefinite;
    }

    /// <summary>A children-in-general anchor right before a passive harm cue (at most two words between, same
    /// sentence) is its subject: "trẻ em (thường) bị xâm hại". "Ai đó phát tán ảnh của em" is not passive.</summary>
    private static RuleMatch? GenericSubject(DisclosureText parsed, RuleMatch match, RuleMatch?[] genericEndsAt)
    {
        if (parsed.Tokens[match.Start].Folded != "bi") return null;
        for (var end = match.Start; end >= Math.Max(0, match.Start - 2); end--)
        {
            if (genericEndsAt[end] is { } generic && generic.Sentence == match.Sentence) return generic;
        }
        return null;
    }

    /// <summary>Replaces the parts of conjunctions ("a &amp;20 b") by one match per first-part occurrence whose
    /// other parts all occur within their windows (the nearest occurrence of each is taken). Parts were already
    /// filtered by the guards, so a guarded word cannot complete a conjunction.</summary>
    private static List<RuleMatch> CombineParts(List<RuleMatch> live)
    {
        var result = new List<RuleMatch>(live.Count);
        // Conjunctions in the order their first part appears, each with its parts in order (what GroupBy gave).
        var groups = new List<(PatternConjunction Conjunction, List<RuleMatch> Parts)>();
        foreach (var m in live)
        {
            if (m.Part is null)
            {
                result.Add(m);
                continue;
            }
            var key = m.Part.Conjunction!;
            var found = -1;
            for (var g = 0; g < groups.Count && found < 0; g++) if (groups[g].Conjunction == key) found = g;
            if (found < 0) groups.Add((key, [m]));
            else groups[found].Parts.Add(m);
        }
        var chosen = new List<RuleMatch>();
        foreach (var (conjunction, group) in groups)
        {
            var byPart = new List<RuleMatch>[conjunction.Parts.Length];
            for (var i = 0; i < byPart.Length; i++) byPart[i] = [];
            foreach (var part in group) byPart[part.Part!.Part].Add(part);
            foreach (var first in byPart[0])
            {
                chosen.Clear();
                chosen.Add(first);
                for (var i = 1; i < byPart.Length && chosen.Count == i; i++)
                {
                    // A part cannot reuse the very words another part matched ("bố … đi tù" twice). The nearest
                    // occurrence wins; among equally near ones the first (what a stable OrderBy then First gave).
                    RuleMatch? near = null;
                    var nearest = int.MaxValue;
                    foreach (var m in byPart[i])
                    {
                        var distance = Math.Abs(m.Start - first.Start);
                        if (distance > conjunction.Windows[i] || distance >= nearest || Reuses(chosen, m)) continue;
                        near = m;
                        nearest = distance;
                    }
                    if (near is not null) chosen.Add(near);
                }
                if (chosen.Count != byPart.Length) continue;
                result.Add(Combine(first, chosen));
            }
        }
        return result;
    }

    private static bool Reuses(List<RuleMatch> chosen, RuleMatch m)
    {
        foreach (var c in chosen) if (c.Start == m.Start && c.End == m.End) return true;
        return false;
    }

    /// <summary>One match for a completed conjunction: the parts' tokens (each position once, the first part to
    /// cover it kept, in position order) and their span.</summary>
    private static RuleMatch Combine(RuleMatch first, List<RuleMatch> chosen)
    {
        var count = 0;
        foreach (var m in chosen) count += m.Covered.Count;
        var tokens = new CoveredToken[count];
        var n = 0;
        int start = int.MaxValue, end = int.MinValue, firstSentence = int.MaxValue, lastSentence = int.MinValue, lastPartStart = int.MinValue;
        foreach (var m in chosen)
        {
            foreach (var token in m.Covered)
            {
                var seen = false;
                for (var k = 0; k < n && !seen; k++) seen = tokens[k].Position == token.Position;
                if (!seen) tokens[n++] = token;
            }
            start = Math.Min(start, m.Start);
            end = Math.Max(end, m.End);
            firstSentence = Math.Min(firstSentence, m.Sentence);
            lastSentence = Math.Max(lastSentence, m.Sentence);
            lastPartStart = Math.Max(lastPartStart, m.Start);
        }
        // Positions are distinct now, so the order is the same whatever the sort's stability.
        Array.Sort(tokens, 0, n, CoveredTokenByPosition.Instance);
        var combined = new RuleMatch().Set(first.Rule, first.Sentence, start, end, new ArraySegment<CoveredToken>(tokens, 0, n), null);
        combined.FirstSentence = firstSentence;
        combined.LastSentence = lastSentence;
        combined.LastPartStart = lastPartStart;
        return combined;
    }

    private sealed class CoveredTokenByPosition : IComparer<CoveredToken>
    {
        public static readonly CoveredTokenByPosition Instance = new();
        public int Compare(CoveredToken x, CoveredToken y) => x.Position.CompareTo(y.Position);
    }

    private static bool AnyGuarded(ArraySegment<CoveredToken> covered, bool[] guarded)
    {
        foreach (var token in covered) if (guarded[token.Position]) return true;
        return false;
    }

    private static bool Longest(ArraySegment<CoveredToken> covered, int[] longestAnchor)
    {
        foreach (var token in covered) if (longestAnchor[token.Position] > covered.Count) return false;
        return true;
    }

    private static Reporter ReporterOf(RuleMatch deciding, List<RuleMatch> anchors, Dictionary<string, DisclosureCue> cues, List<RuleMatch> buffer)
    {
        // A speaker who names their spouse or "thằng bé nhà tôi" anywhere is an adult, even when a cue reads their
        // "tôi" as its victim ("chồng tôi hay đánh con, tôi phải làm sao"); so is one who names another family's child
        // as the victim ("con nhà hàng xóm bị bố nó đánh, tôi gọi ai?"): a witness.
        foreach (var a in anchors)
        {
            if (a.Rule.Role is not (AnchorRole.Parent or AnchorRole.Witness)) continue;
            AddModifier(cues, a);
            return Reporter.Adult;
        }
        var covered = buffer;
        covered.Clear();
        var childOfSpeaker = false;
        foreach (var a in anchors)
        {
            if (a.Sentence != deciding.Sentence) continue;
            childOfSpeaker |= a.Rule.Role == AnchorRole.MyChild;
            if (a.Overlaps(deciding)) covered.Add(a);
        }
        var fromCue = RoleToReporter(covered, preferSelf: true, childOfSpeaker);
        if (fromCue != Reporter.Unknown)
        {
            AddModifier(cues, covered[0]);
            return fromCue;
        }
        var inSentence = buffer;
        inSentence.Clear();
        foreach (var a in anchors) if (a.Sentence == deciding.Sentence) inSentence.Add(a);
        var reporter = RoleToReporter(inSentence, preferSelf: false, childOfSpeaker);
        if (reporter == Reporter.Unknown) reporter = RoleToReporter(anchors, preferSelf: false, childOfSpeaker);
        return reporter;
    }

    private static Reporter RoleToReporter(List<RuleMatch> anchors, bool preferSelf, bool childOfSpeaker)
    {
        bool self = false, child = false, place = false, alone = false, myChild = childOfSpeaker;
        foreach (var a in anchors)
        {
            self |= a.Rule.Role == AnchorRole.Self;
            alone |= a.Rule.Role == AnchorRole.SelfAlone;
            myChild |= a.Rule.Role == AnchorRole.MyChild;
            child |= a.Rule.Role is AnchorRole.MyChild or AnchorRole.SomeChild or AnchorRole.IndefiniteChild or AnchorRole.Adult or AnchorRole.Parent or AnchorRole.Witness;
            place |= a.Rule.Role == AnchorRole.Place;
        }
        // "một mình" is the speaker alone, unless the sentence names the speaker's child: "con tôi … ở nhà một mình".
        self |= alone && !myChild;
        if (preferSelf) return self ? Reporter.Child : child || place ? Reporter.Adult : Reporter.Unknown;
        // Outside the cue, another child or a parent/teacher marker outweighs a bare "tôi"/"em" (a parent also
        // says "em"); a place alone ("ngoài đường") does not, the speaker may be the child who is there.
        return child ? Reporter.Adult : self ? Reporter.Child : place ? Reporter.Adult : Reporter.Unknown;
    }

    private static void AddModifier(Dictionary<string, DisclosureCue> cues, RuleMatch match) =>
        cues.TryAdd(match.Rule.Id, new DisclosureCue(match.Rule.Id, DisclosureCategory.None, DisclosureLevel.None));

    private static DisclosureLevel Min(DisclosureLevel a, DisclosureLevel b) => a < b ? a : b;

    /// <summary>What a sentence says about its cues: frame, anchors, question, hypothetical, recurrence.</summary>
    private sealed class SentenceFacts
    {
        public RuleMatch? Frame { get; private set; }
        public RuleMatch? Generic { get; private set; }
        public RuleMatch? FirstHypothetical { get; private set; }
        public bool Selfish { get; private set; }
        public bool Specific { get; private set; }
        public bool Question { get; private set; }
        public bool Recurrence { get; private set; }

        /// <summary>The facts of a cue whose parts lie in several sentences: any frame, anchor, question,
        /// hypothetical or recurrence among them counts.</summary>
        public static SentenceFacts Merge(SentenceFacts[] facts, int first, int last)
        {
            var merged = new SentenceFacts();
            for (var i = first; i <= last; i++)
            {
                var f = facts[i];
                merged.Frame ??= f.Frame;
                merged.Generic ??= f.Generic;
                if (f.FirstHypothetical is not null && (merged.FirstHypothetical is null || f.FirstHypothetical.Start < merged.FirstHypothetical.Start))
                    merged.FirstHypothetical = f.FirstHypothetical;
                merged.Selfish |= f.Selfish;
                merged.Specific |= f.Specific;
                merged.Question |= f.Question;
                merged.Recurrence |= f.Recurrence;
            }
            return merged;
        }

        public static SentenceFacts[] Collect(DisclosureText parsed, List<RuleMatch> live, List<RuleMatch> anchors)
        {
            var facts = parsed.Sentences.Select(s => new SentenceFacts { Question = s.EndsWithQuestionMark }).ToArray();
            foreach (var match in live)
            {
                var f = facts[match.Sentence];
                switch (match.Rule.Kind)
                {
                    case RuleKind.Frame: f.Frame ??= match; break;
                    case RuleKind.Question: f.Question = true; break;
                    case RuleKind.Recurrence: f.Recurrence = true; break;
                    case RuleKind.Hypothetical when f.FirstHypothetical is null || match.Start < f.FirstHypothetical.Start:
                        f.FirstHypothetical = match;
                        break;
                }
            }
            foreach (var anchor in anchors)
            {
                var f = facts[anchor.Sentence];
                switch (anchor.Rule.Role)
                {
                    case AnchorRole.Self or AnchorRole.SelfAlone or AnchorRole.Parent or AnchorRole.MyChild:
                        f.Selfish = true;
                        f.Specific = true;
                        break;
                    case AnchorRole.SomeChild or AnchorRole.IndefiniteChild or AnchorRole.Place or AnchorRole.Witness:
                        f.Specific = true;
                        break;
                    case AnchorRole.Generic:
                        f.Generic ??= anchor;
                        break;
                }
            }
            return facts;
        }
    }

    /// <summary>A rule matched over tokens. Objects are reused from one message to the next on a thread (see
    /// <see cref="MatchScratch.NewMatch"/>), so nothing may keep one after the call; they are compared by reference
    /// only.</summary>
    private sealed class RuleMatch
    {
        public DisclosureRule Rule { get; private set; } = null!;
        public int Sentence { get; private set; }
        public int Start { get; private set; }
        public int End { get; private set; }
        public ArraySegment<CoveredToken> Covered { get; private set; }

        /// <summary>For a part of a conjunction, its pattern; null for a whole match.</summary>
        public PatternSequence? Part { get; private set; }

        /// <summary>The sentences a combined conjunction spans (both <see cref="Sentence"/> otherwise).</summary>
        public int FirstSentence { get; set; }
        public int LastSentence { get; set; }

        /// <summary>Where the last part of a conjunction starts (<see cref="Start"/> otherwise): a hypothetical
        /// before it governs the cue even when an anchor part comes first ("em sợ bị bố đánh").</summary>
        public int LastPartStart { get; set; }

        public RuleMatch Set(DisclosureRule rule, int sentence, int start, int end, ArraySegment<CoveredToken> covered, PatternSequence? part)
        {
            Rule = rule;
            Sentence = sentence;
            Start = start;
            End = end;
            Covered = covered;
            Part = part;
            FirstSentence = sentence;
            LastSentence = sentence;
            LastPartStart = start;
            return this;
        }

        public bool Covers(int position)
        {
            foreach (var token in Covered) if (token.Position == position) return true;
            return false;
        }

        public bool Overlaps(RuleMatch other)
        {
            foreach (var token in other.Covered) if (Covers(token.Position)) return true;
            return false;
        }
    }
}
