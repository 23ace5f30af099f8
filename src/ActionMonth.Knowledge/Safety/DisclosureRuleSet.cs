using System.Text;
using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Safety;

/// <summary>
/// The lexicon lists and rules of the disclosure detector, parsed from their two tab-separated files
/// (formats at the top of disclosure-lexicon.tsv and disclosure-rules.tsv). Any malformed line stops the load
/// with a <see cref="FormatException"/> naming the file and line: a detector with a silently dropped rule is worse
/// than one that refuses to start.
/// </summary>
[Flags]
internal enum CandidateFlags : byte
{
    None = 0,
    /// <summary>The first candidate of a rule's attempt at a token.</summary>
    FirstOfRule = 1,
    /// <summary>The rule has conjunction parts, so a plain match does not end its attempt.</summary>
    RuleHasConjunctions = 2,
    /// <summary>The rule lowers a decision (<see cref="DisclosureDetector.Suppresses"/>).</summary>
    Suppresses = 4,
    /// <summary>The pattern is a part of a conjunction (<see cref="DisclosureRuleSet.ConjunctionOf"/>).</summary>
    Part = 8,
    /// <summary>A number may be the token after the first (<see cref="RuleCandidate.SecondWords"/>).</summary>
    NumberMayFollow = 16,
    /// <summary>The rule is a cue: a disclose or harm rule (<see cref="RulePass.Cues"/>).</summary>
    Cue = 32,
}

/// <summary>Which rules a matching pass tries. A message without a cue (a disclose or harm match, a conjunction's part
/// included) is decided None whatever else matches, so the detector tries the cues first and the other kinds only
/// when one matched; <see cref="All"/> tries every rule in one pass, the reference the split is tested against.</summary>
[Flags]
internal enum RulePass
{
    Cues = 1,
    Others = 2,
    All = Cues | Others,
}

/// <summary>A pattern that may begin on a token, with what the detector needs to decide whether to try it, without
/// reading the rule or pattern objects: most candidates are not viable in the sentence and are skipped here.</summary>
/// <param name="Phrases">Where the candidate's opening phrases start in <see cref="DisclosureRuleSet.OpeningPhrases"/>
/// (see there), or -1 when the pattern's opening is not a plain word slot or can be a single word.</param>
/// <param name="SecondWords">Where the words that can follow the token in a match start in
/// <see cref="DisclosureRuleSet.OpeningPhrases"/> (a count, then the sorted word numbers), or -1 when a match may
/// end after the token or what follows it is not known word by word.</param>
/// <param name="SecondBloom">One bit per next word number modulo 64 of the words at <paramref name="SecondWords"/>:
/// most next words are ruled out here without reading the pool.</param>
/// <param name="RequiredClasses">One bit per required-slot class number modulo 64 of the pattern's classes
/// (<see cref="DisclosureRuleSet.ViableAt"/>), 0 when it has none: a pattern with a bit the sentence's classes lack
/// (<see cref="DisclosureRuleSet.ViablePatterns"/>) cannot match there, and most are ruled out so without reading
/// its class list.</param>
/// <param name="Rule">The rule's position in <see cref="DisclosureRuleSet.Rules"/>, kept beside the flags (where the
/// struct had padding) so that walking a word's candidates reads nothing else to tell one rule's from the next's.</param>
internal readonly record struct RuleCandidate(int Pattern, CandidateFlags Flags, ushort Rule, ulong RequiredClasses, int Phrases = -1, int SecondWords = -1, ulong SecondBloom = 0);

internal sealed partial class DisclosureRuleSet
{
    public const string LexiconResource = "disclosure-lexicon.tsv";
    public const string RulesResource = "disclosure-rules.tsv";
    private const int MaxGap = 12;

    private readonly Dictionary<string, DisclosureRule[]> _byFirstWord;

    // The folded words that can open a pattern's required slot: numbered in the vocabulary with the opening words, so
    // the viability pass can mark a slot's class from a message word's number.
    private readonly HashSet<string> _requiredWords;
    private readonly PatternSequence[] _patterns;

    public IReadOnlyList<DisclosureRule> Rules { get; }
    public IReadOnlyDictionary<string, LexiconList> Lists { get; }

    /// <summary>Rules whose pattern can start with a number.</summary>
    public DisclosureRule[] NumberRules { get; }

