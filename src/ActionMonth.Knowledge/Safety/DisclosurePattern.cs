using System.Runtime.CompilerServices;

namespace ActionMonth.Knowledge.Safety;

/// <summary>
/// A compiled rule pattern: a sequence of slots, gaps and sentence edges over folded words (syntax in
/// disclosure-rules.tsv). Lexicon lists are sequences too, so "@VICTIM" can be "@SELF @ADVERB? bị".
/// Immutable once built; matching state lives in <see cref="PatternMatcher"/>, so sharing across threads is safe.
/// </summary>
internal sealed class PatternSequence(PatternElement[] elements)
{
    public PatternElement[] Elements { get; } = elements;

    /// <summary>Position of this pattern in its rule set (set when the rule set is indexed).</summary>
    public int Index { get; set; } = -1;

    /// <summary>The conjunction this sequence is a part of ("a &amp;20 b"), or null for a plain pattern.</summary>
    public PatternConjunction? Conjunction { get; set; }

    /// <summary>Which part of <see cref="Conjunction"/> this is (0 = the first).</summary>
    public int Part { get; set; }
}

/// <summary>
/// "a &amp;N b &amp;M c": parts that must all occur in one message, in any order, each within N (M…) words of
/// where the first part starts, across commas and sentence ends. It lets a rule say "a nude photo and a threat
/// in the same message" without listing every way the two can be phrased and ordered.
/// </summary>
internal sealed class PatternConjunction(PatternSequence[] parts, int[] windows)
{
    /// <summary>Default distance for a bare "&amp;".</summary>
    public const int DefaultWindow = 30;
    public const int MaxWindow = 80;
    /// <summary>Most parts a conjunction may have (the matcher counts them on the stack).</summary>
    public const int MaxParts = 8;

    public PatternSequence[] Parts { get; } = parts;

    /// <summary>Position of this conjunction in its rule set (set when the rule set is indexed).</summary>
    public int Index { get; set; } = -1;

    /// <summary>Per part, the most words between its start and the first part's start (0 for the first part).</summary>
    public int[] Windows { get; } = windows;
}

/// <summary>What an element is, as a number the matcher switches on (a chain of type tests ran at every step).</summary>
internal enum ElementKind { SentenceStart, SentenceEnd, ExclaimedEnd, MessageEdge, NotPrecededBy, Gap, Slot, NegativeSlot }

internal abstract class PatternElement(ElementKind kind)
{
    public ElementKind Kind { get; } = kind;
}

/// <summary>"^": the sentence starts here.</summary>
internal sealed class SentenceStartElement() : PatternElement(ElementKind.SentenceStart);

/// <summary>"$": the sentence ends here; "$,": the sentence or its clause ends here (a comma follows).</summary>
internal sealed class SentenceEndElement(bool orClause = false) : PatternElement(ElementKind.SentenceEnd)
{
    public bool OrClause { get; } = orClause;
}

/// <summary>"$!!": the sentence ends here with two or more exclamation marks ("help!!!").</summary>
internal sealed class ExclaimedEndElement() : PatternElement(ElementKind.ExclaimedEnd);

/// <summary>"^^" / "$$": the message starts / ends here; "!^^" / "!$$": it does not. Lets a rule tell a word typed
/// alone as the whole message ("help", looking for the bot's commands) from the same word among others.</summary>
internal sealed class MessageEdgeElement(bool atStart, bool negative) : PatternElement(ElementKind.MessageEdge)
{
    public bool AtStart { get; } = atStart;
    public bool Negative { get; } = negative;
}

/// <summary>"&lt;!a|b": the word before this point is none of these single words (or there is none).</summary>
internal sealed class NotPrecededByElement(SyllableMarks[] words) : PatternElement(ElementKind.NotPrecededBy)
{
    public SyllableMarks[] Words { get; } = words;

    /// <summary>The vocabulary numbers of <see cref="Words"/>, set when the rule set loads.</summary>
    public int[] WordIds { get; private set; } = [];

    public void Number(DisclosureVocabulary vocabulary) => WordIds = Words.Select(w => vocabulary.Intern(w.Folded)).ToArray();
}

/// <summary>"~N": up to N words of anything, inside the sentence.</summary>
internal sealed class GapElement(int max) : PatternElement(ElementKind.Gap)
{
    public int Max { get; } = max;
}

