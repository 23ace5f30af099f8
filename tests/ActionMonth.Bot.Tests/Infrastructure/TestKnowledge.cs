using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;
using ActionMonth.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActionMonth.Bot.Tests.Infrastructure;

/// <summary>
/// Small in-test stand-ins for the knowledge engine and the disclosure detector, registered only when the host
/// has no real ones (the engine and detector are built on their own branches). They know one article, one card
/// and two disclosure phrasings: enough to drive the bot's own logic, not a claim about the real engine.
/// </summary>
public static class TestKnowledge
{
    public const string Doc = "102/2016/QH13";
    public const string CardId = "teacher-report-abuse";
    public const string CardQuestion = "Giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";

    public static void Register(IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(IKnowledgeSearch)))
        {
            var catalog = new FakeCatalog();
            services.TryAddSingleton<IKnowledgeCatalog>(catalog);
            services.TryAddSingleton<IKnowledgeSearch>(new FakeSearch());
        }
        services.TryAddSingleton<IDisclosureDetector, FakeDetector>();
    }

    private sealed class FakeSearch : IKnowledgeSearch
    {
        public SearchResult Search(string query, SearchOptions? options = null)
        {
            var key = ActionMonth.Knowledge.Text.VietnameseText.Fold(query);
            if (key.Contains("bao cho ai", StringComparison.Ordinal))
                return new SearchResult(query, Confidence.High,
                    [new SearchHit(Doc, "Luật Trẻ em", 26, "Điều thử", null, "…", 10, HitKind.Faq, CardId)]);
            if (key.Contains("boc lot", StringComparison.Ordinal))
                return new SearchResult(query, Confidence.High,
                    [new SearchHit(Doc, "Luật Trẻ em", 26, "Điều thử", 2, "…", 9, HitKind.Official)]);
            if (key.Contains("mo ho", StringComparison.Ordinal))
                return new SearchResult(query, Confidence.Low,
                    [new SearchHit(Doc, "Luật Trẻ em", 26, "Điều thử", null, "…", 1, HitKind.Official)]);
            return new SearchResult(query, Confidence.None, []);
        }
    }

    private sealed class FakeCatalog : IKnowledgeCatalog
    {
        private static readonly SourceLocation Nowhere = new("test", 1);

        private static readonly OfficialArticle Article26 = new(Doc, 26, "Điều thử", null, null, string.Empty,
        [
            new OfficialClause(1, "Khoản một (dữ liệu thử).", []),
            new OfficialClause(2, "Khoản hai (dữ liệu thử), cơ quan lao động - thương binh và xã hội.", []),
        ], Nowhere);

        private static readonly KnowledgeCard Card = new(CardId, CardKind.Faq, Audience.Teacher, CardQuestion, [],
            "Câu trả lời thử cho giáo viên.", [new Citation(Doc, 26, 2)], [], [], [], Nowhere);

        public OfficialDocument? GetOfficialDocument(string doc) => null;
        public OfficialArticle? GetOfficialArticle(string doc, int article) =>
            DocumentNumber.Same(doc, Doc) && article == 26 ? Article26 : null;
        public DocumentGuide? GetGuide(string doc) => null;
        public GuideEntry? GetGuideEntry(string doc, int article) => null;
        public KnowledgeCard? GetCard(string id) => id == CardId ? Card : null;
        public IReadOnlyList<KnowledgeCard> Cards => [Card];
        public IReadOnlyList<Hotline> Hotlines => [];
        public string ShortName(string doc) => DocumentNumber.Same(doc, Doc) ? "Luật Trẻ em 2016" : doc;
        public bool CitationExists(Citation citation) =>
            DocumentNumber.Same(citation.Doc, Doc) && citation.Article == 26 && citation.Clause is null or 1 or 2;
        public IReadOnlyList<KnowledgeLoadError> LoadErrors => [];
    }

    private sealed class FakeDetector : IDisclosureDetector
    {
        public DisclosureAssessment Assess(string text)
        {
            var key = ActionMonth.Knowledge.Text.VietnameseText.Fold(text);
            if (key.Contains("so vao nguoi em", StringComparison.Ordinal))
                return new(DisclosureLevel.Urgent, DisclosureCategory.SexualAbuse, Reporter.Child,
                    [new DisclosureCue("test-touch", DisclosureCategory.SexualAbuse, DisclosureLevel.Urgent)]);
            if (key.Contains("buon qua", StringComparison.Ordinal))
                return new(DisclosureLevel.Concern, DisclosureCategory.SelfHarm, Reporter.Child, []);
            return DisclosureAssessment.None;
        }
    }
}
