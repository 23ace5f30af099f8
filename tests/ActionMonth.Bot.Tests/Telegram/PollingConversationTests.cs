using System.Text;
using System.Text.Json.Nodes;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Tests.Telegram.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace ActionMonth.Bot.Tests.Telegram;

/// <summary>The same bot over Telegram long polling: answers, buttons, commands, media, edits and groups.</summary>
[Collection(TelegramCollection.Name)]
public sealed class PollingConversationTests(TelegramHostFixture fixture) : IClassFixture<TelegramHostFixture>
{
    private const string Question = "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?";
    private TelegramTestHost Telegram => fixture.Telegram;
    private Fakes.FakeTelegramServer Api => fixture.Telegram.Api;

    [Fact]
    public async Task A_question_gets_an_answer_with_its_citation_and_inline_buttons_after_typing_and_the_update_is_confirmed()
    {
        const long chat = 4201;
        var updateId = Api.Enqueue(Api.Message(chat, chat, Question));

        var messages = await Api.WaitForMessagesAsync(chat, 2);
        var answer = messages.Last();
        // The same bot: the answer is word for word what Web Chat gets, citation line included.
        var webchat = (await Telegram.Host.Conversation().SayAsync(Question)).Last();
        Assert.Contains(webchat.Entities, e => e.Type == "actionmonth/citation");
        Assert.Equal(webchat.Text.Trim(), answer.PlainText);
        Assert.Matches(@"Theo Điều \d+", answer.PlainText);
        Assert.Equal("Html", (string?)answer.Body["parse_mode"], ignoreCase: true);

        var buttons = answer.Buttons.ToList();
        Assert.Equal(webchat.SuggestedActions.Actions.Select(a => a.Title), buttons.Select(b => (string?)b["text"]));
        Assert.All(buttons, b =>
        {
            var data = (string)b["callback_data"]!;
            Assert.StartsWith("b:", data);
            Assert.InRange(Encoding.UTF8.GetByteCount(data), 1, 64);
        });
        // 👍 and 👎 share a row; each question has a row of its own.
        Assert.Contains(answer.Keyboard, row => row.Count == 2 && (string?)row[0]["text"] == "👍" && (string?)row[1]["text"] == "👎");

        var typing = Api.Calls.First(c => c.Method == "sendChatAction" && c.ChatId == chat);
        Assert.Equal("typing", (string?)typing.Body["action"]);
        Assert.True(typing.At <= messages[0].At);
        await Api.WaitForAsync(c => c.Method == "getUpdates" && (int?)c.Body["offset"] > updateId, what: "an offset confirming the update");
    }

    [Fact]
    public async Task Pressing_buttons_answers_the_callback_query_and_runs_the_button_as_a_message()
    {
        const long chat = 4202;
        Api.Enqueue(Api.Message(chat, chat, Question));
        var answer = (await Api.WaitForMessagesAsync(chat, 2)).Last();

        // A related question (imBack): its text is asked.
        var related = answer.Buttons.First(b => ((string)b["text"]!).Length > 12 && !((string)b["text"]!).StartsWith("Xem", StringComparison.Ordinal));
        var press = Api.Callback(chat, chat, (string)related["callback_data"]!, answer.MessageId!.Value);
        var queryId = (string)press["callback_query"]!["id"]!;
        Api.Enqueue(press);
        await Api.WaitForAsync(c => c.Method == "answerCallbackQuery" && (string?)c.Body["callback_query_id"] == queryId, what: "callback answered");
        var second = (await Api.WaitForMessagesAsync(chat, 1, after: 2)).Single();
        var webchat = (await Telegram.Host.Conversation().SayAsync((string)related["text"]!)).Last();
        Assert.Equal(webchat.Text.Trim(), second.PlainText);

        // 👍 (messageBack with a JSON value): the vote is stored with the answer it rates.
        var up = second.Buttons.First(b => (string?)b["text"] == "👍");
        Api.Enqueue(Api.Callback(chat, chat, (string)up["callback_data"]!, second.MessageId!.Value));
        var thanks = (await Api.WaitForMessagesAsync(chat, 1, after: 3)).Single();
        Assert.DoesNotContain("chưa có câu trả lời", thanks.PlainText);
        var feedback = await Telegram.Host.Services.GetRequiredService<IFeedbackStore>().RecentAsync(5, CancellationToken.None);
        Assert.Contains(feedback, f => f.ChannelId == "telegram" && f.Vote == 1);
    }

