using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Tests.Content.Support;
using ActionMonth.Knowledge.Text;
using Xunit.Abstractions;

namespace ActionMonth.Knowledge.Tests.Content;

/// <summary>The FAQ and procedure cards (knowledge/faq, knowledge/procedures) as issue 3 and knowledge/README.md
/// define them.</summary>
public sealed class CardTests(ITestOutputHelper output)
{
    private const int MinFaqCards = 150;
    private const int MinFaqCardsPerAudience = 40;

    /// <summary>The four procedures issue 3 names, by card id.</summary>
    public static TheoryData<string, string> RequiredProcedures() => new()
    {
        { "procedure-teacher-suspects-abuse", "a teacher suspects abuse" },
        { "procedure-parent-child-abused", "a parent learns their child was abused" },
        { "child-wants-help", "a child wants help" },
        { "procedure-neighbour-child-in-danger", "a neighbour sees a child in danger" },
    };

    [Fact]
    public void Every_heading_in_faq_and_procedures_is_a_card_with_id_audience_citation_and_answer()
    {
        // Checked on the raw blocks: the card parser skips a card without id, citation or answer, and a skipped
        // card is invisible to every other test.
        var problems = new List<string>();
        foreach (var file in KnowledgeFolder.Files.Where(f => f.IsCardFile))
        {
            foreach (var block in file.Blocks.Where(b => b.Level == 2))
            {
                var where = $"{file.At(block.Line)}: '## {block.Heading}'";
                var id = block.Value("id");
                if (string.IsNullOrWhiteSpace(id)) problems.Add($"{where} has no 'id:'");
                var audience = block.Value("audience");
                if (audience is null) problems.Add($"{where} has no 'audience:' (parent, teacher, child or all)");
                else if (audience.Trim() is not ("parent" or "teacher" or "child" or "all"))
                    problems.Add($"{where}: 'audience: {audience}' is not parent, teacher, child or all");
                if (!block.Fields.Any(f => f.Key == "cite")) problems.Add($"{where} has no 'cite:' line");
                if (block.Body.Trim().Length == 0) problems.Add($"{where} has no answer");
            }
        }
        var loaded = KnowledgeFolder.Cards.Select(c => (c.File.Name, c.Card.Source.Line)).ToHashSet();
        foreach (var file in KnowledgeFolder.Files.Where(f => f.IsCardFile))
        {
            foreach (var block in file.Blocks.Where(b => b.Level == 2 && !loaded.Contains((file.Name, b.Line))))
                problems.Add($"{file.At(block.Line)}: '## {block.Heading}' is not loaded as a card (see the load errors)");
        }
        ContentAssert.NoProblems(problems, "Every '## question' in faq/ and procedures/ is a card with id, audience, at least one cite: and an answer:");
    }

    [Fact]
    public void Every_card_has_three_ways_of_asking_one_without_diacritics()
    {
        var problems = new List<string>();
        foreach (var (file, card) in KnowledgeFolder.Cards)
        {
            var where = $"{file.At(card.Source.Line)}: card '{card.Id}'";
            var ways = card.Variants.Prepend(card.Question).Where(w => w.Trim().Length > 0).ToList();
            // The same words twice are one way of asking, whatever their case or punctuation.
            var distinct = ways.Select(w => string.Join(' ', VietnameseText.Words(VietnameseText.Normalize(w)))).Distinct().Count();
            if (distinct < 3)
                problems.Add($"{where} has {distinct} distinct way(s) of asking (heading + ask: lines); at least 3 needed");
            if (ways.All(VietnameseText.HasDiacritics))
                problems.Add($"{where} has no way of asking without diacritics; add an 'ask:' line typed without them");
        }
        ContentAssert.NoProblems(problems, "Every card has at least three ways of asking (heading + ask: lines), one of them without diacritics:");
    }

