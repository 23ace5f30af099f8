using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Safety;

namespace ActionMonth.Bot.Resources;

/// <summary>The bot's own sentences in English, for users who write English. The knowledge content itself is
/// Vietnamese, and answers say so.</summary>
public sealed class EnglishUiText : UiText
{
    public static EnglishUiText Instance { get; } = new();

    public override string Language => UiLanguages.English;
    public override string Locale => "en-US";

    public override string Welcome(int retentionDays, bool escalationEnabled) =>
        "Hello! I answer questions about children's rights and child protection under Vietnamese law (the Law on "
        + "Children 2016, Decree 56/2017/NĐ-CP, the Action Month for Children…).\n\n"
        + "I can explain the rules in plain words with the article they come from, show how to report harm to a child, "
        + "and give you hotline numbers. I am a computer program: I am not a lawyer, I cannot replace a counsellor, and "
        + "I am not an emergency service.\n\n"
        + "Privacy: I keep only the role you choose, your language and the article we are talking about, so I can "
        + $"follow the conversation. I do not keep your name or phone number. This is deleted after {retentionDays} "
        + "days without use and is never shared with your family."
        + (escalationEnabled
            ? " When there are signs that a child is in danger, I keep a short report and pass it to the counsellors "
              + "of hotline 111 so they can help."
            : string.Empty)
        + "\n\nUrgent help: call 111, Vietnam's national child protection hotline, free, 24/7. In danger right now: "
        + "call 113 (police) or 115 (ambulance).\n\n"
        + RoleQuestion;

    public override string WelcomeBrief(int retentionDays) =>
        "Hello! I answer questions about children's rights and child protection under Vietnamese law. I am not a "
        + "lawyer and not an emergency service. I do not keep your name or phone number, I delete conversation data "
        + $"after {retentionDays} days without use, and I never share it with your family. Urgent help: call 111 "
        + "(free, 24/7).";

    public override string RoleQuestion => "Are you a parent, a teacher or a child? Choose below so I can answer in the right way.";

    public override string RoleChoice(Audience role) => role switch
    {
        Audience.Parent => "I am a parent",
        Audience.Teacher => "I am a teacher",
        Audience.Child => "I am a child",
        _ => "General question",
    };

    public override string RoleConfirmed(Audience role) => role switch
    {
        Audience.Parent => "Thank you. I will put information for parents first. Ask in your own words, for example "
                           + "one of the questions below.",
        Audience.Teacher => "Thank you. I will put information for teachers and schools first. Ask in your own words, "
                            + "for example one of the questions below.",
        Audience.Child => "Hi! You can ask me anything. If someone hurts you or scares you, call 111. It is free, and "
                          + "someone answers day and night.",
        _ => "Thank you. Ask in your own words.",
    };

    public override IReadOnlyList<string> ExampleQuestions(Audience role) => role switch
    {
        Audience.Parent => ["My child was hit by a classmate at school, what should I do?", "What rights do children have?",
            "What is the Action Month for Children?"],
        Audience.Teacher => ["A teacher finds a pupil is being abused: who must they report to?",
            "What must a school do to prevent child abuse?", "What is the Action Month for Children?"],
        Audience.Child => ["I am being bullied, what can I do?", "What rights do I have?", "What is 111?"],
        _ => ["What rights do children have?", "What is the Action Month for Children?"],
    };

    public override string Help(Audience? role) => role == Audience.Child
        ? "You can ask me about your rights, and about home, school and the internet. I will answer in simple words.\n\n"
          + "You can type \"hotlines\" to see numbers you can call, or \"restart\" to start again.\n\n"
          + "If someone hurts you or scares you, call 111. It is free, day and night."
        : "Ask me in your own words about children's rights, preventing and reporting abuse, the duties of families and "
          + "schools, and the Action Month for Children. Every answer names the article it rests on; press \"Show the "
          + "official text\" to read the law's own words. Follow-ups such as \"what about clause 2?\" or \"tell me more\" "
          + "work too.\n\n"
          + "Commands: \"hotlines\", \"change role\", \"Tiếng Việt\", \"restart\".\n\n"
          + "Urgent help: call 111 (free, 24/7); in danger right now: 113 or 115.";