/// <summary>"a|b|@LIST|two_words|&lt;num&gt;", optionally "?" (may be absent) or "!" (must not be here).</summary>
internal sealed class SlotElement(PatternAlternative[] alternatives, bool optional, bool negative)
    : PatternElement(negative ? ElementKind.NegativeSlot : ElementKind.Slot)
{
    public PatternAlternative[] Alternatives { get; } = alternatives;
    public bool Optional { get; } = optional;
    public bool Negative { get; } = negative;

    /// <summary>Alternatives by the folded first word they can start with; filled by <see cref="Index"/>.</summary>
    public Dictionary<string, PatternAlternative[]> ByFirstWord { get; private set; } = new(StringComparer.Ordinal);
    public PatternAlternative[] NumberAlternatives { get; private set; } = [];

    /// <summary><see cref="ByFirstWord"/> keyed by vocabulary number; set by <see cref="Number"/> once the slot is
    /// indexed.</summary>
    public Dictionary<int, PatternAlternative[]> ByFirstWordId { get; private set; } = [];

    public void Number(DisclosureVocabulary vocabulary)
    {
        ByFirstWordId = ByFirstWord.ToDictionary(p => vocabulary.Intern(p.Key), p => p.Value);
        foreach (var alternative in Alternatives)
        {
            if (alternative is WordsAlternative words) words.Number(vocabulary);
        }
    }

    public void Index()
    {
        var map = new Dictionary<string, List<PatternAlternative>>(StringComparer.Ordinal);
        var numbers = new List<PatternAlternative>();
        foreach (var alternative in Alternatives)
        {
            foreach (var first in alternative.FirstWords())
            {
                if (first == PatternAlternative.NumberKey) { numbers.Add(alternative); continue; }
                if (!map.TryGetValue(first, out var list)) map[first] = list = [];
                if (!list.Contains(alternative)) list.Add(alternative);
            }
        }
        // Longest phrases first, so "không bao giờ" wins over "không" and a match covers the whole phrase.
        ByFirstWord = map.ToDictionary(
            p => p.Key,
            p => p.Value.OrderByDescending(a => a is WordsAlternative w ? w.Words.Length : 0).ToArray(),
            StringComparer.Ordinal);
        NumberAlternatives = numbers.Distinct().ToArray();
    }
}

/// <summary>What an alternative is, as a number the matcher switches on.</summary>
internal enum AlternativeKind { Words, Number, List }

internal abstract class PatternAlternative(AlternativeKind kind)
{
    public AlternativeKind Kind { get; } = kind;

    public const string NumberKey = "<num>";
    public abstract IEnumerable<string> FirstWords();
}

/// <summary>One word, or several joined by "_" that must follow each other. With "=" at the end ("sờ="), the
/// typed words must carry exactly these marks: for words that mean something else without accents ("so" is
/// far more often "sợ" than "sờ").</summary>
internal sealed class WordsAlternative(SyllableMarks[] words, bool exactMarks) : PatternAlternative(AlternativeKind.Words)
{
    public SyllableMarks[] Words { get; } = words;
    public bool ExactMarks { get; } = exactMarks;

    /// <summary>Per word, its vocabulary number (set when the rule set loads) and whether it is "&lt;num&gt;".</summary>
    public int[] WordIds { get; private set; } = [];
    public bool[] NumberWords { get; } = words.Select(w => IsNumber(w)).ToArray();

    public void Number(DisclosureVocabulary vocabulary) => WordIds = Words.Select(w => vocabulary.Intern(w.Folded)).ToArray();

    /// <summary>"&lt;num&gt;" inside a phrase ("&lt;num&gt;_ngày") stands for any number.</summary>
    public static bool IsNumber(in SyllableMarks word) => word.Folded == NumberKey;

    public override IEnumerable<string> FirstWords() => [Words[0].Folded];
}

/// <summary>"&lt;num&gt;": a word made of digits.</summary>
internal sealed class NumberAlternative() : PatternAlternative(AlternativeKind.Number)
{
    public override IEnumerable<string> FirstWords() => [NumberKey];
}

/// <summary>"@NAME": any entry of a lexicon list.</summary>
internal sealed class ListAlternative(LexiconList list) : PatternAlternative(AlternativeKind.List)
{
    public LexiconList List { get; } = list;
    public override IEnumerable<string> FirstWords() => List.FirstWords;
}

