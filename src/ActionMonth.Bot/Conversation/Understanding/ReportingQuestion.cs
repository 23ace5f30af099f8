namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Whether a question asks where, to whom or how to report harm to a child ("báo tin trẻ bị xâm hại ở đâu", "giáo
/// viên phải báo ai", "làm sao để tố giác hành vi xâm hại", "how do I report child abuse"). Such a question is
/// answered with the where-to-report card for the asker, not with whatever article shares most of its words: on
/// words alone a province's plan or the article defining a group of abused children could come first, and neither
/// says where to go. A question about reporting that asks something else (whether one must, whether one's name stays
/// secret, how fast it is handled, what happens after) is not this and keeps its own answer; so is a question about administrative
/// reports ("báo cáo kết quả Tháng hành động gửi ai"), which names no harm. Matched on folded whole words
/// (<see cref="TextKey"/>).
/// </summary>
public static class ReportingQuestion
{
    // Telling someone who can act, followed anywhere later by where / to whom / which body.
    private static readonly string[] Reporting = ["bao tin", "to giac", "to cao", "trinh bao", "thong bao", "bao cao", "report"];

    private static readonly string[] WhereOrWhom =
        ["o dau", "cho ai", "voi ai", "noi nao", "co quan nao", "don vi nao", "thi lam the nao", "thi lam sao", "bang cach nao",
         "where", "who", "whom"];

    // Asked before the reporting word: "làm sao để tố giác", "cách báo tin", "how do I report".
    private static readonly string[] HowBefore = ["lam sao", "lam the nao", "cach", "how", "where", "who"];

    // Bare "báo" folds together with "bảo" (to protect, to tell): it counts right before the asking words, or before
    // what is reported ("báo bạo hành … ở đâu", "báo vụ xâm hại … cho ai"), never before "vệ", "đảm", "hiểm".
    private static readonly string[] BareReportAsking =
        ["bao o dau", "bao ai", "bao cho ai", "bao voi ai", "bao noi nao", "bao cho noi nao", "bao co quan nao", "bao cho co quan nao"];

    private static readonly string[] BareReportWhat =
        ["bao bao hanh", "bao xam hai", "bao bao luc", "bao nguoc dai", "bao vu", "bao viec", "bao chuyen", "bao hanh vi"];

    private static readonly string[] Verbs = [.. Reporting, .. BareReportWhat];

    public static bool Asks(string? text)
    {
        if (!HarmTopic.MentionsHarm(text)) return false;
        var key = " " + TextKey.Of(text) + " ";
        foreach (var phrase in BareReportAsking)
            if (key.Contains(" " + phrase + " ", StringComparison.Ordinal)) return true;
        foreach (var verb in Verbs)
        {
            var at = key.IndexOf(" " + verb + " ", StringComparison.Ordinal);
            if (at < 0) continue;
            // "Sau khi báo tin … thế nào": what happens after reporting, not where to report.
            if (key.AsSpan(0, at + 1).Contains(" sau khi ", StringComparison.Ordinal)) return false;
            var after = key.AsSpan(at + verb.Length + 1);
            foreach (var asking in WhereOrWhom)
                if (after.Contains(" " + asking + " ", StringComparison.Ordinal)) return true;
            var before = key.AsSpan(0, at + 1);
            foreach (var asking in HowBefore)
                if (before.Contains(" " + asking + " ", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