    [Fact]
    public void Card_ids_are_unique_and_every_related_id_exists()
    {
        var problems = new List<string>();
        var byId = KnowledgeFolder.Cards.GroupBy(c => c.Card.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (id, cards) in byId.Where(kv => kv.Value.Count > 1))
            problems.Add($"card id '{id}' is used {cards.Count} times: {string.Join(", ", cards.Select(c => c.File.At(c.Card.Source.Line)))}");
        foreach (var file in KnowledgeFolder.Files.Where(f => f.IsCardFile))
        {
            foreach (var block in file.Blocks.Where(b => b.Level == 2))
            {
                foreach (var field in block.Fields.Where(f => f.Key == "related"))
                {
                    foreach (var related in field.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!byId.ContainsKey(related)) problems.Add($"{file.At(field.Line)}: 'related: {related}': no card has this id");
                        else if (related == block.Value("id")) problems.Add($"{file.At(field.Line)}: card '{related}' is related to itself");
                    }
                }
            }
        }
        ContentAssert.NoProblems(problems, "Card ids are unique across faq/ and procedures/, and every related: id names a card:");
    }

    [Fact]
    public void There_are_at_least_150_faq_cards_and_each_audience_has_its_share()
    {
        var faq = KnowledgeFolder.Cards.Select(c => c.Card).Where(c => c.Kind == CardKind.Faq).ToList();
        var perAudience = faq.GroupBy(c => c.Audience).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"FAQ cards: {faq.Count} ({string.Join(", ", perAudience.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"))}); " +
            $"procedures: {KnowledgeFolder.Cards.Count(c => c.Card.Kind == CardKind.Procedure)}");
        var problems = new List<string>();
        if (faq.Count < MinFaqCards) problems.Add($"{faq.Count} FAQ cards; at least {MinFaqCards} needed");
        foreach (var audience in new[] { Audience.Parent, Audience.Teacher, Audience.Child })
        {
            var n = perAudience.GetValueOrDefault(audience);
            if (n < MinFaqCardsPerAudience) problems.Add($"{n} FAQ cards for audience '{audience.ToString().ToLowerInvariant()}'; at least {MinFaqCardsPerAudience} needed");
        }
        ContentAssert.NoProblems(problems, "knowledge/faq has enough cards for parents, teachers and children:");
    }

    [Theory]
    [MemberData(nameof(RequiredProcedures))]
    public void The_required_procedure_exists_with_numbered_steps_and_ends_with_the_numbers_to_call(string id, string what)
    {
        var found = KnowledgeFolder.Cards.Where(c => c.Card.Id == id).ToList();
        Assert.True(found.Count == 1, $"the procedure for '{what}' (card id '{id}') is missing from knowledge/procedures/");
        var (file, card) = found[0];
        var where = file.At(card.Source.Line);
        Assert.True(card.Kind == CardKind.Procedure, $"{where}: '{id}' must be in knowledge/procedures/, not faq/");
        var lines = card.Answer.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var steps = lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{1,2}\. "));
        Assert.True(steps >= 3, $"{where}: '{id}' has {steps} numbered steps ('1. …'); a procedure is step by step");
        // "Ending with the right numbers": the last paragraph names 111 and an emergency number.
        var last = card.Answer.Trim().Split("\n\n").Last();
        Assert.True(last.Contains("111", StringComparison.Ordinal) && (last.Contains("113", StringComparison.Ordinal) || last.Contains("115", StringComparison.Ordinal)),
            $"{where}: '{id}' must end with the numbers to call (111 and 113 or 115); its last paragraph is:\n{last}");
    }

    // What "how to get help" looks like in a child's card: the hotline, or a grown-up the child trusts.
    private static readonly string[] HelpForChildren =
        ["111", "người lớn", "bố mẹ", "cha mẹ", "ba mẹ", "thầy cô", "cô giáo", "thầy giáo", "ông bà"];

    [Fact]
    public void Every_card_for_children_says_how_to_get_help()
    {
        var problems = new List<string>();
        var children = KnowledgeFolder.Cards.Where(c => c.Card.Audience == Audience.Child).ToList();
        foreach (var (file, card) in children)
        {
            var answer = VietnameseText.Normalize(card.Answer);
            if (!HelpForChildren.Any(h => answer.Contains(h, StringComparison.Ordinal)))
                problems.Add($"{file.At(card.Source.Line)}: card '{card.Id}' for children never says how to get help (111 or a trusted adult)");
        }
        output.WriteLine($"{children.Count} cards for children; {children.Count(c => c.Card.Answer.Contains("111", StringComparison.Ordinal))} mention 111");
        ContentAssert.NoProblems(problems, "Every card with 'audience: child' tells the child how to get help: 111, or a trusted adult:");
        Assert.NotEmpty(children);
    }
}
