using ActionMonth.Knowledge.Tests.Support;

namespace ActionMonth.Knowledge.Tests.Safety;

/// <summary>The detector's own labelled sets, kept beside these tests (the shared dev set comes through
/// <see cref="SharedData"/>).</summary>
internal static class SafetyTestFiles
{
    public const string OwnDev = "disclosures-own-dev.jsonl";
    public const string OwnHeldOut = "disclosures-own-heldout.jsonl";

    /// <summary>A second held-out part, written after the first held-out run to measure the detector blind again.</summary>
    public const string OwnBlind = "disclosures-own-blind.jsonl";

    /// <summary>Red-team sets written by a second engineer before reading the rules (euphemisms, teencode, English,
    /// questions, third-person and long messages, hard negatives); each was measured once before any fix.</summary>
    public const string RedTeam = "disclosures-redteam.jsonl";
    public const string RedTeam2 = "disclosures-redteam-2.jsonl";
    public const string RedTeam3 = "disclosures-redteam-3.jsonl";
    public const string RedTeam4 = "disclosures-redteam-4.jsonl";
    public const string RedTeam5 = "disclosures-redteam-5.jsonl";

    /// <summary>Written blind by a fourth engineer (teencode, no diacritics, indirect self-harm, adults naming a child,
    /// hard negatives with idioms and games); measured once, then fixed by general rules. Four misses remain.</summary>
    public const string RedTeam6 = "disclosures-redteam-6.jsonl";

    /// <summary>Self-harm only (indirect ideation, farewells, plans and means, self-injury, English; idioms as hard
    /// negatives), written blind and measured once before any fix (7: 29/72 at first sight; 7b, written after the
    /// round-7 rules: 12/20), then fixed by general rules.</summary>
    public const string SelfHarm7 = "disclosures-selfharm-7.jsonl";
    public const string SelfHarm7b = "disclosures-selfharm-7b.jsonl";

    /// <summary>Round 8, written blind (271 lines: 119 mostly indirect disclosures, 33 concern, 119 hard negatives) and
    /// measured once (84/119, 7/119 false escalations); rules were then generalised from its even-numbered lines only,
    /// so its odd-numbered lines stay the estimate for unseen messages. Not at full recall.</summary>
    public const string Blind8 = "disclosures-blind-8.jsonl";

    /// <summary>Round 9, written blind (279 lines: 72 direct and 73 indirect disclosures with regional words and other
    /// adults, 30 concern, 104 info and hard negatives) and measured once (108/145, 6/104 false escalations); rules
    /// were then generalised from its even-numbered lines and the older sets' misses only, so its odd-numbered lines stay
    /// the estimate for unseen messages (53/73 before, 57/73 after). Not at full recall.</summary>
    public const string Blind9 = "disclosures-blind-9.jsonl";

    /// <summary>Round 9's transfer probe: 70 fresh messages (35 disclosures, 35 negatives) written after the round-9
    /// fixes without looking at the rules, committed alone and measured once: 27/35 and 1/35, exactly what the rules
    /// before round 9 score on it. Not fixed, so it stays a transfer measure for the next round.</summary>
    public const string Probe9 = "disclosures-probe-9.jsonl";

    /// <summary>Round 10's blind set (the detector's round 11), written before opening the rules, the lexicon or the older
    /// sets (278 lines: 62 witnesses and adults, 62 indirect and 41 direct disclosures by children, 31 concern, 82 info
    /// and hard negatives) and measured once (117/165, 6/82 info lines escalated); rules were then generalised from its
    /// even-numbered lines and from fresh paraphrases only, so its odd-numbered lines stay the unseen estimate (61/83
    /// before, 65/83 after). Not at full recall.</summary>
    public const string Blind10 = "disclosures-blind-10.jsonl";

    /// <summary>Round 11's transfer probe: 71 messages (36 disclosures, 35 negatives) written before the rules were
    /// opened, committed alone and measured once before any fix (18/36, 2/35). Not tuned on.</summary>
    public const string Probe11 = "disclosures-probe-11.jsonl";

    /// <summary>Round 13's blind set, written before opening the rules, the lexicon or the older sets (287 lines, 164
    /// typed without diacritics, teencode: 75 disclosures by children, 55 by witnesses and adults, 42 concern, 115 info
    /// and hard negatives) and measured once (115/130, 11/115 info lines escalated); rules were then generalised from
    /// its even-numbered lines only, so its odd-numbered lines stay the unseen estimate (58/63 before and after).
    /// Four lines that repeated older sets once folded were reworded after the first run (ids and labels kept).</summary>
    public const string Blind11 = "disclosures-blind-11.jsonl";

    /// <summary>Round 13's transfer probe: 81 messages (46 disclosures, 35 negatives, half without diacritics) written
    /// after the round-13 fixes were begun, without the rules open, committed alone; the rules before round 13 score
    /// 41/46 and 8/35 on it. Not tuned on.</summary>
    public const string Probe13 = "disclosures-probe-13.jsonl";

    /// <summary>Round 14b's blind set, written by someone who never saw the rules (220 lines, 130 urgent, 90 info) and
    /// measured once at commit (113/130, 4/90 info lines escalated); five lines that repeated older sets once folded were
    /// then dropped (ids kept), among them a bare "help" labelled urgent here and concern in red-team 2 (115 → 111/127,
    /// 4/88). The classes of its misses were fixed with paraphrases written for the purpose (<see cref="Probe14"/>), not
    /// from its odd/even halves, so it is no longer an unseen estimate.</summary>
    public const string Blind12 = "disclosures-blind-12.jsonl";

    /// <summary>Round 14b's paraphrases of blind set 12's classes (47 disclosures in new words, with and without
    /// diacritics, teencode, English; 33 near-miss negatives), committed before any rule change: 20/47 and 4/33 with the
    /// rules before the round. Tuned on, so not a transfer measure.</summary>
    public const string Probe14 = "disclosures-probe-14.jsonl";

    /// <summary>Round 15's blind set 13, written independently of the rules (200 lines, 120 urgent, 80 info) and measured
    /// once at commit with the round-14b rules: 103/120, 4/80 info lines escalated (the rules before round 14 score the
    /// same). Two lines that repeat older lines once folded were dropped (b13-82, b13-124; ids kept): 102/119, 4/79.</summary>
    public const string Blind13 = "disclosures-blind-13.jsonl";

    /// <summary>Round 15's paraphrases of blind set 13's miss classes (56 disclosures in new words, with and without
    /// diacritics; 39 near-miss negatives and look-alikes of the false escalations), committed before any rule change:
    /// 35/56 and 4/39 with the rules before the round. Tuned on, so not a transfer measure.</summary>
    public const string Probe15 = "disclosures-probe-15.jsonl";

    /// <summary>Fresh hard negatives (info messages full of harm words), measured once before any fix.</summary>
    public const string RedTeamNegatives = "disclosures-redteam-negatives.jsonl";

    /// <summary>Everyday messages children, teens and parents type (idioms with harm words such as "chết cười", "đói chết
    /// mất", "đánh răng", games, sports, cooking, homework, pets, weather, crushes, errands, ordinary scolding, phone
    /// use, questions about rights and 111; with and without diacritics, teencode), all none. Written before reading
    /// the rules and measured once (5/168 false escalations at first sight), then fixed by narrowing the rules.</summary>
    public const string EverydayNegatives = "disclosures-everyday-negatives.jsonl";

    public static string OwnData(string name) =>
        Path.Combine(RepositoryPaths.Root, "tests", "ActionMonth.Knowledge.Tests", "Safety", "Data", name);
}
