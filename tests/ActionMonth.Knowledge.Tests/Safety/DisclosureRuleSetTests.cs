using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Knowledge.Tests.Safety;

public sealed class DisclosureRuleSetTests
{
    private const string Lexicon = "SELF\tem ; mình\nHIT\tđánh|đập\n";

    private static DisclosureRuleSet Parse(string rules, string lexicon = Lexicon) =>
        DisclosureRuleSet.Parse(new StringReader(lexicon), "lex.tsv", new StringReader(rules), "rules.tsv");

    private static string ParseError(string rules, string lexicon = Lexicon) =>
        Assert.Throws<FormatException>(() => Parse(rules, lexicon)).Message;

    [Fact]
    public void The_shipped_files_load_with_every_kind_of_rule()
    {
        var rules = DisclosureRuleSet.LoadEmbedded();
        Assert.True(rules.Rules.Count > 150);
        foreach (var kind in Enum.GetValues<RuleKind>()) Assert.Contains(rules.Rules, r => r.Kind == kind);
        // Every category has at least one rule that can escalate it.
        foreach (var category in Enum.GetValues<DisclosureCategory>().Where(c => c != DisclosureCategory.None))
        {
            Assert.Contains(rules.Rules, r => r.Category == category && r.Level >= DisclosureLevel.Urgent);
        }
    }

    [Fact]
    public void A_valid_file_parses_with_comments_tabs_and_alternative_patterns()
    {
        var rules = Parse("# comment\n\ndisclose\tpv.x\turgent\tPhysicalViolence\t@SELF ~2 bị ~3 @HIT   # trailing\n" +
                          "guard\tg.x\t-\t-\tđánh_giá ; danh_sách\n");
        Assert.Equal(2, rules.Rules.Count);
        Assert.Equal(2, rules.Rules[1].Patterns.Length);
        Assert.Equal(3, rules.Rules[0].Line);
    }

