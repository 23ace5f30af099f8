namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Whether a message right after a safety reply to an adult still talks about what was disclosed: waiting, calling or
/// reporting, having no phone, fear of the person or of what happens to them, the child's safety, evidence, a
/// retraction, or a short "what now?". Such a message gets the safety follow-up when the bot is unsure of its answer.
/// Anything else is a new topic ("thủ tục làm giấy khai sinh cho con", "học phí năm nay có được miễn không"), which
/// gets its own answer. Errs on the side of the follow-up: a short message, or one naming harm, counts.
/// Matched on the folded words (<see cref="TextKey"/>), whole words only.
/// </summary>
public static class DisclosureTalk
{
    /// <summary>Messages of this many words or fewer ("giờ sao?", "tôi phải làm gì") are taken as about the disclosure.</summary>
    public const int ShortMessageWords = 5;

    private static readonly string[] Phrases =
    [
        // Waiting and time.
        // Folded "doi" alone is also "dối" (nói dối), "đổi", "đời": only the waiting phrases.
        "doi den", "doi them", "doi mai", "doi toi", "nen doi", "cu doi", "doi xem", "doi it", "cho den", "cho them", "cho mai", "nen cho", "co nen cho", "de mai", "ngay mai", "sang mai", "toi nay",
        "dem nay", "hom nay", "bay gio", "luc nay", "ngay lap tuc", "de sau", "tu tu", "bao gio", "khi nao", "luc nao",
        // Calling, reporting, the authorities, a phone.
        "goi", "111", "113", "115", "bao cho", "bao ai", "bao o dau", "bao ngay", "di bao", "neu bao", "khi bao", "nen bao",
        "da bao", "bao roi", "bao voi", "bao len", "bao cong an", "bao tin", "bao cao", "to giac", "to cao", "trinh bao",
        "cong an", "canh sat", "uy ban", "ubnd", "chinh quyen", "truong thon", "to truong", "dien thoai", "dt", "sdt",
        "nhan tin", "tu van vien",
        // Fear, secrecy and what happens to the person or the family.
        "so", "ngai", "tra thu", "tru dap", "di tu", "bi tu", "ngoi tu", "bi bat", "bat giam", "bi phat", "xu ly",
        "bi mat", "giu kin", "nac danh", "danh tinh", "ai biet", "se biet", "tan vo", "ly hon", "bo di",
        // The person and the child spoken of.
        "no", "han", "chong", "vo", "bo duong", "me ke", "ong ay", "ba ay", "anh ay", "chi ay", "chu ay", "co ay", "thay ay",
        "nguoi do", "nguoi ay", "ke do", "thang do", "lao ta", "hung thu", "thu pham", "con be", "thang be", "chau be",
        // The child's safety, injuries and evidence.
        "an toan", "nguy hiem", "bo tron", "chay tron", "tron di", "tam lanh", "bang chung", "chung cu", "chung minh", "kham", "giam dinh",
        "vet thuong", "bi thuong", "bi dau", "dau lam", "chay mau",
        // Taking it back.
        "dua", "noi dua", "nham", "hieu nham", "that ra", "khong phai that", "bia",
        // What next.
        "tiep theo", "roi sao", "sau do", "gio sao", "gio lam sao",
        // English.
        "wait", "tomorrow", "tonight", "now", "later", "call", "phone", "report", "police", "tell", "scared", "afraid",
        "fear", "secret", "jail", "prison", "arrest", "arrested", "punished", "joking", "kidding", "evidence", "proof",
        "doctor", "hospital", "hurt", "safe", "danger", "he", "she", "him", "her", "husband", "wife", "stepfather", "uncle",
        "what next", "what happens", "counsellor", "counselor",
    ];

    public static bool IsAbout(string? text)
    {
        var key = TextKey.Of(text);
        if (key.Length == 0) return true;
        if (key.AsSpan().Count(' ') < ShortMessageWords) return true;
        if (HarmTopic.Mentions(text)) return true;
        var padded = " " + key + " ";
        foreach (var phrase in Phrases)
            if (padded.Contains(" " + phrase + " ", StringComparison.Ordinal)) return true;
        return false;
    }
}