/// <summary>A named lexicon list from disclosure-lexicon.tsv: its entries are small patterns.</summary>
internal sealed class LexiconList(string name)
{
    public string Name { get; } = name;

    /// <summary>Position of this list in its rule set (set when the rule set loads); keys the matcher's memo.</summary>
    public int Index { get; set; }
    public List<PatternSequence> Entries { get; } = [];
    public string Source { get; set; } = "";
    public int Line { get; set; }
    public bool Defined { get; set; }

    public IReadOnlySet<string> FirstWords { get; private set; } = new HashSet<string>();
    public Dictionary<string, PatternSequence[]> EntriesByFirstWord { get; private set; } = new(StringComparer.Ordinal);

    /// <summary><see cref="EntriesByFirstWord"/> keyed by vocabulary number, and the entries that start with a
    /// number (null when none); set by <see cref="Number"/>.</summary>
    public Dictionary<int, PatternSequence[]> EntriesByFirstWordId { get; private set; } = [];
    public PatternSequence[]? NumberEntries { get; private set; }

    public void SetIndex(HashSet<string> firstWords, Dictionary<string, PatternSequence[]> byFirst)
    {
        FirstWords = firstWords;
        EntriesByFirstWord = byFirst;
    }

    public void Number(DisclosureVocabulary vocabulary)
    {
        EntriesByFirstWordId = EntriesByFirstWord.ToDictionary(p => vocabulary.Intern(p.Key), p => p.Value);
        NumberEntries = EntriesByFirstWord.GetValueOrDefault(PatternAlternative.NumberKey);
    }
}

/// <summary>A token a match used, and the innermost lexicon list it came from (null for a literal word).</summary>
internal readonly record struct CoveredToken(int Position, LexiconList? List);

/// <summary>
/// Backtracking matcher over one sentence. Gaps try the shortest span first; optional slots try to match first.
/// Not thread-safe: one instance per thread, reused across assessments (<see cref="Reset"/>); it holds the
/// covered-token stack, which a successful <see cref="TryMatch"/> leaves exactly as the match covered it.
/// </summary>
internal sealed class PatternMatcher
{
    private DisclosureToken[] tokens = [];
    // Per token, the vocabulary number of its folded word (DisclosureVocabulary.Unknown when no rule mentions it).
    private int[] wordIds = [];
    // The covered-token stack: an array and a count, so backtracking is "count = mark" and a match is read in place
    // (copying the stack on every success was the matcher's largest allocation).
    private CoveredToken[] _covered = new CoveredToken[64];
    private int _coveredCount;
    private int _sentenceStart;
    private int _sentenceEnd;
    private bool _sentenceExclaimed;
    private int _found;
    private bool _exactMarks;
    // Continuations of the slots being matched, innermost last. A continuation lives only while the slot it
    // belongs to is tried, so they are reused in stack order: a lambda per slot tried was most of what an
    // assessment allocated.
    private readonly List<Continuation> _frames = [];
    private int _depth;

    /// <summary>Starts matching a new message.</summary>
    public void Reset(DisclosureToken[] messageTokens, int[] messageWordIds)
    {
        tokens = messageTokens;
        wordIds = messageWordIds;
        _coveredCount = 0;
        _depth = 0;
        ClearListOutcomes();
    }

    /// <summary>The tokens the last successful <see cref="TryMatch"/> covered, in the order it covered them; valid
    /// until the next call.</summary>
    public ReadOnlySpan<CoveredToken> Covered => _covered.AsSpan(0, _coveredCount);

    private enum ContinuationKind { Accept, AcceptAny, Resume, Record }

    /// <summary>What to match after an element has matched up to a position: the rest of a sequence
    /// (<see cref="ContinuationKind.Resume"/>), or the end of the whole attempt.</summary>
    private sealed class Continuation(ContinuationKind kind)
    {
        public ContinuationKind Kind { get; } = kind;
        public PatternElement[] Elements = [];
        public int Index;
        public LexiconList? List;
        public Continuation? Next;
        /// <summary>For <see cref="ContinuationKind.Record"/>: where the outcomes go and the stack height below them.</summary>
        public ListRecording? Recording;
        public int Mark;
    }

    /// <summary>The outcomes of one list at one position while they are being collected: per outcome its end and
    /// the tokens it pushed. One per nesting level, so a list recorded inside another's entry does not interleave.</summary>
    private sealed class ListRecording
    {
        public readonly Continuation Sink = new(ContinuationKind.Record);
        public readonly List<int> Ends = [];
        public readonly List<int> TokenCounts = [];
        public readonly List<CoveredToken> Tokens = [];
    }

