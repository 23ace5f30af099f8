using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Tells English from Vietnamese in one message, cautiously: Vietnamese typed without diacritics is plain ASCII
/// too ("con toi bi danh o truong"), so a message counts as English only when several English function words
/// outnumber common unaccented Vietnamese syllables. Short or ambiguous messages ("ok", "hi", "111") decide
/// nothing and the user's current language stays.
/// </summary>
public sealed class LanguageDetector
{
    // English words that are not also common unaccented Vietnamese syllables ("to", "me", "an", "on", "no",
    // "do", "can", "the", "he" are left out for that reason).
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "what", "how", "who", "whom", "why", "where", "when", "which", "is", "are", "was", "were", "be", "been",
        "my", "your", "our", "their", "his", "her", "i", "i'm", "im", "you", "we", "they", "she", "it", "its",
        "does", "did", "should", "would", "could", "must", "will", "shall", "have", "has", "had", "of", "and",
        "or", "for", "with", "about", "from", "this", "that", "these", "those", "there", "if", "not", "any",
        "child", "children", "kid", "kids", "school", "teacher", "teachers", "parent", "parents", "report",
        "abuse", "abused", "law", "rights", "right", "please", "hello", "thanks", "thank", "tell", "more",
        "number", "numbers", "call", "help", "someone", "somebody", "hurt", "hurts", "hit", "being", "by",
        "english", "article", "clause", "say", "says", "mean", "means", "explain", "want", "need", "know",
        // The words of a child's English disclosure ("my dad hits me every night" had only "my"): a child who writes
        // English must get the safety reply in English. "mom" is left out ("mồm" unaccented).
        "dad", "daddy", "mum", "mommy", "mother", "father", "stepdad", "stepfather", "stepmother", "uncle", "brother",
        "sister", "hits", "beats", "beat", "touches", "touched", "kicks", "every", "night", "scared", "afraid", "home",
        "always", "kill", "die", "alone", "friend", "boyfriend",
    };

    // Frequent Vietnamese syllables as people type them without diacritics. Words shared with English ("the",
    // "me", "do", "to", "can"...) are in neither list.
    private static readonly HashSet<string> Vietnamese = new(StringComparer.Ordinal)
    {
        "toi", "em", "con", "bi", "la", "gi", "khong", "ko", "k", "cua", "thi", "co", "duoc", "dc", "nguoi",
        "tre", "nao", "sao", "lam", "cho", "voi", "minh", "ban", "anh", "chi", "bo", "nha", "truong", "hoc",
        "phai", "ai", "day", "roi", "vay", "nhu", "nay", "di", "ve", "ra", "vao", "mot", "hoi", "luat", "dieu",
        "khoan", "trong", "nhung", "cac", "va", "hay", "hoac", "neu", "khi", "da", "dang", "se", "chua", "cung",
        "rat", "qua", "lai", "thoi", "nhe", "oi", "ong", "ba", "chau", "giao", "vien", "sinh", "quyen", "bao",
        "danh", "xam", "hai", "thay", "nhieu", "biet", "muon", "giup", "chao", "cam",
    };

    /// <summary>"en", "vi", or null when the message does not say.</summary>
    public string? Detect(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (VietnameseText.HasDiacritics(text)) return UiLanguages.Vietnamese;
        var words = VietnameseText.Words(VietnameseText.Normalize(text));
        if (words.Count == 0) return null;
        var english = 0;
        var vietnamese = 0;
        foreach (var word in words)
        {
            if (English.Contains(word)) english++;
            if (Vietnamese.Contains(word)) vietnamese++;
        }
        if (english >= 2 && english > vietnamese) return UiLanguages.English;
        if (vietnamese >= 2 && vietnamese > english) return UiLanguages.Vietnamese;
        return null;
    }

    /// <summary>Updates the profile's language from one message and returns the language to answer in.</summary>
    public string Apply(UserProfile profile, string text)
    {
        var detected = Detect(text);
        if (detected is not null) profile.Language = detected;
        return profile.Language;
    }
}