    public override string ActionHotlines => "Hotlines";
    public override string ActionChangeRole => "Change role";
    public override string ActionOtherLanguage => "Tiếng Việt";
    public override string ActionRestart => "Restart";

    public override string HotlinesIntro => "Numbers you can call:";

    public override string HotlineEntry(Hotline hotline)
    {
        var terms = new List<string>();
        if (hotline.Free) terms.Add("free");
        if (!string.IsNullOrWhiteSpace(hotline.Hours)) terms.Add(hotline.Hours.Trim());
        // Names and descriptions come from the Vietnamese directory: shown as they are.
        return $"• {hotline.Number} — {hotline.Name}" + (terms.Count > 0 ? $" ({string.Join(", ", terms)})." : ".");
    }

    public override string HotlinesFooter => "If a child is in danger right now, call 113 or 115 first, then 111.";

    public override string RestartDone => "I have cleared this conversation and the role you chose. Let us start again.";
    public override string LanguageChosen => "All right, I will answer in English. The legal content I have is in Vietnamese.";

    public override string Greeting(Audience? role) => role == Audience.Child
        ? "Hi! What would you like to ask?"
        : "Hello! What would you like to know about children's rights or child protection?";

    public override string Wordless(Audience? role, bool sad) => sad
        ? "Are you sad or scared? If you like, tell me in words. If someone is hurting or scaring you or a child, call 111: "
          + "free, day and night, someone always listens."
        : "I only understand messages in words. Ask me in words, or type \"help\" to see what I can do.";
    public override string AboutBot(Audience? role) => role == Audience.Child
        ? "I am a computer program, not a real person. If you want to talk to a real person, call 111: a counsellor "
          + "answers, it is free, day and night."
        : "I am a computer program, not a real person. I answer questions about children's rights and child protection "
          + "under Vietnamese law, with the articles they rest on. To talk to a real person, call 111: a counsellor answers, "
          + "free, 24/7.";
    public override string Acknowledged(Audience? role) => role == Audience.Child
        ? "Okay. Write to me whenever you need. If someone hurts or scares you, call 111."
        : "Okay. Ask again whenever you need; for advice from a person, call 111 (free, 24/7).";
    public override string Thanks(Audience? role) => role == Audience.Child
        ? "You're welcome. Write to me any time, or call 111."
        : "You're welcome. Ask more if you need; for direct advice call 111 (free, 24/7).";

    public override string FeedbackThanks(bool positive) => positive
        ? "Thank you for telling me the answer helped."
        : "Thank you. I have noted it so the people who maintain me can review and fix this answer.";

    public override string FeedbackNothingToRate => "I have not given an answer for you to rate yet.";