    /// <summary>The end of a successful attempt: records where it ended and the tokens it covered.</summary>
    private readonly Continuation _accept = new(ContinuationKind.Accept);

    /// <summary>Any end will do (a negative slot only asks whether its words are present).</summary>
    private static readonly Continuation AcceptAny = new(ContinuationKind.AcceptAny);

    private bool Continue(Continuation next, int position)
    {
        switch (next.Kind)
        {
            case ContinuationKind.Accept:
                // Every caller returns true straight up from here without popping the stack, so the stack is the
                // match's covered tokens when TryMatch returns.
                _found = position;
                return true;
            case ContinuationKind.AcceptAny:
                return true;
            case ContinuationKind.Record:
            {
                // Collect and keep exploring: the list's every outcome is wanted, in the order it is reached.
                var recording = next.Recording!;
                recording.Ends.Add(position);
                recording.TokenCounts.Add(_coveredCount - next.Mark);
                for (var i = next.Mark; i < _coveredCount; i++) recording.Tokens.Add(_covered[i]);
                return false;
            }
            default:
                return MatchElements(next.Elements, next.Index, position, next.List, adjacent: true, next.Next!);
        }
    }

    private Continuation Resume(PatternElement[] elements, int index, LexiconList? list, Continuation next)
    {
        if (_depth == _frames.Count) _frames.Add(new Continuation(ContinuationKind.Resume));
        var frame = _frames[_depth++];
        frame.Elements = elements;
        frame.Index = index;
        frame.List = list;
        frame.Next = next;
        return frame;
    }

    private void Release(Continuation frame)
    {
        _depth--;
        frame.Next = null;
        frame.List = null;
    }

    public void SetSentence(DisclosureSentence sentence)
    {
        _sentenceStart = sentence.Start;
        _sentenceEnd = sentence.End;
        _sentenceExclaimed = sentence.Exclaimed;
        ClearListOutcomes();
    }

    // List outcomes, memoised per sentence and accent mode. Many rules start with the same lists ("@VICTIM_BI",
    // "@PEER") and tried them again at the same word: about three list explorations in four repeated one already
    // done. A list's outcomes at a position depend only on the list, the position, whether the word there must not
    // follow a comma, the sentence's bounds and the accent mode, never on what the pattern wants after the list; so
    // they are collected once, exhaustively and in exploration order, and then replayed to each continuation in that
    // order, stopping where it accepts, as the search itself would have.
    private readonly Dictionary<long, (int First, int Count)>[] _listOutcomes = [new(), new()];
    private int[] _outcomeEnds = new int[64];
    private int[] _outcomeTokenStarts = new int[64];
    private int[] _outcomeTokenCounts = new int[64];
    private int _outcomes;
    private CoveredToken[] _outcomeTokens = new CoveredToken[256];
    private int _outcomeTokenCount;
    private readonly List<ListRecording> _recordings = [];
    private int _recordingDepth;

    /// <summary>True when a very long message grew the stacks or stores past what ordinary messages need.</summary>
    public bool Oversized => _covered.Length > 4_096 || _outcomeEnds.Length > 65_536 || _outcomeTokens.Length > 262_144;

    private void ClearListOutcomes()
    {
        _listOutcomes[0].Clear();
        _listOutcomes[1].Clear();
        _outcomes = 0;
        _outcomeTokenCount = 0;
        _recordingDepth = 0;
    }

    /// <summary>Tries the sequence at <paramref name="start"/>; on success returns the end and the covered tokens.
    /// With <paramref name="exactMarks"/>, every word must carry exactly the pattern's accents (see
    /// <see cref="DisclosureDetector"/>: suppressors in a message typed with accents). The covered tokens are
    /// <see cref="Covered"/> until the next call.</summary>
    public bool TryMatch(PatternSequence sequence, int start, bool exactMarks, out int end)
    {
        _exactMarks = exactMarks;
        _coveredCount = 0;
        _depth = 0;
        _found = -1;
        var ok = MatchElements(sequence.Elements, 0, start, null, adjacent: false, _accept);
        end = _found;
        if (!ok || _found < 0) _coveredCount = 0;
        return ok && _found >= 0 && _coveredCount > 0;
    }

