using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Tests.Units;

/// <summary>Answer bodies are made once per card and language, and never outlive the catalog they came from.</summary>
public sealed class AnswerBodiesTests
{
    [Fact]
    public void A_cards_body_is_made_once_per_language_and_again_after_the_catalog_reloads()
    {
        var catalog = new SwappableCatalog([Card("c1", "Trả lời cũ.", Audience.Parent), Card("c2", "Khác.", Audience.Child)]);
        var bodies = new AnswerBodies(catalog, new CitationFormatter(catalog), new ReorganisationNotes());
        var vi = UiText.For("vi");
        var en = UiText.For("en");

        var first = bodies.ForCard(catalog.Cards[0], vi);
        Assert.Same(first, bodies.ForCard(catalog.Cards[0], vi));
        Assert.StartsWith("Trả lời cũ.", first.Text);
        Assert.NotEqual(first.Text, bodies.ForCard(catalog.Cards[0], en).Text); // English says the content is Vietnamese
        Assert.Equal(["Khác?"], bodies.RelatedQuestions(catalog.Cards[0]));
        Assert.Equal(["Khác?", "Trả lời cũ?"], bodies.CardsCiting("102/2016/QH13", 25, Audience.Child));
        Assert.Equal(["Trả lời cũ?", "Khác?"], bodies.CardsCiting("102/2016/qh13", 25, Audience.Parent));

        // A reload: new card instances (same ids), new list.
        catalog.Swap([Card("c1", "Trả lời mới.", Audience.Parent)]);
        var reloaded = bodies.ForCard(catalog.Cards[0], vi);
        Assert.StartsWith("Trả lời mới.", reloaded.Text);
        Assert.Empty(bodies.RelatedQuestions(catalog.Cards[0]));
        Assert.Equal(["Trả lời mới?"], bodies.CardsCiting("102/2016/QH13", 25, Audience.Child));
    }

    private static KnowledgeCard Card(string id, string answer, Audience audience) =>
        new(id, CardKind.Faq, audience, answer.TrimEnd('.') + "?", [], answer, [new Citation("102/2016/QH13", 25)],
            id == "c1" ? ["c2", "missing"] : [], [], [], new SourceLocation("cards.md", 1));

    private sealed class SwappableCatalog(IReadOnlyList<KnowledgeCard> cards) : IKnowledgeCatalog
    {
        public IReadOnlyList<KnowledgeCard> Cards { get; private set; } = cards;
        public void Swap(IReadOnlyList<KnowledgeCard> cards) => Cards = cards;
        public OfficialDocument? GetOfficialDocument(string doc) => null;
        public OfficialArticle? GetOfficialArticle(string doc, int article) => null;
        public DocumentGuide? GetGuide(string doc) => null;
        public GuideEntry? GetGuideEntry(string doc, int article) => null;
        public KnowledgeCard? GetCard(string id) => Cards.FirstOrDefault(c => c.Id == id);
        public IReadOnlyList<Hotline> Hotlines => [];
        public string ShortName(string doc) => "Luật Trẻ em 2016";
        public bool CitationExists(Citation citation) => true;
        public IReadOnlyList<KnowledgeLoadError> LoadErrors => [];
    }
}