    public override string CitationLine(string citations) => $"Source: {citations}.";
    public override string ArticleName(int article) => $"Điều {article}";
    public override string ClausePart(int clause) => $"khoản {clause}";
    public override string PointPart(string point) => $"điểm {point}";
    public override string FullTextAction(int article) => $"Show the official text of Article {article}";
    public override string FullTextHeading(int article, string title, string shortName) =>
        $"Official text of Article {article}. {title} ({shortName}), in Vietnamese:";
    public override string FullTextContinued(int part, int parts) => $"(continued, part {part}/{parts})";
    public override string FullTextUnavailable(int article, string shortName) =>
        $"I do not have the official text of Article {article} of {shortName}, so I cannot quote it.";
    public override string ClauseHeading(int article, int clause, string shortName) =>
        $"Clause {clause} of Article {article}, {shortName} (in Vietnamese):";
    public override string ClauseMissing(int article, int clause, string shortName, int clauseCount) => clauseCount > 0
        ? $"Article {article} of {shortName} has only {clauseCount} clauses, not clause {clause}."
        : $"Article {article} of {shortName} is not divided into clauses.";
    public override string ArticleMissing(int article, string shortName, int lastArticle) => lastArticle > 0
        ? $"{shortName} has no Article {article}: its last article is Article {lastArticle}. Ask about an article from 1 to "
          + $"{lastArticle}, or ask in your own words."
        : $"I cannot find Article {article} in {shortName}.";
    public override string NoOfficialText(string shortName) =>
        $"I do not have the full text of {shortName}, so I cannot quote it or cite its sections; what follows is our summary from the sources we name.";
    public override string ExplainHeading(int article, string shortName) => $"More on Article {article}, {shortName}:";
    public override string NoEarlierArticle =>
        "I do not know which article you mean yet. Please ask in full, for example \"Article 26 of the Law on Children\".";
    public override string NoSummary(int article, string shortName) =>
        "I do not write summaries of my own, because everything I say comes from content prepared and checked in advance; "
        + $"the answer above is the shortest I have on Article {article}, {shortName}. You can read the explanation or the "
        + "official text, or tell me your own situation and I will look for the rule that fits.";
    public override string ExamplesLead(int article, string shortName) =>
        $"I have no examples written for Article {article}, {shortName}. These are concrete situations that rest on it; "
        + "press one to see its answer (in Vietnamese):";
    public override string NoExamples(int article, string shortName) =>
        $"I have no examples for Article {article}, {shortName}, and I do not make them up. Tell me your own situation and "
        + "I will look for the rule that fits, or call 111 (free, 24/7) for advice.";
    public override string ActionExplain => "Tell me more";
    public override string OfficialTextQuote => "The regulation says:";

    public override string LowConfidence(Audience? role) => role == Audience.Child
        ? "I am not sure I understood. Choose a question below, or ask in other words. If you need someone now, call 111. "
          + "It is free, day and night."
        : "I am not sure I understood the question, and I would rather not guess. Did you mean one of the closest topics "
          + "below? You can also ask in other words. For advice now, call 111 (free, 24/7).";

    public override string ClosestTopics => "Closest topics:";

    public override string HarmQuestionLeadIn(Audience? role) => role == Audience.Child
        ? "You mentioned being hurt, so first, here is who you can turn to. If you meant something else, please ask in other words."
        : "Your question is about a child being harmed, so first, here is how to report it and get help. If you meant "
          + "something else, please ask in other words.";
    public override string NoAnswer(Audience? role) => role == Audience.Child
        ? "I cannot answer that one: I only know about children's rights and staying safe. But if you are tired, sad or "
          + "worried, tell an adult you trust, or call 111: someone there listens to things like that too, free, day and "
          + "night. Type \"menu\" to see what I can do."
        : "I do not have information to answer that, so I will not guess. I only answer about children's rights and "
          + "child protection under Vietnamese law. Type \"menu\" to see what I can do, or call 111 (free, 24/7) for advice.";

    public override string ContentInVietnamese => "(My legal content is in Vietnamese; the answer below is quoted as it is.)";

    public override string MinistryReorganisationNote =>
        "Note: since 01/03/2025 child affairs have moved from the Ministry of Labour, Invalids and Social Affairs to the "
        + "Ministry of Health (Decree 42/2025/NĐ-CP). Which local body took this over can differ between provinces (in Hồ "
        + "Chí Minh City it is the Department of Health); to find out, ask the commune or ward People's Committee or call 111.";

    public override string DistrictReorganisationNote =>
        "Note: since 01/07/2025 there is no district level any more; what the district People's Committee used to do is "
        + "now done at commune or province level.";

    public override string LongMessage(int limit) =>
        $"Your message is long, so I am answering its first part (the first {limit:N0} characters). If you have other "
        + "questions, please send them one at a time.";

    public override string AttachmentNotSupported(Audience? role) => role == Audience.Child
        ? "I can only read text. I cannot see pictures, stickers or voice messages. Please type to me. If you need "
          + "someone now, call 111. It is free, day and night."
        : "I can only read text messages, not pictures, files, stickers or voice messages. Please type your question. "
          + "Urgent help: call 111 (free, 24/7).";

    public override string RateLimited(Audience? role) => role == Audience.Child
        ? "You are writing very fast, I need a few seconds to keep up. Wait a little and write again. If you need help now, call 111."
        : "You are sending messages very fast; I need a few seconds to keep up. Please wait a moment and send again. "
          + "Urgent help: call 111 (free, 24/7).";