    /// <summary>Every outcome of a list's entries at a position, in the order the search reaches them (entries that
    /// start with a number first, as the search tries them), stored for replay.</summary>
    private (int First, int Count) RecordList(LexiconList list, int position, bool adjacent)
    {
        if (_recordingDepth == _recordings.Count) _recordings.Add(new ListRecording());
        var recording = _recordings[_recordingDepth++];
        recording.Ends.Clear();
        recording.TokenCounts.Clear();
        recording.Tokens.Clear();
        var mark = _coveredCount;
        var sink = recording.Sink;
        sink.Recording = recording;
        sink.Mark = mark;
        if (tokens[position].IsNumber && list.NumberEntries is { } numeric) Explore(numeric);
        if (list.EntriesByFirstWordId.TryGetValue(wordIds[position], out var byWord)) Explore(byWord);
        _recordingDepth--;

        var first = _outcomes;
        var tokenStart = _outcomeTokenCount;
        var added = recording.Ends.Count;
        if (_outcomes + added > _outcomeEnds.Length)
        {
            var size = Math.Max(_outcomeEnds.Length * 2, _outcomes + added);
            Array.Resize(ref _outcomeEnds, size);
            Array.Resize(ref _outcomeTokenStarts, size);
            Array.Resize(ref _outcomeTokenCounts, size);
        }
        if (_outcomeTokenCount + recording.Tokens.Count > _outcomeTokens.Length)
            Array.Resize(ref _outcomeTokens, Math.Max(_outcomeTokens.Length * 2, _outcomeTokenCount + recording.Tokens.Count));
        recording.Tokens.CopyTo(_outcomeTokens, _outcomeTokenCount);
        _outcomeTokenCount += recording.Tokens.Count;
        for (var i = 0; i < added; i++)
        {
            _outcomeEnds[_outcomes] = recording.Ends[i];
            _outcomeTokenStarts[_outcomes] = tokenStart;
            _outcomeTokenCounts[_outcomes] = recording.TokenCounts[i];
            tokenStart += recording.TokenCounts[i];
            _outcomes++;
        }
        return (first, added);

        void Explore(PatternSequence[] entries)
        {
            foreach (var entry in entries)
            {
                // The sink never accepts, so this explores every way the entry can match.
                MatchElements(entry.Elements, 0, position, list, adjacent, sink);
                _coveredCount = mark;
            }
        }
    }

    private void Push(CoveredToken token)
    {
        if (_coveredCount == _covered.Length) Array.Resize(ref _covered, _covered.Length * 2);
        _covered[_coveredCount++] = token;
    }

    /// <summary>Matches elements from <paramref name="index"/> at <paramref name="position"/>.
    /// <paramref name="adjacent"/>: the previous element was a word right before this position, so the word here
    /// must not follow a comma; after a gap it may.</summary>
    private bool MatchElements(PatternElement[] elements, int index, int position, LexiconList? list, bool adjacent, Continuation next)
    {
        if (index == elements.Length) return Continue(next, position);
        var element = elements[index];
        // Kind is fixed by each element's constructor, so the casts below are checked by construction.
        switch (element.Kind)
        {
            case ElementKind.SentenceStart:
                return position == _sentenceStart && MatchElements(elements, index + 1, position, list, adjacent, next);
            case ElementKind.SentenceEnd:
                return (position == _sentenceEnd || position < _sentenceEnd && tokens[position].AfterComma && Unsafe.As<SentenceEndElement>(element).OrClause)
                    && MatchElements(elements, index + 1, position, list, adjacent, next);
            case ElementKind.ExclaimedEnd:
                return position == _sentenceEnd && _sentenceExclaimed && MatchElements(elements, index + 1, position, list, adjacent, next);
            case ElementKind.MessageEdge:
            {
                var edge = Unsafe.As<MessageEdgeElement>(element);
                return (position == (edge.AtStart ? 0 : tokens.Length)) != edge.Negative
                    && MatchElements(elements, index + 1, position, list, adjacent, next);
            }
            case ElementKind.NotPrecededBy:
            {
                var notAfter = Unsafe.As<NotPrecededByElement>(element);
                if (position > _sentenceStart && (position >= _sentenceEnd || !tokens[position].AfterComma))
                {
                    var before = tokens[position - 1].Marks;
                    var beforeId = wordIds[position - 1];
                    var words = notAfter.Words;
                    var ids = notAfter.WordIds;
                    for (var i = 0; i < ids.Length; i++)
                    {
                        if (beforeId == ids[i] && before.CanBe(words[i])) return false;
                    }
                }
                return MatchElements(elements, index + 1, position, list, adjacent, next);
            }
            case ElementKind.Gap:
            {
                var max = Unsafe.As<GapElement>(element).Max;
                for (var n = 0; n <= max && position + n <= _sentenceEnd; n++)
                {
                    if (MatchElements(elements, index + 1, position + n, list, adjacent: false, next)) return true;
                }
                return false;
            }
            case ElementKind.NegativeSlot:
            {
                var mark = _coveredCount;
                var present = MatchSlot(Unsafe.As<SlotElement>(element), position, list, adjacent, AcceptAny);
                _coveredCount = mark;
                return !present && MatchElements(elements, index + 1, position, list, adjacent, next);
            }
            case ElementKind.Slot:
            {
                var slot = Unsafe.As<SlotElement>(element);
                var rest = Resume(elements, index + 1, list, next);
                // No try/finally: nothing below throws on a loaded rule set, and TryMatch resets the frame stack.
                var matched = MatchSlot(slot, position, list, adjacent, rest);
                Release(rest);
                if (matched) return true;
                return slot.Optional && MatchElements(elements, index + 1, position, list, adjacent, next);
            }
            default:
                throw new InvalidOperationException("Unknown pattern element.");
        }
    }