    private DisclosureRuleSet(List<DisclosureRule> rules, Dictionary<string, LexiconList> lists)
    {
        Rules = rules;
        Lists = lists;
        var map = new Dictionary<string, List<DisclosureRule>>(StringComparer.Ordinal);
        var numbers = new List<DisclosureRule>();
        foreach (var rule in rules)
        {
            foreach (var pattern in rule.Patterns)
            {
                foreach (var first in FirstWords(pattern, rule.Source, rule.Line))
                {
                    if (first == PatternAlternative.NumberKey) { if (!numbers.Contains(rule)) numbers.Add(rule); continue; }
                    if (!map.TryGetValue(first, out var list)) map[first] = list = [];
                    if (!list.Contains(rule)) list.Add(rule);
                }
            }
        }
        _byFirstWord = map.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        NumberRules = numbers.ToArray();

        _patterns = rules.SelectMany(r => r.Patterns).ToArray();
        var required = new HashSet<string>(StringComparer.Ordinal);
        // Required slots by the words that can open them: many patterns share a slot's words ("@VICTIM"), so the
        // viability pass marks a class of slots once per sentence instead of every (pattern, slot) pair.
        var classIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var classWords = new List<string[]>();
        var patternClasses = new List<int>[_patterns.Length];
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            pattern.Index = i;
            var bit = 0;
            // A plain pattern that opens with a required slot (nothing but zero-width elements before it) is tried
            // only on a token that slot can take, so that slot's words are present wherever it is tried: it gets no
            // bit, and "em" no longer marks the hundred patterns that open with it. Conjunction parts keep every bit,
            // their possibility is settled on the whole message.
            var skipOpening = pattern.Conjunction is null && OpensWithRequiredSlot(pattern);
            patternClasses[i] = [];
            foreach (var slot in pattern.Elements.OfType<SlotElement>().Where(s => !s.Optional && !s.Negative))
            {
                if (skipOpening)
                {
                    skipOpening = false;
                    continue;
                }
                // At most 64 required slots of a pattern are checked for viability, as since the first round (no
                // pattern comes near; an unchecked slot only means more attempts, never fewer).
                if (bit++ == 64) break;
                var words = slot.Alternatives.SelectMany(a => a.FirstWords()).Distinct().ToArray();
                required.UnionWith(words);
                var classKey = string.Join("\u0001", words.Order(StringComparer.Ordinal));
                if (!classIds.TryGetValue(classKey, out var classId))
                {
                    classIds[classKey] = classId = classWords.Count;
                    classWords.Add(words);
                }
                patternClasses[i].Add(classId);
            }
        }
        _patternRules = rules.SelectMany(r => r.Patterns.Select(_ => r)).ToArray();
        _requiredWords = required;

        Conjunctions = _patterns.Select(p => p.Conjunction).OfType<PatternConjunction>().Distinct().ToArray();
        for (var i = 0; i < Conjunctions.Length; i++) Conjunctions[i].Index = i;
        _conjunctionParts = Conjunctions.Select(c => c.Parts.Select(p => p.Index).ToArray()).ToArray();
        _patternConjunction = _patterns.Select(p => p.Conjunction?.Index ?? -1).ToArray();
        _patternPart = _patterns.Select(p => p.Part).ToArray();

        // Number every word the rules mention, then index by number what the matcher looks up per message word.
        Vocabulary = new DisclosureVocabulary();
        _numberId = Vocabulary.Intern(PatternAlternative.NumberKey);
        var listIndex = 0;
        foreach (var list in lists.Values)
        {
            list.Index = listIndex++;
            list.Number(Vocabulary);
            foreach (var entry in list.Entries) Number(entry, Vocabulary);
        }
        foreach (var pattern in _patterns) Number(pattern, Vocabulary);
        foreach (var word in _byFirstWord.Keys.Concat(_requiredWords)) Vocabulary.Intern(word);
        _byFirstWordId = new DisclosureRule[Vocabulary.Count][];
        Array.Fill(_byFirstWordId, []);
        foreach (var (word, starting) in _byFirstWord) _byFirstWordId[Vocabulary.Find(word)] = starting;
        SlotClassCount = classWords.Count;
        var classesByWord = new List<int>[Vocabulary.Count];
        for (var c = 0; c < classWords.Count; c++)
        {
            foreach (var word in classWords[c]) (classesByWord[Vocabulary.Find(word)] ??= []).Add(c);
        }
        _wordClassStarts = new int[Vocabulary.Count + 1];
        var wordClasses = new List<int>();
        for (var w = 0; w < Vocabulary.Count; w++)
        {
            _wordClassStarts[w] = wordClasses.Count;
            if (classesByWord[w] is { } classes) wordClasses.AddRange(classes);
        }
        _wordClassStarts[Vocabulary.Count] = wordClasses.Count;
        _wordClasses = wordClasses.ToArray();
        _patternClassStarts = new int[_patterns.Length + 1];
        var flatPatternClasses = new List<int>();
        for (var i = 0; i < _patterns.Length; i++)
        {
            _patternClassStarts[i] = flatPatternClasses.Count;
            flatPatternClasses.AddRange(patternClasses[i]);
        }
        _patternClassStarts[_patterns.Length] = flatPatternClasses.Count;
        _patternClasses = flatPatternClasses.ToArray();