    public override string TurnError =>
        "Sorry, something went wrong and I could not answer. Please try again in a few minutes. If you need urgent "
        + "help, call 111 (free, 24/7); in danger right now: 113 or 115.";

    public override string SafetyTitle(Reporter reporter) => reporter == Reporter.Adult
        ? "Thank you for speaking up. Please report it now."
        : "It is not your fault. People can help you.";

    public override string SafetyForChild(DisclosureLevel level, DisclosureCategory category, bool caseOpened)
    {
        var now = category == DisclosureCategory.SelfHarm
            ? "If you have hurt yourself or taken pills, call 115 (ambulance) now, or ask the nearest adult to call for you."
            : "If you are in danger right now, call 113 (police) or 115 (ambulance) now, and go to an adult you trust.";
        var opening = category == DisclosureCategory.SelfHarm
            ? "Thank you for telling me. I believe you. Feeling this way is not your fault, and you do not have to carry it alone."
            : "Thank you for telling me. I believe you. This is not your fault.";
        var hotline = "Please call 111, Vietnam's national child protection hotline. It is free, and someone answers "
                      + "day and night (24/7) to listen and help you.";
        var next = caseOpened
            ? "I have alerted a counsellor of hotline 111. They may write to you here."
            : "I am a computer program, so I cannot call anyone myself. The counsellors at 111 can help you right away.";
        const string privacy = "I do not share what you tell me here with your family.";
        return level == DisclosureLevel.Emergency
            ? string.Join("\n\n", now, opening, hotline, next, privacy)
            : string.Join("\n\n", opening, hotline, now, next, privacy);
    }

    public override string SafetyForAdult(DisclosureLevel level, bool caseOpened, string? reportingCitations)
    {
        if (level == DisclosureLevel.Emergency)
        {
            // Life in danger now: the numbers first and without conditions; the law can wait.
            return "Call 115 (ambulance) now if the child is hurt, struggling to breathe or unconscious, and 113 (police) if "
                   + "the child is being attacked, threatened or taken. Call right now, do not wait.\n\n"
                   + "While you wait: stay with the child, keep the child away from whoever is harming them if you can do so "
                   + "without danger to yourself, and follow what the 115 operator tells you on the phone.\n\n"
                   + "Once the child has been treated or is safe, call 111, the national child protection hotline (free, "
                   + "24/7), for the next steps.\n\n"
                   + (caseOpened
                       ? "I have alerted a counsellor of hotline 111; they may write to you here."
                       : "I am a computer program and cannot call an ambulance for you.");
        }
        var steps = new List<string>
        {
            "1. If the child is in danger right now: call 113 (police) or 115 (ambulance).",
            "2. Call 111, the national child protection hotline (free, 24/7), to report and get guidance.",
            "3. Anyone who finds that a child is being abused or is at risk must report it at once to hotline 111, the "
            + "police or the commune People's Committee where it happens. When a child is seriously harmed, the "
            + "authorities must act within 12 hours."
            + (string.IsNullOrEmpty(reportingCitations) ? string.Empty : $" ({reportingCitations})"),
            "4. Stay with the child and keep them safe. Do not press the child or make them tell it again and again; "
            + "leave the questions to professionals.",
        };
        var next = caseOpened
            ? "I have alerted a counsellor of hotline 111; they may write to you here."
            : "I am a computer program and cannot report for you; please call 111.";
        return "Thank you for speaking up for the child. Reporting it now is right and necessary.\n\n"
               + string.Join("\n", steps) + "\n\n" + next + " What you tell me here is not shared with the child's family.";
    }

    public override string SafetyTitleAdultEmergency => "Call 115 (ambulance) or 113 (police) now.";
    public override string SafetyTitleChildWitness => "You did the right thing by telling.";

