using System.Diagnostics;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace ActionMonth.Bot.Tests.Browser;

/// <summary>
/// The chat page in real headless Chromium against the real host on a loopback port: Web Chat 4.18.1 from the build,
/// our Direct Line, the bot and the knowledge engine. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatBrowserTests(ITestOutputHelper output)
{
    private const string QuickExitUrl = "https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt";
    // Generous: on a loaded 2-core CI machine Chromium alone takes seconds to run Web Chat's bundle. Only a failure waits this long.
    private static readonly TimeSpan Reply = TimeSpan.FromSeconds(45);

    private static readonly By Activity = By.CssSelector("article.webchat__basic-transcript__activity");
    private static readonly By BotBubble = By.CssSelector(".webchat__bubble:not(.webchat__bubble--from-user)");
    private static readonly By SuggestedAction = By.CssSelector(".webchat__suggested-action");
    private static readonly By SendBox = By.CssSelector("[data-id='webchat-sendbox-input']");

    [BrowserFact]
    public async Task On_a_phone_a_parent_is_welcomed_chooses_a_role_asks_without_diacritics_gets_a_cited_answer_discloses_and_exits()
    {
        await using var host = KestrelBotHost.Start(new Dictionary<string, string?>
        {
            ["WebChat:QuickExitUrl"] = QuickExitUrl,
            ["WebChat:PollingIntervalMs"] = "300",
        });
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        using var browser = new ChromiumBrowser(390, 844, phone: true);
        var driver = browser.Driver;

        // Open the page: the welcome arrives with the role choices.
        var opened = Stopwatch.StartNew();
        driver.Navigate().GoToUrl(host.BaseAddress);
        Assert.Equal("vi", driver.FindElement(By.TagName("html")).GetAttribute("lang"));
        browser.WaitFor(Activity, Reply, e => e.Text.Contains("Xin chào! Mình là trợ lý", StringComparison.Ordinal), "the welcome");
        var firstReply = opened.ElapsedMilliseconds;
        output.WriteLine($"Page opened to welcome shown: {firstReply} ms");
        foreach (var line in host.Logs.Lines.Where(l => l.Contains("started in", StringComparison.Ordinal))) output.WriteLine(line);
        output.WriteLine(browser.Script<string>("""
            const nav = performance.getEntriesByType('navigation')[0];
            const lines = ['DOMContentLoaded ' + Math.round(nav.domContentLoadedEventEnd) + ' ms'];
            for (const r of performance.getEntriesByType('resource'))
              lines.push(r.name.replace(location.origin, '') + ' start ' + Math.round(r.startTime) + ' ms, took ' + Math.round(r.duration) + ' ms');
            return lines.join('\n');
            """));
        Assert.True(driver.FindElement(By.Id("quick-exit")).Displayed);
        Assert.Equal("tel:111", driver.FindElement(By.CssSelector("a.button--call")).GetAttribute("href"));
        browser.WaitFor(By.Id("urgent-help"), Reply, e => e.Enabled, "the urgent-help button enabled");
        browser.Screenshot("phone-01-welcome");

        // Choose a role with a suggested action.
        browser.WaitFor(SuggestedAction, Reply, e => e.Text.Contains("Tôi là phụ huynh", StringComparison.Ordinal)).Click();
        browser.WaitFor(Activity, Reply, e => e.Text.Contains("dành cho cha mẹ", StringComparison.Ordinal), "the role confirmation");

        // A question without diacritics: an answer with its source listed under it.
        var before = browser.All(Activity).Count;
        Type(browser, "nha nuoc co dong bao hiem y te cho tre em khong");
        var asked = Stopwatch.StartNew();
        var answer = browser.WaitFor(Activity, Reply, e => IsNewBotActivity(browser, e, before) && e.Text.Contains("Nguồn", StringComparison.Ordinal),
            "an answer with its citation");
        output.WriteLine($"Question sent to cited answer shown: {asked.ElapsedMilliseconds} ms");
        var citation = answer.FindElement(By.CssSelector(".webchat__link-definitions"));
        Assert.Matches(@"Văn bản \d+/\d{4}/[A-ZĐ\-]+, Điều \d+", citation.Text);
        Assert.DoesNotContain(browser.All(By.CssSelector(".webchat__activity-status")), s => s.Text.Contains("không gửi được", StringComparison.Ordinal));
        ScrollIntoView(browser, answer);
        browser.Screenshot("phone-02-cited-answer");

        // A source opens a short note about it in Web Chat's dialog.
        citation.FindElement(By.CssSelector(".webchat__link-definitions__list-item-box--as-button")).Click();
        var dialog = browser.WaitFor(By.CssSelector(".webchat__modal-dialog"), Reply,
            e => e.Text.Contains("Câu trả lời này dựa trên", StringComparison.Ordinal), "the citation dialog");
        browser.Screenshot("phone-03-citation-dialog");
        dialog.FindElement(By.CssSelector(".webchat__modal-dialog__close-button")).Click();

        // Click a suggested action offered under the answer: the bot answers it.
        before = browser.All(Activity).Count;
        var offered = browser.WaitFor(SuggestedAction, Reply, e => !e.Text.Contains("👍", StringComparison.Ordinal) && !e.Text.Contains("👎", StringComparison.Ordinal), "a follow-up suggestion");
        var offeredText = offered.Text;
        offered.Click();
        browser.WaitFor(Activity, Reply, e => IsNewBotActivity(browser, e, before), $"the reply to \"{offeredText}\"");

        // A disclosure: the safety card with 111 first.
        before = browser.All(Activity).Count;
        Type(browser, "chú hàng xóm sờ vào người em, em sợ lắm");
        var safety = browser.WaitFor(Activity, Reply, e => IsNewBotActivity(browser, e, before) && e.Text.Contains("111", StringComparison.Ordinal),
            "the safety reply");
        var call = browser.WaitFor(By.CssSelector(".ac-pushButton, .webchat__hero-card button, button"), Reply,
            e => e.Text.Contains("111", StringComparison.Ordinal) && IsInside(browser, e, safety), "a 111 call button");
        Assert.True(call.Displayed);
        ScrollIntoView(browser, safety);
        browser.Screenshot("phone-04-safety-card");

        // No "send failed", and the policy let everything the page needs load.
        Assert.DoesNotContain(browser.All(By.CssSelector(".webchat__activity-status")), s => s.Text.Contains("không gửi được", StringComparison.Ordinal));
        var console = browser.ConsoleMessages();
        foreach (var line in console) output.WriteLine(line);
        Assert.DoesNotContain(console, l => l.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                            || l.Contains("Refused to", StringComparison.Ordinal));

        // The privacy note opens with the keyboard-reachable summary and says what quick exit does not do.
        var privacy = driver.FindElement(By.CssSelector("details.privacy"));
        privacy.FindElement(By.TagName("summary")).Click();
        Assert.Contains("không xoá lịch sử duyệt web", privacy.Text);
        ScrollIntoView(browser, privacy);
        browser.Screenshot("phone-05-privacy-note");

        // Quick exit: what the page stored is gone and the tab is on the neutral site, not on our page.
        var conversationBefore = browser.Script<string>("return JSON.parse(sessionStorage.getItem('actionmonth.chat')).conversationId;");
        driver.FindElement(By.Id("quick-exit")).Click();
        WaitForNavigationAway(browser, host.BaseAddress);
        Assert.StartsWith("https://www.google.com/search", driver.Url, StringComparison.Ordinal);
        browser.Screenshot("phone-06-after-quick-exit");

        // Back on our origin in the same tab: nothing was kept, so a new conversation starts.
        driver.Navigate().GoToUrl(host.BaseAddress);
        browser.WaitFor(Activity, Reply, e => e.Text.Contains("Xin chào! Mình là trợ lý", StringComparison.Ordinal), "a new welcome");
        var conversationAfter = browser.Script<string>("return JSON.parse(sessionStorage.getItem('actionmonth.chat')).conversationId;");
        Assert.NotEqual(conversationBefore, conversationAfter);
        Assert.Single(browser.All(Activity));
    }

    [BrowserFact]
    public async Task A_reload_keeps_the_conversation_and_the_urgent_help_button_and_double_Escape_work_on_a_desktop()
    {
        await using var host = KestrelBotHost.Start(new Dictionary<string, string?>
        {
            ["WebChat:QuickExitUrl"] = QuickExitUrl,
            ["WebChat:PollingIntervalMs"] = "300",
        });
        await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        using var browser = new ChromiumBrowser(1280, 860);
        var driver = browser.Driver;

        driver.Navigate().GoToUrl(host.BaseAddress);
        browser.WaitFor(Activity, Reply, e => e.Text.Contains("Xin chào! Mình là trợ lý", StringComparison.Ordinal), "the welcome");
        browser.WaitFor(SuggestedAction, Reply, e => e.Text.Contains("Tôi là trẻ em", StringComparison.Ordinal)).Click();
        browser.WaitFor(Activity, Reply, e => e.Text.Contains("Chào em!", StringComparison.Ordinal), "the role confirmation");
        var count = browser.All(Activity).Count;

        // Reload: same conversation, same transcript, no second welcome.
        driver.Navigate().Refresh();
        browser.WaitFor(Activity, Reply, e => e.Text.Contains("Chào em!", StringComparison.Ordinal), "the transcript after reload");
        await Task.Delay(1000);
        Assert.Equal(count, browser.All(Activity).Count);
        Assert.Single(browser.All(Activity), e => e.Text.Contains("Xin chào! Mình là trợ lý", StringComparison.Ordinal));

        // "Tôi cần giúp đỡ ngay": the safety reply with call buttons.
        browser.WaitFor(By.Id("urgent-help"), Reply, e => e.Enabled, "the urgent-help button enabled").Click();
        var safety = browser.WaitFor(Activity, Reply, e => IsNewBotActivity(browser, e, count) && e.Text.Contains("111", StringComparison.Ordinal),
            "the safety reply to the button");
        Assert.Contains(browser.All(By.CssSelector(".webchat__bubble--from-user")), b => b.Text.Contains("Tôi cần giúp đỡ ngay", StringComparison.Ordinal));
        ScrollIntoView(browser, safety);
        browser.Screenshot("desktop-01-urgent-help");

        // Escape twice leaves at once, from wherever the focus is (here: the send box).
        driver.FindElement(SendBox).SendKeys(Keys.Escape);
        driver.FindElement(SendBox).SendKeys(Keys.Escape);
        WaitForNavigationAway(browser, host.BaseAddress);
        Assert.StartsWith("https://www.google.com/search", driver.Url, StringComparison.Ordinal);

        // The chat was replaced in the tab's history, not added to it: Back does not bring it back.
        driver.Navigate().Back();
        Assert.False(driver.Url.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal),
            $"Back returned to the chat page: {driver.Url}");
    }

    private static void Type(ChromiumBrowser browser, string text)
    {
        var input = browser.WaitFor(SendBox, Reply, e => e.Enabled, "the send box");
        input.Click();
        input.SendKeys(text);
        input.SendKeys(Keys.Enter);
    }

    private static bool IsNewBotActivity(ChromiumBrowser browser, IWebElement activity, int countBefore)
    {
        var all = browser.All(Activity);
        var index = all.ToList().FindIndex(a => a.Equals(activity));
        return index >= countBefore && activity.FindElements(BotBubble).Count > 0;
    }

    private static bool IsInside(ChromiumBrowser browser, IWebElement element, IWebElement container) =>
        browser.Script<bool>("return arguments[1].contains(arguments[0]);", element, container);

    private static void ScrollIntoView(ChromiumBrowser browser, IWebElement element) =>
        browser.Script<object?>("arguments[0].scrollIntoView({block: 'end'}); return null;", element);

    private static void WaitForNavigationAway(ChromiumBrowser browser, Uri page)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && browser.Driver.Url.StartsWith(page.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal))
            Thread.Sleep(100);
    }
}

/// <summary>Browser tests run alone, after the parallel ones, so the page's timings are not those of a machine busy
/// building indexes for other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