    private bool MatchSlot(SlotElement slot, int position, LexiconList? list, bool adjacent, Continuation next)
    {
        if (position >= _sentenceEnd) return false;
        var token = tokens[position];
        if (adjacent && token.AfterComma) return false;
        if (token.IsNumber)
        {
            foreach (var alternative in slot.NumberAlternatives)
            {
                if (MatchAlternative(alternative, position, list, adjacent, next)) return true;
            }
        }
        if (!slot.ByFirstWordId.TryGetValue(wordIds[position], out var candidates)) return false;
        foreach (var alternative in candidates)
        {
            if (MatchAlternative(alternative, position, list, adjacent, next)) return true;
        }
        return false;
    }

    private bool MatchAlternative(PatternAlternative alternative, int position, LexiconList? list, bool adjacent, Continuation next)
    {
        var mark = _coveredCount;
        switch (alternative.Kind)
        {
            case AlternativeKind.Number:
                Push(new CoveredToken(position, list));
                if (Continue(next, position + 1)) return true;
                break;
            case AlternativeKind.Words:
            {
                var words = Unsafe.As<WordsAlternative>(alternative);
                if (position + words.Words.Length > _sentenceEnd) return false;
                var ok = true;
                for (var i = 0; i < words.Words.Length && ok; i++)
                {
                    if (i > 0 && tokens[position + i].AfterComma) { ok = false; break; }
                    var token = tokens[position + i].Marks;
                    var word = words.Words[i];
                    ok = words.NumberWords[i]
                        ? tokens[position + i].IsNumber
                        : wordIds[position + i] == words.WordIds[i]
                          && (words.ExactMarks || _exactMarks ? token.Tone == word.Tone && token.Hats == word.Hats : token.CanBe(word));
                    if (ok) Push(new CoveredToken(position + i, list));
                }
                if (ok && Continue(next, position + words.Words.Length)) return true;
                break;
            }
            case AlternativeKind.List:
            {
                var reference = Unsafe.As<ListAlternative>(alternative).List;
                var memo = _listOutcomes[_exactMarks ? 1 : 0];
                var key = ((long)reference.Index * (tokens.Length + 1) + position) * 2 + (adjacent ? 1 : 0);
                if (!memo.TryGetValue(key, out var range))
                {
                    range = RecordList(reference, position, adjacent);
                    memo[key] = range;
                }
                // Replay: the stores may grow while a continuation records other lists, so read them by index.
                for (var k = range.First; k < range.First + range.Count; k++)
                {
                    _coveredCount = mark;
                    var start = _outcomeTokenStarts[k];
                    var count = _outcomeTokenCounts[k];
                    for (var t = 0; t < count; t++) Push(_outcomeTokens[start + t]);
                    if (Continue(next, _outcomeEnds[k])) return true;
                }
                break;
            }
        }
        _coveredCount = mark;
        return false;
    }
}
