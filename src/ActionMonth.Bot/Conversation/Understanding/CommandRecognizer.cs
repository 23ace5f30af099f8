using System.Text.RegularExpressions;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Knowledge.Model;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.Understanding;

/// <summary>
/// Recognises commands and small talk: button presses (the JSON value of a messageBack action) first, then a
/// short message that is the command and nothing else. "cảm ơn" is thanks; "cảm ơn, còn khoản 2 thì sao?" is not,
/// and goes on to the follow-up and question handling.
/// </summary>
public sealed partial class CommandRecognizer
{
    private static readonly Dictionary<string, UserCommand> Phrases = BuildPhrases();

    public UserCommand Recognize(object? value, string text)
    {
        if (FromValue(value) is { } pressed) return pressed;
        var key = TextKey.Of(text);
        if (key.Length == 0) return UserCommand.None;
        if (Phrases.TryGetValue(key, out var command)) return command;

        var fullText = FullTextPattern().Match(key);
        if (fullText.Success)
        {
            int? article = fullText.Groups["article"].Success ? int.Parse(fullText.Groups["article"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            return new UserCommand(CommandKind.FullText, Article: article);
        }
        return UserCommand.None;
    }

    /// <summary>The value of a messageBack action the bot itself attached (ReplyActions).</summary>
    private static UserCommand? FromValue(object? value)
    {
        // A button pressed in a client arrives as JSON (a JObject); the typed value only when a channel hands the
        // bot's own action back in process. Both are read by one mapping.
        if (value is JObject json)
        {
            value = new ButtonValue
            {
                Action = Read<string>(json, "action") ?? string.Empty, Vote = Read<int?>(json, "vote"),
                AnswerId = Read<string>(json, "answerId"), CardId = Read<string>(json, "cardId"), Doc = Read<string>(json, "doc"),
                Article = Read<int?>(json, "article"), Clause = Read<int?>(json, "clause"),
            };
        }
        return value is ButtonValue button ? FromButton(button) : null;
    }

    /// <summary>A property of a client's value, or null when it is missing or of another shape: the value is the
    /// client's JSON, and a malformed one must not fail the turn.</summary>
    private static T? Read<T>(JObject json, string name)
    {
        try
        {
            return json.Value<T>(name);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return default;
        }
    }

    private static UserCommand? FromButton(ButtonValue button) => button.Action switch
    {
        ButtonValue.FeedbackAction when button.Vote is 1 or -1 => new UserCommand(CommandKind.Feedback, Vote: button.Vote.Value,
            AnswerId: button.AnswerId, CardId: button.CardId, Doc: button.Doc, Article: button.Article, Clause: button.Clause),
        ButtonValue.FullTextAction => new UserCommand(CommandKind.FullText, Doc: button.Doc, Article: button.Article),
        _ => null,
    };

    [GeneratedRegex(@"^(?:xem |cho xem |doc |cho toi xem |show (?:me )?(?:the )?)?(?:nguyen van|toan van|van ban goc|ban goc|official text|full text|original text|original wording|original|law text|text of the law)(?: (?:cua |of )?(?:dieu|article) (?<article>\d{1,3}))?$")]
    private static partial Regex FullTextPattern();

    private static Dictionary<string, UserCommand> BuildPhrases()
    {
        var phrases = new Dictionary<string, UserCommand>(StringComparer.Ordinal);
        void Add(UserCommand command, params string[] keys)
        {
            foreach (var key in keys) phrases[key] = command;
        }

        Add(new(CommandKind.Start), "/start", "start", "bat dau", "get started");
        // "giúp em", "cứu", "help me" are left out on purpose: they can be a child asking for help, which the
        // question path answers (and the detector has already read).
        Add(new(CommandKind.Help), "/help", "help", "tro giup", "huong dan", "menu", "/menu", "giup", "ban lam duoc gi",
            "ban giup duoc gi", "ban biet gi", "what can you do", "huong dan su dung", "cach dung");
        Add(new(CommandKind.Hotlines), "/hotline", "/hotlines", "hotline", "hotlines", "duong day nong", "so dien thoai",
            "so khan cap", "cac so khan cap", "so tong dai", "tong dai", "so hotline", "sdt", "so dt", "emergency numbers",
            "phone numbers", "so dien thoai khan cap", "cac so dien thoai", "danh ba", "so can goi", "goi so nao");
        Add(new(CommandKind.Restart), "/restart", "/reset", "restart", "reset", "bat dau lai", "lam lai", "lam lai tu dau",
            "xoa cuoc tro chuyen", "start over", "start again", "noi lai tu dau");
        Add(new(CommandKind.ChangeRole), "/role", "doi vai tro", "chon vai tro", "change role", "vai tro",
            "chon lai vai tro", "change my role");
        Add(new(CommandKind.ChooseRole, Role: Audience.Parent), "toi la phu huynh", "phu huynh", "toi la cha me",
            "toi la bo", "toi la me", "minh la phu huynh", "la phu huynh", "cha me", "i am a parent", "i'm a parent",
            "im a parent", "parent", "i am parent");
        Add(new(CommandKind.ChooseRole, Role: Audience.Teacher), "toi la giao vien", "giao vien", "minh la giao vien",
            "toi la co giao", "toi la thay giao", "la giao vien", "toi la can bo truong hoc", "i am a teacher",
            "i'm a teacher", "im a teacher", "teacher", "i am teacher");
        Add(new(CommandKind.ChooseRole, Role: Audience.Child), "toi la tre em", "tre em", "em la tre em", "em la hoc sinh",
            "minh la hoc sinh", "toi la hoc sinh", "hoc sinh", "chau la hoc sinh", "la tre em", "i am a child",
            "i'm a child", "im a child", "child", "i am a kid", "i'm a kid", "kid", "i am a student", "i'm a student",
            "student");
        Add(new(CommandKind.Language, Language: "en"), "english", "tieng anh", "in english", "/english", "/lang en",
            "speak english", "noi tieng anh", "english please", "switch to english", "switch to english please",
            "can you speak english", "do you speak english", "change to english", "tra loi bang tieng anh");
        Add(new(CommandKind.Language, Language: "vi"), "tieng viet", "vietnamese", "/tiengviet", "/lang vi",
            "in vietnamese", "noi tieng viet", "switch to vietnamese", "tra loi bang tieng viet", "doi sang tieng viet",
            "quay lai tieng viet", "ve tieng viet", "tro lai tieng viet", "dung tieng viet", "chuyen sang tieng viet",
            "back to vietnamese", "vietnamese please", "noi tieng viet di", "tieng viet thoi", "can you speak vietnamese",
            "do you speak vietnamese", "speak vietnamese", "in vietnamese please", "switch to vietnamese please");
        Add(new(CommandKind.Language, Language: "en"), "chuyen sang tieng anh", "doi sang tieng anh", "dung tieng anh",
            "back to english", "english only");
        Add(new(CommandKind.Greeting), "xin chao", "chao", "chao ban", "chao bot", "hello", "hi", "hey", "alo", "a lo",
            "chao em", "chao anh", "chao chi", "good morning", "hi there", "hello there", "chao buoi sang", "hello ban",
            "hi ban", "xin chao ban");
        Add(new(CommandKind.Thanks), "cam on", "cam on ban", "cam on nhieu", "cam on ban nhieu", "thanks", "thank you",
            "thank", "tks", "thx", "thanks a lot", "thank you so much", "ok cam on", "cam on bot", "cam on nhe",
            "xin cam on", "cam on rat nhieu", "many thanks", "ok thanks", "ok thank you", "thanks so much", "cam on nhieu nhe");
        Add(new(CommandKind.Feedback, Vote: 1), "👍");
        Add(new(CommandKind.Feedback, Vote: -1), "👎");
        // Said in words, a verdict on the last answer is the same vote as the button ("no information" had answered it).
        Add(new(CommandKind.Feedback, Vote: -1), "tra loi sai", "cau tra loi sai", "ban tra loi sai", "ban tra loi sai roi",
            "tra loi sai roi", "khong hai long", "toi khong hai long", "toi khong hai long voi cau tra loi",
            "khong hai long voi cau tra loi", "cau tra loi khong huu ich", "khong huu ich", "tra loi khong dung",
            "cau tra loi khong dung", "wrong answer", "that answer is wrong", "the answer is wrong", "not helpful",
            "unhelpful", "that was not helpful", "this is not helpful");
        Add(new(CommandKind.Feedback, Vote: 1), "huu ich", "rat huu ich", "cau tra loi huu ich", "helpful", "very helpful",
            "that was helpful", "this is helpful");
        Add(new(CommandKind.ConnectCounsellor), "ket noi voi tu van vien", "ket noi tu van vien",
            "connect me with a counsellor", "connect me with a counselor", "toi muon noi chuyen voi tu van vien",
            "em muon noi chuyen voi tu van vien");
        Add(new(CommandKind.SafeNow), "em dang an toan", "i am safe now", "i'm safe now", "im safe now",
            "toi dang an toan", "em an toan roi");
        Add(new(CommandKind.AskMore), "em muon hoi them", "toi muon hoi them", "i want to ask more");
        // "Is a person reading this?" deserves a straight answer, and the way to reach one.
        Add(new(CommandKind.AboutBot), "ban la ai", "ban la gi", "ban la nguoi that khong", "ban la nguoi that ko",
            "ban co phai nguoi that khong", "ban co phai nguoi that ko", "ban co phai la nguoi that khong",
            "ban co phai la nguoi khong", "ban la nguoi hay may", "ban la nguoi hay robot", "ban la robot a", "ban la bot a",
            "ban la may a", "day la nguoi hay may", "co ai o do khong", "co ai khong", "co nguoi that khong",
            "who are you", "what are you", "are you a real person", "are you human", "are you a bot", "are you a robot",
            "is this a real person", "am i talking to a person", "am i talking to a bot");
        Add(new(CommandKind.Acknowledge), "ok", "oke", "okay", "okie", "oki", "uh", "u", "uk", "um", "vang", "da vang",
            "duoc roi", "dc roi", "ok ban", "alright", "got it", "i see", "hieu roi", "minh hieu roi", "em hieu roi");
        // "Không có gì" / "không sao" on its own is "nothing" or "never mind", not a question about a child with nothing
        // to eat (the engine's reading); after a safety reply to a child it may also be a retraction, which the
        // responder answers with the follow-up instead.
        Add(new(CommandKind.Acknowledge), "khong co gi", "ko co gi", "k co gi", "hok co gi", "hok co j", "ko co j",
            "k co j", "khong co gi dau", "ko co gi dau", "khong sao", "ko sao", "k sao", "khong sao dau", "ko sao dau",
            "k sao dau", "hok sao", "nothing", "never mind", "nevermind", "its nothing", "it's nothing");
        return phrases;
    }
}