    [Fact]
    public async Task An_unknown_or_forged_button_is_answered_and_runs_nothing()
    {
        const long chat = 4203;
        var press = Api.Callback(chat, chat, "b:doesnotexist0000", 1);
        var queryId = (string)press["callback_query"]!["id"]!;
        Api.Enqueue(press);
        var answered = await Api.WaitForAsync(c => c.Method == "answerCallbackQuery" && (string?)c.Body["callback_query_id"] == queryId);
        Assert.Contains("111", (string?)answered.Body["text"]);

        // A real button of another chat pressed here (a forwarded message): refused the same way.
        const long other = 4213;
        Api.Enqueue(Api.Message(other, other, "/start"));
        var welcome = (await Api.WaitForMessagesAsync(other, 1)).Single();
        var stolen = Api.Callback(chat, chat, (string)welcome.Buttons.First()["callback_data"]!, welcome.MessageId!.Value);
        Api.Enqueue(stolen);
        await Api.WaitForAsync(c => c.Method == "answerCallbackQuery" && (string?)c.Body["callback_query_id"] == (string)stolen["callback_query"]!["id"]!);
        await Task.Delay(300);
        Assert.Empty(Api.Sent(chat));
    }

    [Fact]
    public async Task Start_hotline_restart_menu_and_help_work_as_commands_as_in_web_chat()
    {
        const long chat = 4204;
        Api.Enqueue(Api.Message(chat, chat, "/start"));
        var welcome = (await Api.WaitForMessagesAsync(chat, 1)).Single();
        Assert.Contains("111", welcome.PlainText);
        Assert.Equal(["Tôi là phụ huynh", "Tôi là giáo viên", "Tôi là trẻ em", "English"], welcome.Buttons.Select(b => (string)b["text"]!));

        // Choosing a role with its button.
        var parent = welcome.Buttons.First(b => ((string)b["text"]!).Contains("phụ huynh", StringComparison.OrdinalIgnoreCase));
        Api.Enqueue(Api.Callback(chat, chat, (string)parent["callback_data"]!, welcome.MessageId!.Value));
        var confirmed = (await Api.WaitForMessagesAsync(chat, 1, after: 1)).Single();
        var web = Telegram.Host.Conversation();
        await web.SayAsync("/start");
        Assert.Equal((await web.SayAsync((string)parent["text"]!)).Single().Text.Trim(), confirmed.PlainText);

        Api.Enqueue(Api.Message(chat, chat, "/hotline"));
        var hotline = (await Api.WaitForMessagesAsync(chat, 1, after: 2)).Single();
        foreach (var number in new[] { "111", "113", "114", "115" }) Assert.Contains(number, hotline.PlainText);
        Assert.Equal((await web.SayAsync("/hotline")).Single().Text.Trim(), hotline.PlainText);

        Api.Enqueue(Api.Message(chat, chat, "/restart"));
        var restarted = await Api.WaitForMessagesAsync(chat, 2, after: 3);
        Assert.Contains("111", restarted[1].PlainText);
        Assert.Equal((await web.SayAsync("/restart")).Select(a => a.Text.Trim()), restarted.Select(m => m.PlainText));

        // /menu, the menu's help entry, gets the help text, as "menu" does in Web Chat.
        Api.Enqueue(Api.Message(chat, chat, "/menu"));
        var menuHelp = (await Api.WaitForMessagesAsync(chat, 1, after: 5)).Single();
        Assert.Equal((await web.SayAsync("menu")).Single().Text.Trim(), menuHelp.PlainText);
        Assert.NotEmpty(menuHelp.Buttons);

        // /help reaches the bot exactly as Web Chat's does and gets the same reply: the detector rates a bare help a
        // concern, so a line about 111 comes first, then the menu; no case is opened.
        var webHelp = await web.SayAsync("/help");
        Assert.Equal(2, webHelp.Count);
        Api.Enqueue(Api.Message(chat, chat, "/help"));
        var help = await Api.WaitForMessagesAsync(chat, webHelp.Count, after: 6);
        Assert.Equal(webHelp.Count, help.Count);
        // The text as Web Chat shows it; a card, if any, follows it in the same Telegram message.
        for (var i = 0; i < help.Count; i++) Assert.StartsWith(webHelp[i].Text.Trim(), help[i].PlainText);
        Assert.Contains(help, m => (m.PlainText ?? "").Contains("111", StringComparison.Ordinal));
        Assert.Contains(help, m => (m.PlainText ?? "").Contains("Bạn có thể hỏi", StringComparison.Ordinal));

        // The command menu, in Vietnamese.
        var menu = await Api.WaitForAsync(c => c.Method == "setMyCommands");
        var commands = ((JsonArray)menu.Body["commands"]!).Select(c => (string)c!["command"]!).ToList();
        Assert.Equal(["start", "help", "hotline", "restart"], commands);
        Assert.Contains("111", (string)menu.Body["commands"]![2]!["description"]!);
    }

