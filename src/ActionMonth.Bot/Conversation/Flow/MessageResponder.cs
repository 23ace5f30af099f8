using ActionMonth.Bot.Bots;
using ActionMonth.Bot.Conversation.Replies;
using ActionMonth.Bot.Conversation.State;
using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Bot.Observability.Instrumentation;
using ActionMonth.Bot.Resources;
using ActionMonth.Knowledge.Model;
using ActionMonth.Knowledge.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Conversation.Flow;

/// <summary>
/// Steps 3 and 4 of a message turn, after the safety gate, escalation routing and the rate limiter: notes about
/// input the bot cannot use as it is (attachments, over-long text), the welcome on a first message, then
/// commands and small talk, then follow-ups on the last article, then questions.
/// </summary>
public sealed class MessageResponder(
    CommandRecognizer commands,
    FollowUpRecognizer followUps,
    WelcomeComposer welcome,
    AnswerComposer answers,
    ArticleComposer articles,
    FeedbackRecorder feedback,
    BotStateAccessors state,
    IKnowledgeCatalog catalog,
    SafetyFollowUps safetyFollowUps,
    IOptions<BotOptions> options)
{
    // Attachments some channels add that only repeat the message text.
    private static readonly HashSet<string> TextAttachmentTypes = new(StringComparer.OrdinalIgnoreCase) { "text/plain", "text/html" };

    public async Task RespondAsync(ITurnContext<IMessageActivity> turnContext, TurnSession session, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var ui = UiText.For(session.Profile.Language);
        var replies = new List<IActivity>();
        var text = activity.Text ?? string.Empty;

        if (activity.Attachments?.Any(a => !TextAttachmentTypes.Contains(a.ContentType ?? string.Empty)) == true)
        {
            replies.Add(WelcomeComposer.Message(ui, ui.AttachmentNotSupported(session.Profile.Role)));
        }

        var limit = Math.Max(100, options.Value.MaxMessageLength);
        if (text.Length > limit)
        {
            replies.Add(WelcomeComposer.Message(ui, ui.LongMessage(limit)));
            text = FirstPart(text, limit);
        }

        var command = commands.Recognize(activity.Value, text);
        if (command.Kind == CommandKind.None && string.IsNullOrWhiteSpace(text))
        {
            await SendAsync(turnContext, replies, cancellationToken).ConfigureAwait(false);
            return;
        }

        var conversation = session.Conversation;
        if (!conversation.Welcomed && ChannelCapabilities.Welcomes(activity.ChannelId))
        {
            conversation.Welcomed = true;
            if (command.Kind is CommandKind.Start or CommandKind.Greeting)
            {
                replies.Add(welcome.Welcome(ui));
                await SendAsync(turnContext, replies, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (command.Kind is not (CommandKind.Restart or CommandKind.ChooseRole or CommandKind.Language))
                replies.Add(welcome.Brief(ui));
        }

        replies.AddRange(await HandleAsync(turnContext, session, command, text, cancellationToken).ConfigureAwait(false));
        await SendAsync(turnContext, replies, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<IActivity>> HandleAsync(ITurnContext turnContext, TurnSession session, UserCommand command,
        string text, CancellationToken cancellationToken)
    {
        var profile = session.Profile;
        var ui = UiText.For(profile.Language);
        // Small talk speaks to whom the bot has been speaking: without a chosen role, a child just answered as a child.
        var addressed = profile.Role ?? (session.Conversation.AfterSafety is { ToChild: true } ? Audience.Child : null);
        switch (command.Kind)
        {
            case CommandKind.Start:
                return [welcome.Welcome(ui)];
            case CommandKind.Help:
                return [welcome.Help(profile.Role, ui)];
            case CommandKind.Hotlines:
                return [welcome.Hotlines(ui)];
            case CommandKind.Restart:
                await state.ResetConversationAsync(turnContext, session, cancellationToken).ConfigureAwait(false);
                session.Conversation.Welcomed = true;
                // A fresh start on a shared device: the role goes too (the language is how the user reads, and stays).
                profile.Role = null;
                return [WelcomeComposer.Message(ui, ui.RestartDone), welcome.Welcome(ui)];
            case CommandKind.ChangeRole:
                return [welcome.RoleQuestion(ui)];
            case CommandKind.ChooseRole:
                profile.Role = command.Role;
                return [welcome.RoleConfirmed(command.Role!.Value, ui)];
            case CommandKind.Language:
                profile.Language = command.Language!;
                ui = UiText.For(profile.Language);
                return [WelcomeComposer.Message(ui, ui.LanguageChosen)];
            case CommandKind.Greeting:
                return [WelcomeComposer.Message(ui, ui.Greeting(addressed))];
            case CommandKind.Thanks:
                return [WelcomeComposer.Message(ui, ui.Thanks(addressed))];
            case CommandKind.AboutBot:
                return [WelcomeComposer.Message(ui, ui.AboutBot(profile.Role))];
            case CommandKind.Acknowledge:
                // "ok", "không sao đâu", "không có gì" right after a child's disclosure may be the child backing away: the
                // child's follow-up (the door stays open, 111) says more than "ừ".
                var acknowledged = new ComposedReply([WelcomeComposer.Message(ui, ui.Acknowledged(addressed))]);
                return session.Conversation.AfterSafety is { ToChild: true }
                    ? Remember(session, safetyFollowUps.Apply(session.Conversation, acknowledged, ui))
                    : acknowledged.Activities;
            case CommandKind.Feedback:
                var recorded = await feedback.RecordAsync(turnContext, session, command, "button", cancellationToken).ConfigureAwait(false);
                return [WelcomeComposer.Message(ui, recorded ? ui.FeedbackThanks(command.Vote > 0) : ui.FeedbackNothingToRate)];
            case CommandKind.FullText:
                return FullText(session, command, ui);
            case CommandKind.ConnectCounsellor:
                // An open case would have taken this message at step 2; without one we cannot connect anyone here.
                return [WelcomeComposer.Message(ui, ui.CounsellorNotConnected(profile.Role))];
            case CommandKind.SafeNow:
                return [WelcomeComposer.Message(ui, ui.SafeNowReply)];
            case CommandKind.AskMore:
                return [WelcomeComposer.Message(ui, ui.AskMoreReply(profile.Role))];
            default:
                if (WordlessMessage.IsWordless(text))
                    return [WelcomeComposer.Message(ui, ui.Wordless(addressed, WordlessMessage.LooksSad(text)))];
                var answer = safetyFollowUps.Apply(session.Conversation, Question(session, text, ui), ui, text);
                TurnTelemetry.Of(turnContext)?.Answered(answer.Answer?.Confidence);
                return Remember(session, answer);
        }
    }

    private IReadOnlyList<IActivity> FullText(TurnSession session, UserCommand command, UiText ui)
    {
        var last = session.Conversation.LastArticle;
        var doc = command.Doc ?? last?.Doc;
        var article = command.Article ?? last?.Article;
        if (doc is null || article is null) return [WelcomeComposer.Message(ui, ui.NoEarlierArticle)];
        return Remember(session, articles.FullText(doc, article.Value, ui));
    }

    private ComposedReply Question(TurnSession session, string text, UiText ui)
    {
        var role = session.Profile.Role;
        var conversation = session.Conversation;
        var followUp = followUps.Recognize(text);
        if (followUp.Kind == FollowUpKind.None) return answers.Answer(text, role, ui);

        if (conversation.LastArticle is not { } last)
        {
            // "điều 27 thì sao?" with nothing before it: let the engine try it as a question of its own.
            return followUp.Kind is FollowUpKind.Clause or FollowUpKind.Elaborate or FollowUpKind.Summary or FollowUpKind.Example
                ? new ComposedReply([WelcomeComposer.Message(ui, ui.NoEarlierArticle)])
                : answers.Answer(text, role, ui);
        }

        switch (followUp.Kind)
        {
            case FollowUpKind.Clause:
                return articles.Clause(last, followUp.Clause!.Value, ui);
            case FollowUpKind.Article:
                return answers.AboutArticle(last.Doc, followUp.Article!.Value, followUp.Clause, role, ui);
            case FollowUpKind.Elaborate:
                return articles.Explain(last, conversation.LastArticleExplained, ui);
            case FollowUpKind.Summary:
                return articles.NoSummary(last, ui);
            case FollowUpKind.Example:
                return answers.Examples(last, role, ui);
            default:
                var title = catalog.GetOfficialArticle(last.Doc, last.Article)?.Title
                            ?? catalog.GetGuideEntry(last.Doc, last.Article)?.Title
                            ?? ui.ArticleName(last.Article);
                var query = FollowUpRecognizer.Contextualise(text, followUp.Anaphor!, title, catalog.ShortName(last.Doc));
                var reply = answers.Answer(query, role, ui);
                // "điều đó áp dụng cho ai" often lands on the article just explained: the official words of the clause
                // that matched say more than the same explanation again.
                if (reply.Article is { } found && conversation.LastArticleExplained
                    && found.Article == last.Article && found.Doc == last.Doc && reply.Answer?.Kind == "guide")
                    return found.Clause is { } clause ? articles.Clause(last, clause, ui) : articles.Explain(last, alreadyExplained: true, ui);
                return reply;
        }
    }

    private static IReadOnlyList<IActivity> Remember(TurnSession session, ComposedReply reply)
    {
        var conversation = session.Conversation;
        if (reply.Answer is not null) conversation.LastAnswer = reply.Answer;
        if (reply.Article is not null)
        {
            var sameArticle = conversation.LastArticle is { } previous && previous.Doc == reply.Article.Doc
                                                                       && previous.Article == reply.Article.Article;
            conversation.LastArticleExplained = reply.ArticleExplained || (sameArticle && conversation.LastArticleExplained);
            conversation.LastArticle = reply.Article;
        }
        return reply.Activities;
    }

    private static Task SendAsync(ITurnContext turnContext, List<IActivity> replies, CancellationToken cancellationToken) =>
        replies.Count == 0 ? Task.CompletedTask : turnContext.SendActivitiesAsync(replies.ToArray(), cancellationToken);

    /// <summary>The first <paramref name="limit"/> characters, cut at a word boundary when one is near.</summary>
    public static string FirstPart(string text, int limit)
    {
        if (text.Length <= limit) return text;
        var cut = text.LastIndexOfAny([' ', '\n', '\t'], limit - 1);
        if (cut < limit / 2) cut = limit;
        // Never split a surrogate pair.
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut].TrimEnd();
    }
}
