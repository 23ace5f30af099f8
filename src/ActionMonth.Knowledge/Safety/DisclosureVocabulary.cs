namespace ActionMonth.Knowledge.Safety;

/// <summary>
/// Every folded word the rules and lists mention, numbered once when the rule set loads. A message's words are
/// looked up here once each; the matcher then compares and indexes by number instead of hashing and comparing the
/// same strings again at every slot it tries. A word the rules never mention has no number (-1): it can equal no
/// pattern word and start no alternative, exactly as its string would.
/// </summary>
internal sealed class DisclosureVocabulary
{
    public const int Unknown = -1;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;

    public DisclosureVocabulary()
    {
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _byChars = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _ids.Count;

    /// <summary>The number of a rule word, given a new one the first time (load time only).</summary>
    public int Intern(string folded)
    {
        if (_ids.TryGetValue(folded, out var id)) return id;
        id = _ids.Count;
        _ids.Add(folded, id);
        return id;
    }

    /// <summary>The number of a message word, or <see cref="Unknown"/>.</summary>
    public int Find(string folded) => _ids.TryGetValue(folded, out var id) ? id : Unknown;

    /// <summary>The number of a message word given as characters, with the vocabulary's own string for it (so a
    /// known word costs no new string), or <see cref="Unknown"/> and null.</summary>
    public int Find(ReadOnlySpan<char> folded, out string? word)
    {
        if (_byChars.TryGetValue(folded, out word, out var id)) return id;
        word = null;
        return Unknown;
    }
}