        // Per pattern, the word numbers it can start with; then per word, its candidates in the order the detector
        // tries them (rule order, then pattern order within the rule).
        _patternStarts = new PatternStart[_patterns.Length];
        _ruleIndex = new Dictionary<DisclosureRule, int>(ReferenceEqualityComparer.Instance);
        for (var r = 0; r < rules.Count; r++) _ruleIndex[rules[r]] = r;
        for (var i = 0; i < _patterns.Length; i++)
        {
            var firsts = FirstWords(_patterns[i], "", 0);
            var ids = firsts.Where(f => f != PatternAlternative.NumberKey).Select(Vocabulary.Find).Order().ToArray();
            _patternStarts[i] = new PatternStart(ids, firsts.Contains(PatternAlternative.NumberKey));
        }
        _candidatesByWordId = new RuleCandidate[Vocabulary.Count][];
        var phrasePool = new List<int>();
        for (var w = 0; w < _candidatesByWordId.Length; w++)
        {
            var candidates = new List<RuleCandidate>();
            AddCandidates(_byFirstWordId[w], w, isNumber: false, candidates);
            for (var c = 0; c < candidates.Count; c++)
            {
                var phrases = AddOpeningPhrases(_patterns[candidates[c].Pattern], w, phrasePool);
                if (phrases >= 0) candidates[c] = candidates[c] with { Phrases = phrases };
                var seconds = AddSecondWords(_patterns[candidates[c].Pattern], w, phrasePool);
                if (seconds < 0) continue;
                ulong bloom = 0;
                var flags = candidates[c].Flags;
                for (var k = 0; k < phrasePool[seconds]; k++)
                {
                    var word = phrasePool[seconds + 1 + k];
                    if (word == AnyNumber) flags |= CandidateFlags.NumberMayFollow;
                    else if (word >= 0) bloom |= 1UL << (word & 63);
                }
                candidates[c] = candidates[c] with { SecondWords = seconds, SecondBloom = bloom, Flags = flags };
            }
            _candidatesByWordId[w] = candidates.ToArray();
        }
        OpeningPhrases = phrasePool.ToArray();
        _cueFollowIndex = new CandidateFollowIndex(_candidatesByWordId, OpeningPhrases, RulePass.Cues);
        _otherFollowIndex = new CandidateFollowIndex(_candidatesByWordId, OpeningPhrases, RulePass.Others);
    }


    // The candidates of each word indexed by next word, once per pass: the cue pass reads only the cue rules' entries.
    private readonly CandidateFollowIndex _cueFollowIndex;
    private readonly CandidateFollowIndex _otherFollowIndex;

    private CandidateFollowIndex FollowIndexOf(RulePass pass) => pass switch
    {
        RulePass.Cues => _cueFollowIndex,
        RulePass.Others => _otherFollowIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(pass), pass, "the follow index serves one pass at a time"),
    };

    /// <summary>Indexes (into <see cref="CandidatesStartingWith"/> of the word) of the pass's candidates that put no
    /// constraint on the next token.</summary>
    public ReadOnlySpan<int> UnconstrainedCandidates(int wordId, RulePass pass) => FollowIndexOf(pass).Unconstrained(wordId);

    /// <summary>Indexes (into <see cref="CandidatesStartingWith"/> of the word) of the pass's candidates that may go
    /// on with a next token carrying <paramref name="nextWordId"/> (not a number token: those are checked one by
    /// one).</summary>
    public ReadOnlySpan<int> CandidatesFollowedBy(int wordId, int nextWordId, RulePass pass) =>
        FollowIndexOf(pass).FollowedBy(wordId, nextWordId);

    /// <summary>The first words of a pattern as vocabulary numbers (sorted), and whether it can start with a
    /// number.</summary>
    private readonly record struct PatternStart(int[] WordIds, bool Number);

    private readonly PatternStart[] _patternStarts;
    private readonly RuleCandidate[][] _candidatesByWordId;
    private readonly Dictionary<DisclosureRule, int> _ruleIndex;

    /// <summary>True when a match of the pattern may begin on a token with this word number (and this number-ness):
    /// every match covers its first token with one of the pattern's first words.</summary>
    public bool CanStart(PatternSequence pattern, int wordId, bool isNumber)
    {
        var start = _patternStarts[pattern.Index];
        return isNumber && start.Number || wordId != DisclosureVocabulary.Unknown && Array.BinarySearch(start.WordIds, wordId) >= 0;
    }

    /// <summary>The patterns that may begin on a word (not a number), in the order the detector tries them: rule
    /// order, then pattern order within the rule. A rule's patterns that cannot begin there are left out.</summary>
    public RuleCandidate[] CandidatesStartingWith(int wordId) =>
        wordId == DisclosureVocabulary.Unknown ? [] : _candidatesByWordId[wordId];

    /// <summary>The candidates for a number token (rare): those of <see cref="RulesStartingWith"/> and then those of
    /// <see cref="NumberRules"/>, each rule with its patterns that may begin on this word or on a number. A rule in
    /// both lists is tried twice, once in each, as it always was.</summary>
    public void NumberCandidates(int wordId, List<RuleCandidate> into)
    {
        into.Clear();
        AddCandidates(RulesStartingWith(wordId), wordId, isNumber: true, into);
        AddCandidates(NumberRules, wordId, isNumber: true, into);
    }

    /// <summary>Per rule, its patterns that may begin on the token; the first of each rule is flagged, so the detector
    /// knows where one rule's attempt ends even when the same rule comes twice in a row.</summary>
    private void AddCandidates(DisclosureRule[] rules, int wordId, bool isNumber, List<RuleCandidate> into)
    {
        foreach (var rule in rules)
        {
            var index = _ruleIndex[rule];
            var flags = CandidateFlags.FirstOfRule;
            if (rule.HasConjunctions) flags |= CandidateFlags.RuleHasConjunctions;
            if (DisclosureDetector.Suppresses(rule)) flags |= CandidateFlags.Suppresses;
            if (rule.Kind is RuleKind.Disclose or RuleKind.Harm) flags |= CandidateFlags.Cue;
            foreach (var pattern in rule.Patterns)
            {
                if (!CanStart(pattern, wordId, isNumber)) continue;
                into.Add(new RuleCandidate(pattern.Index, flags | (pattern.Conjunction is null ? 0 : CandidateFlags.Part), (ushort)index, RequiredClassBits(pattern.Index)));
                flags &= ~CandidateFlags.FirstOfRule;
            }
        }
    }

    /// <summary>Marks a "&lt;num&gt;" word inside an opening phrase: any number token.</summary>
    public const int AnyNumber = -2;

    /// <summary>
    /// Opening phrases of candidates, flattened: at a candidate's <see cref="RuleCandidate.Phrases"/>, a count of
    /// phrases, then per phrase its length after the first word and those words' numbers (<see cref="AnyNumber"/>
    /// for "&lt;num&gt;"). A pattern that opens with a required slot of word alternatives only ("không_được_sinh_ra|
    /// muốn_chết|…") can match only where one of the phrases that start with the token's word follows it, word
    /// for word within the clause; checking that here saves a match attempt on most candidates.
    /// </summary>
    public int[] OpeningPhrases { get; private set; } = [];

    /// <summary>Adds the opening phrases of a pattern that start with the word and returns where they start, or -1
    /// when no filter applies (the pattern opens otherwise, or one alternative is the single word itself).</summary>
    private static int AddOpeningPhrases(PatternSequence pattern, int wordId, List<int> pool)
    {
        if (pattern.Elements[0] is not SlotElement { Optional: false, Negative: false } slot) return -1;
        var phrases = new List<WordsAlternative>();
        foreach (var alternative in slot.Alternatives)
        {
            if (alternative is not WordsAlternative words) return -1;
            if (words.NumberWords[0] || words.WordIds[0] != wordId) continue;
            if (words.Words.Length == 1) return -1;
            phrases.Add(words);
        }
        if (phrases.Count == 0) return -1;
        var start = pool.Count;
        pool.Add(phrases.Count);
        foreach (var words in phrases)
        {
            pool.Add(words.Words.Length - 1);
            for (var i = 1; i < words.Words.Length; i++) pool.Add(words.NumberWords[i] ? AnyNumber : words.WordIds[i]);
        }
        return start;
    }

    /// <summary>Adds the words the second token of any match of the pattern that begins on a token with this word
    /// must carry, and returns where they start; -1 when there is no such constraint (a match may cover only the
    /// token, or a gap or sentence end follows it). Every slot consumes at least one token (every pattern and list
    /// entry has a required word), so the token after the first is read by the next slot that is not zero-width,
    /// or by an optional slot before it.</summary>
    private int AddSecondWords(PatternSequence pattern, int wordId, List<int> pool)
    {
        var words = new HashSet<int>();
        if (!SecondWords(pattern.Elements, 0, wordId, null, words)) return -1;
        var start = pool.Count;
        pool.Add(words.Count);
        pool.AddRange(words.Order());
        return start;
    }

    /// <summary>The rest of a pattern after a list entry ends: the elements from an index, then the frame around.</summary>
    private sealed record Frame(PatternElement[] Elements, int Index, Frame? Outer);

    /// <summary>Adds the words the token after the first can carry when the elements from <paramref name="index"/>
    /// consume a first token with this word; false when some way of matching puts no constraint on it.</summary>
    private bool SecondWords(PatternElement[] elements, int index, int wordId, Frame? outer, HashSet<int> into)
    {
        for (var i = index; i < elements.Length; i++)
        {
            switch (elements[i])
            {
                case SlotElement { Negative: true } or NotPrecededByElement or MessageEdgeElement or SentenceStartElement:
                    continue;
                case SlotElement slot:
                {
                    if (slot.ByFirstWordId.TryGetValue(wordId, out var alternatives))
                    {
                        var rest = new Frame(elements, i + 1, outer);
                        foreach (var alternative in alternatives)
                        {
                            switch (alternative)
                            {
                                case WordsAlternative { Words.Length: > 1 } phrase:
                                    into.Add(phrase.NumberWords[1] ? AnyNumber : phrase.WordIds[1]);
                                    break;
                                case WordsAlternative:
                                    if (!Follow(rest, into)) return false;
                                    break;
                                case ListAlternative list:
                                    if (!list.List.EntriesByFirstWordId.TryGetValue(wordId, out var entries)) break;
                                    foreach (var entry in entries)
                                    {
                                        if (!SecondWords(entry.Elements, 0, wordId, rest, into)) return false;
                                    }
                                    break;
                                default:
                                    return false;
                            }
                        }
                    }
                    if (!slot.Optional) return true;
                    continue;
                }
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Adds the words the next token can carry after a slot has matched; false when the match may end
    /// here or a gap or sentence end comes next.</summary>
    private bool Follow(Frame? frame, HashSet<int> into)
    {
        for (; frame is not null; frame = frame.Outer)
        {
            for (var i = frame.Index; i < frame.Elements.Length; i++)
            {
                switch (frame.Elements[i])
                {
                    case SlotElement { Negative: true } or NotPrecededByElement or MessageEdgeElement or SentenceStartElement:
                        continue;
                    case SlotElement slot:
                        foreach (var alternative in slot.Alternatives)
                        {
                            foreach (var first in alternative.FirstWords())
                                into.Add(first == PatternAlternative.NumberKey ? AnyNumber : Vocabulary.Find(first));
                        }
                        if (!slot.Optional) return true;
                        continue;
                    default:
                        return false;
                }
            }
        }
        return false;
    }

    /// <summary>The rule a pattern belongs to, by pattern index.</summary>
    public DisclosureRule RuleOf(int pattern) => _patternRules[pattern];

    /// <summary>The conjunction index of a part, by pattern index.</summary>
    public int ConjunctionOf(int pattern) => _patternConjunction[pattern];

    /// <summary>Which part of its conjunction a part is (<see cref="PatternSequence.Part"/>), by pattern index.</summary>
    public int PartOf(int pattern) => _patternPart[pattern];

    private readonly int[] _patternPart;

    /// <summary>Per pattern index, its conjunction's index or -1: read for every part tried, without reaching
    /// through the pattern and conjunction objects (two cache misses on a hot path).</summary>
    private readonly int[] _patternConjunction;

    private readonly DisclosureRule[] _patternRules;

    /// <summary>The pattern of a candidate.</summary>
    public PatternSequence Pattern(int index) => _patterns[index];

    private static void Number(PatternSequence sequence, DisclosureVocabulary vocabulary)
    {
        foreach (var element in sequence.Elements)
        {
            if (element is SlotElement slot) slot.Number(vocabulary);
            else if (element is NotPrecededByElement notAfter) notAfter.Number(vocabulary);
        }
    }

    /// <summary>The numbers of the words the rules mention (<see cref="DisclosureVocabulary"/>).</summary>
    public DisclosureVocabulary Vocabulary { get; }

    private readonly int _numberId;
    private readonly DisclosureRule[][] _byFirstWordId;
    /// <summary>Number of distinct required-slot classes (slots that open with the same words).</summary>
    public int SlotClassCount { get; }

    // Per word number, the slot classes it can open (from _wordClassStarts[w] to [w + 1] in _wordClasses); per
    // pattern, the classes of its required slots (at most 64; see RuleCandidate.RequiredClasses), likewise.
    private readonly int[] _wordClassStarts;
    private readonly int[] _wordClasses;
    private readonly int[] _patternClassStarts;
    private readonly int[] _patternClasses;

    /// <summary>Every conjunction of every rule, indexed by <see cref="PatternConjunction.Index"/>.</summary>
    public PatternConjunction[] Conjunctions { get; }

    public int PatternCount => _patterns.Length;

    /// <summary>True when the first element that is not zero-width is a required slot: every match covers its first
    /// token with that slot.</summary>
    private static bool OpensWithRequiredSlot(PatternSequence pattern)
    {
        foreach (var element in pattern.Elements)
        {
            switch (element)
            {
                case SlotElement { Negative: true } or NotPrecededByElement or MessageEdgeElement or SentenceStartElement:
                    continue;
                case SlotElement slot:
                    return !slot.Optional;
                default:
                    return false;
            }
        }
        return false;
    }

    /// <summary>The bit of a required-slot class in a class set (<see cref="RuleCandidate.RequiredClasses"/>).</summary>
    public static ulong ClassBit(int slotClass) => 1UL << (slotClass & 63);

    private ulong RequiredClassBits(int pattern)
    {
        ulong bits = 0;
        for (var k = _patternClassStarts[pattern]; k < _patternClassStarts[pattern + 1]; k++) bits |= ClassBit(_patternClasses[k]);
        return bits;
    }

    /// <summary>Per conjunction, the pattern indexes of its parts.</summary>
    private readonly int[][] _conjunctionParts;

    /// <summary>True when every part of the conjunction has its required words among those
    /// <see cref="ViablePatterns"/> marked.</summary>
    public bool ConjunctionPossible(int conjunction, long[] classes, int stamp)
    {
        foreach (var part in _conjunctionParts[conjunction])
        {
            if (!ViableAt(part, int.MinValue, classes, stamp)) return false;
        }
        return true;
    }

    /// <summary>True when every required slot of the pattern has one of its words at <paramref name="position"/> or
    /// after it in the text <see cref="ViablePatterns"/> last marked with <paramref name="stamp"/> (every required slot
    /// is matched at or after a match's start); <see cref="int.MinValue"/> asks only whether they occur at all.</summary>
    public bool ViableAt(int pattern, int position, long[] classes, int stamp)
    {
        for (var k = _patternClassStarts[pattern]; k < _patternClassStarts[pattern + 1]; k++)
        {
            var state = classes[_patternClasses[k]];
            if ((int)(state >> 32) != stamp || (int)state < position) return false;
        }
        return true;
    }


    /// <summary>For one sentence (or the whole message), per required-slot class the last position of a word that
    /// can open it, stamped: <paramref name="classes"/>[c] = stamp &lt;&lt; 32 | position, read by
    /// <see cref="ViableAt"/>. A pattern whose required words are not all there cannot match, and cannot start after
    /// the last place where they all still lie ahead. Returns the marked classes' bits (<see cref="ClassBit"/>).</summary>
    /// <param name="seen">Per vocabulary number, the <paramref name="stamp"/> of the last call that marked the word
    /// (at least <see cref="DisclosureVocabulary.Count"/> long; a fresh stamp per call): a word met again earlier in
    /// the sentence adds nothing, its classes already hold a later position.</param>
    public ulong ViablePatterns(DisclosureToken[] tokens, int[] wordIds, DisclosureSentence sentence, long[] classes, int[] seen, int stamp)
    {
        var sawNumber = false;
        ulong marked = 0;
        // From the end, so the first mark of a class is its last position.
        for (var i = sentence.End - 1; i >= sentence.Start; i--)
        {
            if (tokens[i].IsNumber && !sawNumber)
            {
                sawNumber = true;
                Mark(_numberId, i);
            }
            Mark(wordIds[i], i);
        }
        return marked;

        void Mark(int word, int position)
        {
            if (word == DisclosureVocabulary.Unknown || seen[word] == stamp) return;
            seen[word] = stamp;
            var state = (long)stamp << 32 | (uint)position;
            for (var k = _wordClassStarts[word]; k < _wordClassStarts[word + 1]; k++)
            {
                var slotClass = _wordClasses[k];
                ref var entry = ref classes[slotClass];
                if ((int)(entry >> 32) == stamp) continue;
                entry = state;
                marked |= ClassBit(slotClass);
            }
        }
    }

    /// <summary>Rules that may start at a token with this vocabulary number.</summary>
    public DisclosureRule[] RulesStartingWith(int wordId) =>
        wordId == DisclosureVocabulary.Unknown ? [] : _byFirstWordId[wordId];

    /// <summary>The files shipped inside the library.</summary>
    public static DisclosureRuleSet LoadEmbedded()
    {
        using var lexicon = OpenEmbedded(LexiconResource);
        using var rules = OpenEmbedded(RulesResource);
        return Parse(lexicon, LexiconResource, rules, RulesResource);
    }

    public static DisclosureRuleSet Parse(TextReader lexicon, string lexiconName, TextReader rules, string rulesName)
    {
        var lists = new Dictionary<string, LexiconList>(StringComparer.Ordinal);
        var pendingEntries = new List<(LexiconList List, string Text, string Source, int Line)>();

        foreach (var (line, number) in ReadLines(lexicon))
        {
            var columns = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (columns.Length != 2)
                throw Error(lexiconName, number, "expected 'NAME<TAB>entry ; entry ; …' (two columns)");
            var name = columns[0];
            if (!ListName().IsMatch(name))
                throw Error(lexiconName, number, $"list name '{name}' must be upper-case letters, digits and '_'");
            var list = GetList(lists, name);
            if (!list.Defined)
            {
                list.Defined = true;
                list.Source = lexiconName;
                list.Line = number;
            }
            foreach (var entry in columns[1].Split(';'))
            {
                var text = entry.Trim();
                if (text.Length == 0) throw Error(lexiconName, number, "empty entry (two ';' in a row or a trailing ';')");
                pendingEntries.Add((list, text, lexiconName, number));
            }
        }

        var parsed = new List<DisclosureRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, number) in ReadLines(rules))
        {
            var columns = line.Split('\t', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (columns.Length != 5)
                throw Error(rulesName, number, "expected 'kind<TAB>id<TAB>level<TAB>category<TAB>pattern' (five columns)");
            if (!Enum.TryParse<RuleKind>(columns[0], ignoreCase: true, out var kind) || int.TryParse(columns[0], out _))
                throw Error(rulesName, number, $"unknown kind '{columns[0]}'");
            var id = columns[1];
            if (!RuleId().IsMatch(id)) throw Error(rulesName, number, $"rule id '{id}' must be lower-case letters, digits, '.', '-' and '_'");
            if (!ids.Add(id)) throw Error(rulesName, number, $"duplicate rule id '{id}'");

            var level = DisclosureLevel.None;
            var category = DisclosureCategory.None;
            var role = AnchorRole.None;
            if (kind is RuleKind.Disclose or RuleKind.Harm)
            {
                if (!TryParseEnum(columns[2], out level) || level == DisclosureLevel.None)
                    throw Error(rulesName, number, $"level '{columns[2]}' must be concern, urgent or emergency");
                if (!TryParseEnum(columns[3], out category) || category == DisclosureCategory.None)
                    throw Error(rulesName, number, $"unknown category '{columns[3]}'");
            }
            else if (kind == RuleKind.Anchor)
            {
                if (columns[2] != "-") throw Error(rulesName, number, "an anchor has no level: write '-'");
                if (!TryParseEnum(columns[3], out role) || role == AnchorRole.None)
                    throw Error(rulesName, number, $"unknown anchor role '{columns[3]}' (self, mychild, somechild, place, adult, generic, parent, indefinitechild, selfalone, witness)");
            }
            else if (columns[2] != "-" || columns[3] != "-")
            {
                throw Error(rulesName, number, $"a {columns[0]} rule has no level or category: write '-' in both columns");
            }

            var patterns = new List<PatternSequence>();
            foreach (var alternative in columns[4].Split(';'))
            {
                var text = alternative.Trim();
                if (text.Length == 0) throw Error(rulesName, number, "empty pattern (two ';' in a row or a trailing ';')");
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (!words.Any(w => w[0] == '&'))
                {
                    patterns.Add(ParsePattern(text, lists, rulesName, number));
                    continue;
                }
                if (kind is not (RuleKind.Disclose or RuleKind.Harm))
                    throw Error(rulesName, number, "only disclose and harm rules may join parts with '&'");
                patterns.AddRange(ParseConjunction(words, lists, rulesName, number));
            }
            parsed.Add(new DisclosureRule(id, kind, level, category, role, patterns.ToArray(), rulesName, number));
        }

        foreach (var (list, text, source, number) in pendingEntries)
        {
            list.Entries.Add(ParsePattern(text, lists, source, number));
        }
        foreach (var list in lists.Values.Where(l => !l.Defined))
        {
            throw Error(list.Source, list.Line, $"unknown list '@{list.Name}'");
        }
        IndexLists(lists);
        foreach (var slot in parsed.SelectMany(r => r.Patterns).SelectMany(p => p.Elements).OfType<SlotElement>()) slot.Index();
        if (parsed.Count == 0) throw Error(rulesName, 0, "no rules");
        if (parsed.Count > ushort.MaxValue) throw Error(rulesName, 0, $"more than {ushort.MaxValue} rules");
        return new DisclosureRuleSet(parsed, lists);
    }

    private static LexiconList GetList(Dictionary<string, LexiconList> lists, string name)
    {
        if (!lists.TryGetValue(name, out var list)) lists[name] = list = new LexiconList(name);
        return list;
    }

    /// <summary>"a &amp;N b …": each part is a pattern; N (default <see cref="PatternConjunction.DefaultWindow"/>)
    /// is how many words its start may lie from the first part's start.</summary>
    private static List<PatternSequence> ParseConjunction(string[] words, Dictionary<string, LexiconList> lists, string source, int line)
    {
        var parts = new List<PatternSequence>();
        var windows = new List<int> { 0 };
        var current = new List<string>();
        void EndPart()
        {
            if (current.Count == 0) throw Error(source, line, "empty part around '&'");
            parts.Add(ParsePattern(string.Join(' ', current), lists, source, line));
            current.Clear();
        }
        foreach (var word in words)
        {
            if (word[0] != '&')
            {
                current.Add(word);
                continue;
            }
            EndPart();
            var window = PatternConjunction.DefaultWindow;
            if (word.Length > 1 && (!int.TryParse(word.AsSpan(1), out window) || window < 1 || window > PatternConjunction.MaxWindow))
                throw Error(source, line, $"'{word}' must be '&' or &1 … &{PatternConjunction.MaxWindow}");
            windows.Add(window);
        }
        EndPart();
        if (parts.Count > PatternConjunction.MaxParts) throw Error(source, line, $"a conjunction has at most {PatternConjunction.MaxParts} parts");
        var conjunction = new PatternConjunction(parts.ToArray(), windows.ToArray());
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].Conjunction = conjunction;
            parts[i].Part = i;
        }
        return parts;
    }

    private static PatternSequence ParsePattern(string text, Dictionary<string, LexiconList> lists, string source, int line)
    {
        var elements = new List<PatternElement>();
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "^")
            {
                if (i != 0) throw Error(source, line, "'^' (sentence start) must come first");
                elements.Add(new SentenceStartElement());
                continue;
            }
            if (part is "^^" or "!^^" or "$$" or "!$$")
            {
                elements.Add(new MessageEdgeElement(part.EndsWith("^^", StringComparison.Ordinal), part[0] == '!'));
                continue;
            }
            if (part == "$!!")
            {
                if (i != parts.Length - 1) throw Error(source, line, "'$!!' (sentence end) must come last");
                elements.Add(new ExclaimedEndElement());
                continue;
            }
            if (part is "$" or "$,")
            {
                if (i != parts.Length - 1) throw Error(source, line, part == "$" ? "'$' (sentence end) must come last" : "'$,' (clause end) must come last");
                elements.Add(new SentenceEndElement(orClause: part == "$,"));
                continue;
            }
            if (part.StartsWith("<!", StringComparison.Ordinal))
            {
                var words = new List<SyllableMarks>();
                foreach (var word in part[2..].Split('|'))
                {
                    if (ParseAlternative(word, lists, source, line) is not WordsAlternative { Words.Length: 1 } single)
                        throw Error(source, line, $"'{part}': only single words may follow '<!'");
                    words.Add(single.Words[0]);
                }
                elements.Add(new NotPrecededByElement(words.ToArray()));
                continue;
            }
            if (part[0] == '~')
            {
                if (!int.TryParse(part.AsSpan(1), out var max) || max < 1 || max > MaxGap)
                    throw Error(source, line, $"gap '{part}' must be ~1 … ~{MaxGap}");
                if (elements.Count > 0 && elements[^1] is GapElement)
                    throw Error(source, line, "two gaps in a row");
                elements.Add(new GapElement(max));
                continue;
            }
            var negative = part[0] == '!';
            if (negative) part = part[1..];
            var optional = part.EndsWith('?');
            if (optional) part = part[..^1];
            if (negative && optional) throw Error(source, line, $"'{parts[i]}' cannot be both '!' and '?'");
            if (part.Length == 0) throw Error(source, line, $"empty slot '{parts[i]}'");
            var alternatives = new List<PatternAlternative>();
            foreach (var alternative in part.Split('|'))
            {
                alternatives.Add(ParseAlternative(alternative, lists, source, line));
            }
            elements.Add(new SlotElement(alternatives.ToArray(), optional, negative));
        }
        if (elements.Count > 0 && elements[^1] is GapElement) throw Error(source, line, "a pattern cannot end with a gap");
        if (!elements.OfType<SlotElement>().Any(s => !s.Optional && !s.Negative))
            throw Error(source, line, "a pattern needs at least one word that must be present");
        var firstRequired = elements.FindIndex(e => e is SlotElement { Optional: false, Negative: false });
        if (elements.Take(firstRequired).Any(e => e is GapElement))
            throw Error(source, line, "a pattern cannot begin with a gap");
        return new PatternSequence(elements.ToArray());
    }

    private static PatternAlternative ParseAlternative(string text, Dictionary<string, LexiconList> lists, string source, int line)
    {
        if (text.Length == 0) throw Error(source, line, "empty alternative ('||' or a '|' at an edge)");
        if (text == PatternAlternative.NumberKey) return new NumberAlternative();
        if (text[0] == '@')
        {
            var name = text[1..];
            if (!ListName().IsMatch(name)) throw Error(source, line, $"bad list reference '{text}'");
            var list = GetList(lists, name);
            if (!list.Defined && list.Line == 0)
            {
                // Remember the first place that used it, so an undefined list is reported there.
                list.Source = source;
                list.Line = line;
            }
            return new ListAlternative(list);
        }
        var exact = text.EndsWith('=');
        if (exact) text = text[..^1];
        if (text.Length == 0) throw Error(source, line, "'=' needs a word before it");
        var words = new List<SyllableMarks>();
        foreach (var word in text.Split('_'))
        {
            if (word == PatternAlternative.NumberKey)
            {
                words.Add(new SyllableMarks(PatternAlternative.NumberKey, 0, 0));
                continue;
            }
            var normalised = VietnameseText.Normalize(word);
            if (normalised.Length == 0 || !normalised.All(c => char.IsLetterOrDigit(c) || c is >= '\u0300' and <= '\u036F'))
                throw Error(source, line, $"'{text}' is not a word (letters and digits, '_' between words)");
            words.Add(SyllableMarks.Of(normalised));
        }
        return new WordsAlternative(words.ToArray(), exact);
    }

    /// <summary>Fills the first-word indexes of every list and slot; a list that refers to itself is an error.</summary>
    private static void IndexLists(Dictionary<string, LexiconList> lists)
    {
        var done = new HashSet<LexiconList>();
        var visiting = new HashSet<LexiconList>();
        foreach (var list in lists.Values) IndexList(list, done, visiting);
    }

    private static void IndexList(LexiconList list, HashSet<LexiconList> done, HashSet<LexiconList> visiting)
    {
        if (done.Contains(list)) return;
        if (!visiting.Add(list)) throw Error(list.Source, list.Line, $"list '@{list.Name}' refers to itself");
        var firstWords = new HashSet<string>(StringComparer.Ordinal);
        var byFirst = new Dictionary<string, List<PatternSequence>>(StringComparer.Ordinal);
        foreach (var entry in list.Entries)
        {
            foreach (var slot in entry.Elements.OfType<SlotElement>())
            {
                foreach (var reference in slot.Alternatives.OfType<ListAlternative>()) IndexList(reference.List, done, visiting);
                slot.Index();
            }
            foreach (var first in FirstWords(entry, list.Source, list.Line))
            {
                firstWords.Add(first);
                if (!byFirst.TryGetValue(first, out var entries)) byFirst[first] = entries = [];
                if (!entries.Contains(entry)) entries.Add(entry);
            }
        }
        list.SetIndex(firstWords, byFirst.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal));
        visiting.Remove(list);
        done.Add(list);
    }

    /// <summary>The folded words a sequence can start with: those of every slot up to the first required one.</summary>
    private static HashSet<string> FirstWords(PatternSequence sequence, string source, int line)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in sequence.Elements)
        {
            if (element is SlotElement { Negative: true } or SentenceStartElement or MessageEdgeElement or NotPrecededByElement) continue;
            if (element is not SlotElement slot) throw Error(source, line, "a pattern cannot begin with a gap");
            foreach (var alternative in slot.Alternatives)
            {
                foreach (var first in alternative.FirstWords()) result.Add(first);
            }
            if (!slot.Optional) return result;
        }
        return result;
    }

    private static bool TryParseEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Replace("-", "").Replace("_", ""), ignoreCase: true, out value) && !int.TryParse(text, out _);

    private static IEnumerable<(string Line, int Number)> ReadLines(TextReader reader)
    {
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return (line, number);
        }
    }

    private static FormatException Error(string source, int line, string message) => new($"{source}:{line}: {message}");

    private static StreamReader OpenEmbedded(string name)
    {
        var assembly = typeof(DisclosureRuleSet).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Safety." + name, StringComparison.Ordinal));
        return new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex ListName();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex RuleId();
}