    public override string SafetyForChildWitness(DisclosureLevel level, DisclosureCategory category, bool caseOpened)
    {
        var parts = new List<string>
        {
            "You did the right thing by telling. You do not have to handle this on your own.",
            "Tell an adult you trust now: a parent, a teacher or a relative. Even if your friend asked you to keep it a secret, "
            + "telling an adult is helping your friend, not betraying them.",
        };
        if (category == DisclosureCategory.SelfHarm)
            parts.Add("If your friend talks about wanting to die, disappear or hurt themselves, do not keep it to yourself: tell "
                      + "an adult today, and stay close to your friend if you can.");
        parts.Add("You can also call 111, the national child protection hotline, free, day and night, to tell them about your "
                  + "friend and ask what to do.");
        const string now = "If your friend is in danger right now, tell the nearest adult or call 113 (police) or 115 (ambulance).";
        if (level == DisclosureLevel.Emergency) parts.Insert(0, now);
        else parts.Add(now);
        parts.Add(caseOpened
            ? "I have alerted a counsellor of hotline 111. They may write to you here."
            : "I am a computer program, so I cannot call anyone myself; an adult you trust and 111 can help.");
        return string.Join("\n\n", parts);
    }

    public override string SafetyFollowUp(bool toChild, string? reportingCitation) => toChild
        ? "I am still here with you. You do not need anyone's permission: you can call 111 any time, free, day and night, "
          + "and tell an adult you trust (a parent, a teacher, a relative). If you have no phone, ask a teacher, a neighbour or "
          + "an adult you trust to call for you. If you are in danger right now, go where there are people and call 113 (or "
          + "115 if you are hurt).\n\n"
          + "Telling is the right thing to do, and what happened is not your fault. The people at 111 listen, give advice and "
          + "tell those who can protect you; you can ask them what will happen next. If you do not want to say more now, "
          + "that is all right: whenever you are ready, 111 and I are still here."
        : "Do not wait: report it now to hotline 111 (free, 24/7), the police or the commune People's Committee where it "
          + "happens. "
          + (reportingCitation is null
              ? string.Empty
              : $"Anyone who finds that a child is abused or at risk of abuse must report it at once ({reportingCitation}). ")
          + "You do not need firm proof; checking it is the authorities' job. Do not confront the person you suspect or press "
          + "the child with questions: that can put the child in more danger. If the child is in danger right now, call 113 "
          + "(police) or 115 (ambulance).";

    public override string SafetyFollowUpAgain(bool toChild) => toChild
        ? "I am still here. You can call 111 any time, free, or ask an adult you trust to call for you; if you are in danger, "
          + "call 113. Write to me whenever you want to tell or ask more."
        : "Report it now to hotline 111 (free, 24/7), the police or the commune People's Committee; if the child is in "
          + "danger, call 113 or 115. With no phone, ask someone nearby to call for you, or go straight to the nearest police "
          + "station or commune People's Committee.";

    public override string SafetyReminder =>
        "About what you told me: if you have not reported it yet, call 111 now (free, 24/7); if the child is in danger, "
        + "call 113 or 115. Your new question is answered below.";

    public override string CallAction(string number) => $"Call {number}";
    public override string ChoiceConnectCounsellor => "Connect me with a counsellor";
    public override string ChoiceSafeNow => "I am safe now";
    public override string ChoiceAskMore(Reporter reporter) => "I want to ask more";

    public override string ConcernLine(Audience? role) => role == Audience.Child
        ? "If something makes you sad or scared, you can tell me, or call 111. It is free, day and night."
        : "If a child is not safe, you can call 111 (free, 24/7) for advice.";

    public override string CounsellorNotConnected(Audience? role) => role == Audience.Child
        ? "I cannot connect you to a person from here yet. Please call 111: it is free, day and night, and a counsellor "
          + "will listen to you. If you are in danger right now, call 113 or 115."
        : "I cannot connect you to a counsellor from here yet. Call 111 (free, 24/7) to talk to one. In danger right now: "
          + "call 113 or 115.";

    public override string SafeNowReply =>
        "I am glad you are safe. Whenever you need, 111 always answers, and it is free. You can keep writing to me if you want.";

    public override string AskMoreReply(Audience? role) => role == Audience.Child
        ? "Go ahead and ask. I will answer in simple words."
        : "Go ahead and ask.";
}
