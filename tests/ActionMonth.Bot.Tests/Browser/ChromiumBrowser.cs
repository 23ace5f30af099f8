using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace ActionMonth.Bot.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by Debian's chromedriver (notes-protocols §5). Offline by construction: every
/// host name but the loopback address resolves to nothing, so the page can only use what our host serves, and a
/// navigation away (the quick exit) is seen without the network.
/// </summary>
public sealed class ChromiumBrowser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverFile = "chromedriver";

    /// <param name="phone">Emulate a phone's viewport and touch (desktop windows cannot be narrower than 500 px).</param>
    public ChromiumBrowser(int width, int height, bool phone = false)
    {
        if (MissingReason() is { } missing) throw new InvalidOperationException(missing);
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        if (phone)
        {
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
            {
                Width = width,
                Height = height,
                PixelRatio = 2,
                EnableTouchEvents = true,
                UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36",
            });
        }
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
            phone ? "--window-size=800,1000" : $"--window-size={width},{height}",
            "--lang=vi-VN", "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(180));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(120);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Why the browser tests cannot run here, or null when Chromium and chromedriver are installed.</summary>
    public static string? MissingReason()
    {
        if (!File.Exists(ChromiumPath)) return $"Chromium is not installed ({ChromiumPath}); apt-get install chromium chromium-driver";
        if (!File.Exists(Path.Combine(DriverDirectory, DriverFile)))
            return $"chromedriver is not installed ({DriverDirectory}/{DriverFile}); apt-get install chromium-driver";
        return null;
    }

    /// <summary>Waits for a displayed element matching <paramref name="where"/>; on timeout saves a screenshot named
    /// after what was awaited, so a failure can be seen.</summary>
    public IWebElement WaitFor(By by, TimeSpan timeout, Func<IWebElement, bool>? where = null, string? what = null)
    {
        var wait = new WebDriverWait(Driver, timeout) { Message = $"waiting for {what ?? by.ToString()}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        try
        {
            return wait.Until(d => d.FindElements(by).FirstOrDefault(e => e.Displayed && (where?.Invoke(e) ?? true)));
        }
        catch (WebDriverTimeoutException)
        {
            var name = "failed-waiting-for-" + string.Concat((what ?? "element").Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            Screenshot(name);
            File.WriteAllLines(Path.Combine(ScreenshotDirectory, name + ".console.txt"), ConsoleMessages());
            throw;
        }
    }

    public ReadOnlyCollection<IWebElement> All(By by) => Driver.FindElements(by);

    public T Script<T>(string script, params object[] args) => (T)((IJavaScriptExecutor)Driver).ExecuteScript(script, args)!;

    /// <summary>Console messages so far (Chromium reports CSP violations there).</summary>
    public IReadOnlyList<string> ConsoleMessages() => Driver.Manage().Logs.GetLog(LogType.Browser).Select(e => $"{e.Level}: {e.Message}").ToList();

    public void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotDirectory, name + ".png"));
    }

    /// <summary>TestResults/screenshots at the repository root (git-ignored), or ACTIONMONTH_SCREENSHOTS.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("ACTIONMONTH_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Infrastructure.RepositoryPaths.Root, "TestResults", "screenshots");

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}

/// <summary>A browser test: skipped with the reason when Chromium or chromedriver is missing, unless
/// ACTIONMONTH_REQUIRE_BROWSER=1 (set by .ci/run), when it runs and fails loudly instead.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ACTIONMONTH_REQUIRE_BROWSER") == "1") return;
        if (ChromiumBrowser.MissingReason() is { } reason) Skip = reason + " (set ACTIONMONTH_REQUIRE_BROWSER=1 to fail instead)";
    }
}
