namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Whether a question asks where, to whom or how to report harm to a child ("báo tin trẻ bị xâm hại ở đâu", "giáo
/// viên phải báo ai", "làm sao để tố giác hành vi xâm hại", "how do I report child abuse"). Such a question is
/// answered with the where-to-report card for the asker, not with whatever article shares most of its words: on
/// words alone a province's plan or the article defining a group of abused children could come first, and neither
/// says where to go. Not this, and keeping its own answer: a question about reporting that asks something else
/// (whether one must, whether one's name stays secret, what happens after), one about being reported or told ("bị tố
/// cáo", "nhà trường thông báo"), and administrative reports ("báo cáo kết quả … gửi cho ai"). Matched on folded
/// whole words (<see cref="TextKey"/>), where "báo" and "bảo" are both "bao".
/// </summary>
public static class ReportingQuestion
{
    // Telling someone who can act. "báo cáo" only of a case ("báo cáo vụ bạo hành"), never of results; "thông báo" is
    // also what a school does to parents, so it needs an asker's form around it as the others do.
    private static readonly string[] Reporting =
    [
        "bao tin", "to giac", "to cao", "trinh bao", "thong bao", "bao cao vu", "bao cao viec", "bao cao chuyen",
        "bao cao hanh vi", "bao cao truong hop", "report",
    ];

    // Bare "báo" counts before what is reported ("báo bạo hành … ở đâu"), never before "vệ", "đảm", "hiểm".
    private static readonly string[] BareReportWhat =
        ["bao bao hanh", "bao xam hai", "bao bao luc", "bao nguoc dai", "bao vu", "bao viec", "bao chuyen", "bao hanh vi"];

    private static readonly string[] Verbs = [.. Reporting, .. BareReportWhat];

    // Whole asking phrases that need no reporting word before them.
    private static readonly string[] Asking =
    [
        "bao o dau", "bao ai", "bao cho ai", "bao voi ai", "bao noi nao", "bao cho noi nao", "bao co quan nao",
        "bao cho co quan nao", "lien he o dau", "lien he ai", "lien he voi ai", "lien he co quan nao", "goi so nao",
        "goi cho ai", "goi dau",
    ];

    // Where / to whom / which body, anywhere after the reporting word.
    private static readonly string[] WhereOrWhom =
        ["o dau", "cho ai", "voi ai", "noi nao", "co quan nao", "don vi nao", "bang cach nao", "where", "who", "whom"];

    // "… thì làm thế nào": how, after an active reporting word ("báo tin một vụ … thì làm thế nào").
    private static readonly string[] HowAfter = ["thi lam the nao", "thi lam sao", "thi phai lam sao"];

    // How, right before the reporting word (at most "để" or "do I / can I / to" between): "làm sao để tố giác", "cách báo
    // tin", "how do I report". Further away "cách" is also "ago" ("cách đây một năm").
    private static readonly string[] HowBefore = ["lam sao", "lam the nao", "cach", "how", "where", "who"];
    private static readonly string[] Between = ["de", "do i", "can i", "should i", "to", "do we", "can we", "should we", "i", "we"];

    // Being reported or told, not reporting: "bị tố cáo", "được thông báo", "nhà trường thông báo".
    private static readonly string[] NotTheAsker = ["bi", "duoc", "truong", "nha truong", "co giao", "thay giao", "cong an", "xa"];

    // The phrases as matched: padded with spaces, and the how-words combined with what may stand between, made once.
    private static readonly string[] PaddedVerbs = Pad(Verbs);
    private static readonly string[] PaddedAsking = Pad(Asking);
    private static readonly string[] PaddedWhereOrWhom = Pad(WhereOrWhom);
    private static readonly string[] PaddedHowAfter = Pad(HowAfter);
    private static readonly string[] PaddedHowBefore = Pad([.. HowBefore, .. HowBefore.SelectMany(how => Between.Select(b => how + " " + b))]);
    private static readonly string[] PaddedNotTheAsker = Pad(NotTheAsker);
    private static readonly string[] PaddedAfterReporting = Pad(["sau khi", "sau khi da", "sau khi toi", "sau khi toi da"]);

    public static bool Asks(string? text)
    {
        if (!HarmTopic.MentionsHarm(text)) return false;
        var key = " " + TextKey.Of(text) + " ";
        if (ContainsAny(key, PaddedAsking)) return true;
        foreach (var verb in PaddedVerbs)
        {
            for (var at = key.IndexOf(verb, StringComparison.Ordinal); at >= 0; at = key.IndexOf(verb, at + 1, StringComparison.Ordinal))
            {
                var before = key.AsSpan(0, at + 1);
                if (EndsWithAny(before, PaddedNotTheAsker)) continue;
                // "Sau khi (tôi đã) báo tin … thế nào": what happens after reporting, not where to report.
                if (EndsWithAny(before, PaddedAfterReporting)) continue;
                var after = key.AsSpan(at + verb.Length - 1);
                if (ContainsAny(after, PaddedWhereOrWhom)) return true;
                if (verb is not (" thong bao " or " report ") && ContainsAny(after, PaddedHowAfter)) return true;
                if (EndsWithAny(before, PaddedHowBefore)) return true;
                // English puts its subject between: "who should a teacher report", "how can the school report".
                if (verb == " report " && AmongLastWords(before, 4, ["how", "where", "who", "whom"])) return true;
            }
        }
        return false;
    }

    /// <summary>Whether the question names school staff as the ones who report: in English "a teacher" / "as a teacher"
    /// (<see cref="EnglishSpeakerCues.NamesTeacherAsReporter"/>); in Vietnamese staff who found out ("giáo viên phát hiện
    /// / nghi / thấy …") or a duty to report whose subject is not the asker ("giáo viên … phải báo cho ai", not "em phải
    /// báo"). Only reporting forms count: "phải bảo vệ" folds to "phai bao ve" and is not one.</summary>
    public static bool NamesStaffAsReporter(string? text)
    {
        if (EnglishSpeakerCues.NamesTeacherAsReporter(text)) return true;
        var key = " " + TextKey.Of(text) + " ";
        if (!ContainsAny(key, SchoolStaff)) return false;
        foreach (var staff in SchoolStaff)
            foreach (var finds in StaffFinds)
                if (key.Contains(staff + finds + " ", StringComparison.Ordinal)) return true;
        foreach (var duty in MustReport)
        {
            var at = key.IndexOf(duty, StringComparison.Ordinal);
            if (at >= 0 && !EndsWithAny(key.AsSpan(0, at + 1), SelfWords)) return true;
        }
        return false;
    }

    private static readonly string[] SchoolStaff = Pad(["giao vien", "gv", "thay co", "co giao", "thay giao", "nha truong"]);
    private static readonly string[] MustReport = Pad(
    [
        "phai bao cho", "phai bao ai", "phai bao tin", "phai bao voi", "phai bao o dau", "phai thong bao", "phai to giac",
        "co trach nhiem bao tin", "co trach nhiem thong bao", "co trach nhiem to giac",
    ]);
    private static readonly string[] SelfWords = Pad(["em", "toi", "minh", "con", "ban", "chau"]);
    private static readonly string[] StaffFinds = ["phat hien", "nghi", "nghi ngo", "thay", "biet"];

    private static string[] Pad(IEnumerable<string> phrases) => phrases.Select(p => " " + p + " ").ToArray();

    private static bool ContainsAny(ReadOnlySpan<char> text, string[] padded)
    {
        foreach (var phrase in padded)
            if (text.Contains(phrase, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Whether <paramref name="before"/> (" … word ") ends with one of the padded phrases as whole words.</summary>
    private static bool EndsWithAny(ReadOnlySpan<char> before, string[] padded)
    {
        foreach (var phrase in padded)
            if (before.EndsWith(phrase, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Whether one of the last <paramref name="count"/> words of <paramref name="before"/> is one of <paramref name="words"/>.</summary>
    private static bool AmongLastWords(ReadOnlySpan<char> before, int count, string[] words)
    {
        var text = before.TrimEnd();
        for (var i = 0; i < count && !text.IsEmpty; i++)
        {
            var space = text.LastIndexOf(' ');
            var word = text[(space + 1)..];
            foreach (var w in words)
                if (word.SequenceEqual(w)) return true;
            text = space < 0 ? [] : text[..space].TrimEnd();
        }
        return false;
    }
}
