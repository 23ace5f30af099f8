using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;

namespace ActionMonth.Bot.Conversation.Replies;

/// <summary>The numbers the bot may give: the directory loaded from knowledge/hotlines.md (and configuration,
/// through the catalog). Only if the directory is empty (knowledge not loaded) does it fall back to the four
/// national numbers the project treats as known (111, 113, 114, 115), and so it does while the index is still
/// loading: never any other number.</summary>
public sealed class HotlineDirectory(IKnowledgeCatalog catalog, KnowledgeReadiness readiness)
{
    private static readonly IReadOnlyList<Hotline> National =
    [
        new("111", "Tổng đài điện thoại quốc gia bảo vệ trẻ em", true, "24/7", string.Empty, string.Empty, []),
        new("113", "Công an", true, "24/7", string.Empty, string.Empty, []),
        new("114", "Cứu nạn, cứu hộ, phòng cháy chữa cháy", true, "24/7", string.Empty, string.Empty, []),
        new("115", "Cấp cứu y tế", true, "24/7", string.Empty, string.Empty, []),
    ];

    public IReadOnlyList<Hotline> All()
    {
        if (!readiness.IsReady) return National;
        var listed = catalog.Hotlines;
        return listed.Count > 0 ? listed : National;
    }
}
