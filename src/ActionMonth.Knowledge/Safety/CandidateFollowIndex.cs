namespace ActionMonth.Knowledge.Safety;

/// <summary>
/// One pass's candidates of every word (<see cref="DisclosureRuleSet.CandidatesStartingWith"/>) split by what the
/// next token must be: those with no such constraint, and per next word those whose
/// <see cref="RuleCandidate.SecondWords"/> hold it. Values are indexes into the word's candidate array, ascending, so
/// merging the two lists keeps the try order and the indexes order the pass's matches at a token.
/// </summary>
/// <remarks>Laid out flat and read at every token (an object per word cost a cache miss): per word, where its
/// unconstrained indexes and its keys start in the pools (one entry past the last word ends the last range); per key,
/// where its members start (and one past the last key).</remarks>
internal sealed class CandidateFollowIndex
{
    private readonly int[] _openStarts;
    private readonly int[] _openPool;
    private readonly int[] _keyStarts;
    private readonly int[] _keyPool;
    private readonly int[] _memberStarts;
    private readonly int[] _memberPool;

    /// <param name="candidatesByWord">Every word's candidates, in try order.</param>
    /// <param name="pool">Where <see cref="RuleCandidate.SecondWords"/> point (<see cref="DisclosureRuleSet.OpeningPhrases"/>).</param>
    /// <param name="pass">Whose candidates to index: the cues' or the others'.</param>
    public CandidateFollowIndex(RuleCandidate[][] candidatesByWord, int[] pool, RulePass pass)
    {
        _openStarts = new int[candidatesByWord.Length + 1];
        _keyStarts = new int[candidatesByWord.Length + 1];
        var open = new List<int>();
        var keys = new List<int>();
        var memberStarts = new List<int>();
        var members = new List<int>();
        for (var w = 0; w < candidatesByWord.Length; w++)
        {
            var candidates = candidatesByWord[w];
            _openStarts[w] = open.Count;
            _keyStarts[w] = keys.Count;
            var byNext = new SortedDictionary<int, List<int>>();
            for (var i = 0; i < candidates.Length; i++)
            {
                if (!InPass(candidates[i], pass)) continue;
                var at = candidates[i].SecondWords;
                if (at < 0)
                {
                    open.Add(i);
                    continue;
                }
                for (var k = 0; k < pool[at]; k++)
                {
                    var word = pool[at + 1 + k];
                    if (word < 0) continue; // a number next: such tokens take the unindexed path
                    if (!byNext.TryGetValue(word, out var followers)) byNext[word] = followers = [];
                    followers.Add(i);
                }
            }
            foreach (var (word, followers) in byNext)
            {
                keys.Add(word);
                memberStarts.Add(members.Count);
                members.AddRange(followers);
            }
        }
        _openStarts[candidatesByWord.Length] = open.Count;
        _keyStarts[candidatesByWord.Length] = keys.Count;
        memberStarts.Add(members.Count);
        _openPool = open.ToArray();
        _keyPool = keys.ToArray();
        _memberStarts = memberStarts.ToArray();
        _memberPool = members.ToArray();
    }

    /// <summary>True when a matching pass of this kind tries the candidate (a rule's candidates are all in one pass).</summary>
    public static bool InPass(in RuleCandidate candidate, RulePass pass) =>
        (pass & ((candidate.Flags & CandidateFlags.Cue) != 0 ? RulePass.Cues : RulePass.Others)) != 0;

    /// <summary>Indexes of the word's candidates that put no constraint on the next token.</summary>
    public ReadOnlySpan<int> Unconstrained(int wordId) =>
        _openPool.AsSpan(_openStarts[wordId], _openStarts[wordId + 1] - _openStarts[wordId]);

    /// <summary>Indexes of the word's candidates that may go on with a next token carrying
    /// <paramref name="nextWordId"/>.</summary>
    public ReadOnlySpan<int> FollowedBy(int wordId, int nextWordId)
    {
        if (nextWordId == DisclosureVocabulary.Unknown) return default;
        var first = _keyStarts[wordId];
        var at = _keyPool.AsSpan(first, _keyStarts[wordId + 1] - first).BinarySearch(nextWordId);
        if (at < 0) return default;
        var key = first + at;
        return _memberPool.AsSpan(_memberStarts[key], _memberStarts[key + 1] - _memberStarts[key]);
    }
}