    [Fact]
    public async Task Photos_and_stickers_get_the_text_only_note_with_111_and_a_caption_is_read()
    {
        const long chat = 4205;
        Api.Enqueue(Api.Photo(chat, chat));
        var note = (await Api.WaitForMessagesAsync(chat, 1)).Single();
        Assert.Contains("111", note.PlainText);
        Assert.Contains("ảnh", note.PlainText);

        Api.Enqueue(Api.Sticker(chat, chat));
        Assert.Contains("111", (await Api.WaitForMessagesAsync(chat, 1, after: 1)).Single().PlainText);

        // A disclosure written as a photo caption is a disclosure.
        Api.Enqueue(Api.Photo(chat, chat, "chú hàng xóm sờ vào người em"));
        var replies = await Api.WaitForMessagesAsync(chat, 1, after: 2);
        await Task.Delay(500);
        Assert.Contains(Api.Sent(chat).Skip(2), m => m.PlainText!.Contains("Mình tin em", StringComparison.Ordinal));
        Assert.NotEmpty(replies);
    }

    [Fact]
    public async Task An_edited_message_is_read_again_as_what_the_user_now_means()
    {
        const long chat = 4206;
        var original = Api.Message(chat, chat, "/start");
        Api.Enqueue(original);
        await Api.WaitForMessagesAsync(chat, 1);
        var edited = (System.Text.Json.Nodes.JsonObject)original.DeepClone();
        edited["edited_message"] = edited["message"]!.DeepClone();
        edited.Remove("message");
        edited["edited_message"]!["text"] = "/hotline";
        edited["edited_message"]!["entities"]![0]!["length"] = "/hotline".Length;
        edited["edited_message"]!["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5;
        Api.Enqueue(edited);
        var hotline = (await Api.WaitForMessagesAsync(chat, 1, after: 1)).Single();
        Assert.Contains("114", hotline.PlainText);
    }

    [Fact]
    public async Task In_a_group_the_bot_answers_only_when_addressed()
    {
        const long group = -4207;
        const long user = 555;
        Api.Enqueue(Api.Message(group, user, "các bạn ơi mai họp phụ huynh nhé"));
        Api.Enqueue(Api.Message(group, user, "/hotline@SomeOtherBot"));
        var mention = Api.Message(group, user, $"@{Fakes.FakeTelegramServer.BotUsername} {Question}");
        Api.Enqueue(mention);

        var replies = await Api.WaitForMessagesAsync(group, 2);
        await Task.Delay(300);
        Assert.Equal(2, Api.Sent(group).Count);   // brief welcome + answer, nothing for the first two messages
        Assert.Matches(@"Theo Điều \d+", replies[1].PlainText);
        // The first reply quotes the user's message, so the group sees whom the bot answers.
        Assert.Equal((int)mention["message"]!["message_id"]!, (int?)replies[0].Body["reply_parameters"]?["message_id"]);

        Api.Enqueue(Api.Message(group, user, $"/hotline@{Fakes.FakeTelegramServer.BotUsername}"));
        Assert.Contains("111", (await Api.WaitForMessagesAsync(group, 1, after: 2)).Single().PlainText);

        // Replying to one of the bot's messages addresses it.
        Api.Enqueue(Api.Message(group, user, "/hotline", replyToMessageId: replies[1].MessageId, replyToFromId: Api.BotId));
        await Api.WaitForMessagesAsync(group, 1, after: 3);

        // A disclosure in the group that does not address the bot gets no public reply.
        Api.Enqueue(Api.Message(group, user, "chú hàng xóm sờ vào người em"));
        Api.Enqueue(Api.Message(group, user, $"/hotline@{Fakes.FakeTelegramServer.BotUsername}"));
        await Api.WaitForMessagesAsync(group, 1, after: 4);
        await Task.Delay(300);
        Assert.Equal(5, Api.Sent(group).Count);
    }

    [Fact]
    public async Task A_429_from_Telegram_is_retried_after_retry_after_and_the_reply_arrives()
    {
        const long chat = 4208;
        Api.Fail("sendMessage", 429, times: 1, retryAfter: 1, chatId: chat);
        Api.Enqueue(Api.Message(chat, chat, "/hotline"));
        var messages = await Api.WaitForMessagesAsync(chat, 2);
        Assert.Contains("111", messages[1].PlainText);
        var attempts = Api.Calls.Where(c => c.Method == "sendMessage" && c.ChatId == chat).ToList();
        Assert.Equal([429, 200], attempts.Take(2).Select(c => c.Status));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task In_polling_mode_there_is_no_webhook_route()
    {
        using var response = await Telegram.Host.Client.PostAsync("/api/telegram", new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(Api.Calls, c => c.Method == "deleteWebhook");
        Assert.DoesNotContain(Api.Calls, c => c.Method == "setWebhook");
    }
}