    [Theory]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence", "rules.tsv:1: expected 'kind<TAB>id<TAB>level<TAB>category<TAB>pattern'")]
    [InlineData("shout\tpv.x\turgent\tPhysicalViolence\tem", "rules.tsv:1: unknown kind 'shout'")]
    [InlineData("disclose\tPV X\turgent\tPhysicalViolence\tem", "rules.tsv:1: rule id 'PV X'")]
    [InlineData("disclose\tpv.x\tsevere\tPhysicalViolence\tem", "rules.tsv:1: level 'severe' must be concern, urgent or emergency")]
    [InlineData("disclose\tpv.x\tnone\tPhysicalViolence\tem", "rules.tsv:1: level 'none'")]
    [InlineData("disclose\tpv.x\turgent\tViolence\tem", "rules.tsv:1: unknown category 'Violence'")]
    [InlineData("anchor\ta.x\t-\tfriend\tem", "rules.tsv:1: unknown anchor role 'friend'")]
    [InlineData("guard\tg.x\turgent\t-\tem", "rules.tsv:1: a guard rule has no level or category")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\t@NOPE bị", "rules.tsv:1: unknown list '@NOPE'")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem ~ bị", "rules.tsv:1: gap '~' must be ~1")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem ~20 bị", "rules.tsv:1: gap '~20'")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\t~2 em", "rules.tsv:1: a pattern cannot begin with a gap")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem ~2", "rules.tsv:1: a pattern cannot end with a gap")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem ^ bị", "rules.tsv:1: '^' (sentence start) must come first")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem $ bị", "rules.tsv:1: '$' (sentence end) must come last")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem $!! bị", "rules.tsv:1: '$!!' (sentence end) must come last")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem||mình bị", "rules.tsv:1: empty alternative")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem? bị?", "rules.tsv:1: a pattern needs at least one word that must be present")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem ; ", "rules.tsv:1: empty pattern")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\t<!@SELF bị", "rules.tsv:1: '<!@SELF': only single words may follow '<!'")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem !bị? đánh", "rules.tsv:1: '!bị?' cannot be both '!' and '?'")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem bị.", "rules.tsv:1: 'bị.' is not a word")]
    [InlineData("disclose\tpv.x\turgent\tPhysicalViolence\tem\ndisclose\tpv.x\turgent\tPhysicalViolence\tmình", "rules.tsv:2: duplicate rule id 'pv.x'")]
    public void A_malformed_rule_line_is_refused_with_file_line_and_reason(string rules, string expected)
    {
        Assert.StartsWith(expected, ParseError(rules));
    }

    [Fact]
    public void A_conjunction_parses_into_parts_with_their_windows()
    {
        var rules = Parse("harm\tpv.x\turgent\tPhysicalViolence\t@SELF &5 @HIT ~2 em & bị ; đánh_đập\n");
        var patterns = rules.Rules[0].Patterns;
        Assert.Equal(4, patterns.Length);
        var conjunction = patterns[0].Conjunction!;
        Assert.Equal(3, conjunction.Parts.Length);
        Assert.Equal([0, 5, PatternConjunction.DefaultWindow], conjunction.Windows);
        Assert.Equal([0, 1, 2], conjunction.Parts.Select(p => p.Part));
        Assert.Null(patterns[3].Conjunction);
        Assert.True(rules.Rules[0].HasConjunctions);
    }

    [Theory]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\t& em", "rules.tsv:1: empty part around '&'")]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\tem &3", "rules.tsv:1: empty part around '&'")]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\tem &0 bị", "rules.tsv:1: '&0' must be '&' or &1 … &80")]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\tem &81 bị", "rules.tsv:1: '&81' must be")]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\tem &x bị", "rules.tsv:1: '&x' must be")]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\tem & a & b & c & d & e & f & g & h", "rules.tsv:1: a conjunction has at most 8 parts")]
    [InlineData("harm\tpv.x\turgent\tPhysicalViolence\tem & ~2 bị", "rules.tsv:1: a pattern cannot begin with a gap")]
    [InlineData("guard\tg.x\t-\t-\tđánh & giá", "rules.tsv:1: only disclose and harm rules may join parts with '&'")]
    public void A_malformed_conjunction_is_refused(string rules, string expected)
    {
        Assert.StartsWith(expected, ParseError(rules));
    }

    [Theory]
    [InlineData("help", DisclosureLevel.Concern)]
    [InlineData("help me", DisclosureLevel.Urgent)]
    [InlineData("ok. help", DisclosureLevel.Urgent)]
    [InlineData("help. ok", DisclosureLevel.Urgent)]
    [InlineData("ok", DisclosureLevel.None)]
    [InlineData("help!", DisclosureLevel.Concern)]
    [InlineData("help!!", DisclosureLevel.Urgent)]
    public void Message_edges_and_exclamations_tell_a_word_typed_alone_from_a_cry(string text, DisclosureLevel level)
    {
        var rules = Parse("harm\tod.alone\tconcern\tOtherDanger\t^^ help $$\n" +
                          "harm\tod.among\turgent\tOtherDanger\t^ help !$$ ; !^^ help ; help $!!\n");
        var detector = new DisclosureDetector(rules, DisclosureTokenizer.Default);
        Assert.Equal(level, detector.Assess(text).Level);
    }

    /// <summary>"$," is the end of the sentence or of its clause: "bị bán, …" ends a clause, "bị bán cho…" does not.</summary>
    [Theory]
    [InlineData("em bi ban", true)]
    [InlineData("em bi ban, giờ ở đâu không biết", true)]
    [InlineData("em bi ban. giờ ở đâu không biết", true)]
    [InlineData("em bi ban be treu", false)]
    public void A_clause_end_is_a_comma_or_the_sentence_end(string text, bool matches)
    {
        var rules = Parse("disclose\ttr.x\turgent\tTrafficking\tem bị bán $,\n");
        var detector = new DisclosureDetector(rules, DisclosureTokenizer.Default);
        Assert.Equal(matches, detector.Assess(text).ShouldEscalate);
    }

    [Fact]
    public void A_clause_end_must_come_last()
    {
        Assert.StartsWith("rules.tsv:1: '$,' (clause end) must come last", ParseError("disclose\tpv.x\turgent\tPhysicalViolence\tem $, bị", "SELF\tem"));
    }

    [Theory]
    [InlineData("SELF em", "lex.tsv:1: expected 'NAME<TAB>entry ; entry ; …'")]
    [InlineData("self\tem", "lex.tsv:1: list name 'self'")]
    [InlineData("SELF\tem ; ; mình", "lex.tsv:1: empty entry")]
    [InlineData("SELF\tem\nLOOP\t@LOOP bị", "lex.tsv:2: list '@LOOP' refers to itself")]
    [InlineData("SELF\t@MISSING", "lex.tsv:1: unknown list '@MISSING'")]
    public void A_malformed_lexicon_line_is_refused_with_file_line_and_reason(string lexicon, string expected)
    {
        Assert.StartsWith(expected, ParseError("disclose\tpv.x\turgent\tPhysicalViolence\tem", lexicon));
    }

    [Fact]
    public void Lists_may_refer_to_lists_defined_later_and_lines_add_up()
    {
        var rules = Parse("disclose\tpv.x\turgent\tPhysicalViolence\t@VICTIM bị", "VICTIM\t@SELF\nSELF\tem\nSELF\tmình\n");
        Assert.Equal(2, rules.Lists["SELF"].Entries.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_next_word_index_holds_exactly_the_pass_candidates_whose_second_words_allow_that_word(bool cuePass)
    {
        var pass = cuePass ? RulePass.Cues : RulePass.Others;
        var rules = DisclosureRuleSet.LoadEmbedded();
        var pool = rules.OpeningPhrases;
        var checkedPairs = 0;
        var inPass = 0;
        for (var w = 0; w < rules.Vocabulary.Count; w++)
        {
            var candidates = rules.CandidatesStartingWith(w);
            var mine = Enumerable.Range(0, candidates.Length).Where(i => IsCue(rules, candidates[i]) == cuePass).ToArray();
            inPass += mine.Length;
            var open = rules.UnconstrainedCandidates(w, pass).ToArray();
            Assert.Equal(mine.Where(i => candidates[i].SecondWords < 0), open);
            // Every word any candidate names as a next word, and a few it does not.
            var nexts = candidates.Where(c => c.SecondWords >= 0)
                .SelectMany(c => pool.Skip(c.SecondWords + 1).Take(pool[c.SecondWords]))
                .Where(x => x >= 0).Concat([0, 1, w, rules.Vocabulary.Count - 1]).Distinct();
            foreach (var next in nexts)
            {
                var expected = mine
                    .Where(i => candidates[i].SecondWords >= 0 && pool.AsSpan(candidates[i].SecondWords + 1, pool[candidates[i].SecondWords]).Contains(next));
                Assert.Equal(expected, rules.CandidatesFollowedBy(w, next, pass).ToArray());
                checkedPairs++;
            }
            Assert.True(rules.CandidatesFollowedBy(w, DisclosureVocabulary.Unknown, pass).IsEmpty);
        }
        Assert.True(checkedPairs > 5_000, $"{checkedPairs} pairs");
        Assert.True(inPass > 500, $"{inPass} candidates in the {pass} pass");
    }

    [Fact]
    public void Each_candidate_names_its_rule_and_only_disclose_and_harm_rules_are_cues_with_every_conjunction_part()
    {
        var rules = DisclosureRuleSet.LoadEmbedded();
        var cues = 0;
        for (var w = 0; w < rules.Vocabulary.Count; w++)
        {
            foreach (var candidate in rules.CandidatesStartingWith(w))
            {
                Assert.Same(rules.Rules[candidate.Rule], rules.RuleOf(candidate.Pattern));
                var kind = rules.RuleOf(candidate.Pattern).Kind;
                Assert.Equal(kind is RuleKind.Disclose or RuleKind.Harm, IsCue(rules, candidate));
                Assert.True((candidate.Flags & CandidateFlags.Part) == 0 || IsCue(rules, candidate), "a conjunction part outside the cue pass");
                Assert.Equal(IsCue(rules, candidate), CandidateFollowIndex.InPass(candidate, RulePass.Cues));
                Assert.NotEqual(IsCue(rules, candidate), CandidateFollowIndex.InPass(candidate, RulePass.Others));
                Assert.True(CandidateFollowIndex.InPass(candidate, RulePass.All));
                if (IsCue(rules, candidate)) cues++;
            }
        }
        Assert.True(cues > 500, $"{cues} cue candidates");
    }

    [Fact]
    public void A_candidate_stays_two_to_a_cache_line()
    {
        // The rule number sits in the padding after the flags; a field more would make every word's candidates longer.
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<RuleCandidate>());
    }

    private static bool IsCue(DisclosureRuleSet rules, RuleCandidate candidate) => (candidate.Flags & CandidateFlags.Cue) != 0;
}
