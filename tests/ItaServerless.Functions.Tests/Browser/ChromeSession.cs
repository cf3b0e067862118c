// SPDX-License-Identifier: MIT
using ItaServerless.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// Debian's headless Chromium driven by its chromedriver (never a downloaded browser), with a fresh
/// profile, no network side traffic, and helpers to wait, run script and save screenshots.
/// </summary>
public sealed class ChromeSession : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";
    public const int DesktopWidth = 1280;
    public const int DesktopHeight = 900;
    public const int PhoneWidth = 390;
    public const int PhoneHeight = 844;

    private readonly string profile = Path.Combine(Path.GetTempPath(), "ita-chrome-" + Guid.NewGuid().ToString("N")[..10]);

    public ChromeSession()
    {
        // Selenium Manager must not look for (or fetch) a browser: the paths are given.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        Directory.CreateDirectory(profile);
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--window-size={DesktopWidth},{DesktopHeight}", $"--user-data-dir={profile}", "--lang=th-TH");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(10);
    }

    public ChromeDriver Driver { get; }

    /// <summary>Where screenshots go: TestResults/screenshots at the root of the checkout.</summary>
    public static string ScreenshotFolder => Path.Combine(RepoPaths.RepoRoot, "TestResults", "screenshots");

    public IWebElement WaitFor(string css, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? TimeSpan.FromSeconds(10)) { Message = $"waiting for {css}" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(d => d.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed))!;
        }
        catch (WebDriverTimeoutException e)
        {
            throw new WebDriverTimeoutException($"{e.Message}{ShownErrors()}", e);
        }
    }

    /// <summary>The error boxes on the page, so that a timed-out wait says what the form showed instead.</summary>
    private string ShownErrors()
    {
        try
        {
            var shown = Driver.FindElements(By.CssSelector(".error-summary")).Select(e => e.Text).Where(t => t.Length > 0).ToArray();
            return shown.Length == 0 ? "" : " — the page shows: " + string.Join(" | ", shown);
        }
        catch (WebDriverException)
        {
            return "";
        }
    }

    public void WaitUntil(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new WebDriverWait(Driver, timeout ?? TimeSpan.FromSeconds(10)) { Message = what };
        // The form re-renders parts of the page: an element found a moment ago may be replaced or not there yet.
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException), typeof(InvalidOperationException));
        try
        {
            wait.Until(_ => condition());
        }
        catch (WebDriverTimeoutException e)
        {
            throw new WebDriverTimeoutException($"{e.Message}{ShownErrors()}", e);
        }
    }

    public T Script<T>(string script, params object[] args) => (T)Driver.ExecuteScript(script, args)!;

    /// <summary>Opens a URL with a clean sessionStorage (signed out), at desktop width.</summary>
    public void Open(string url)
    {
        UseWidth(DesktopWidth);
        Driver.Navigate().GoToUrl("about:blank");
        Driver.Navigate().GoToUrl(url);
        Driver.ExecuteScript("sessionStorage.clear();");
        Driver.Navigate().Refresh();
    }

    /// <summary>Emulates a viewport width (390 = phone, 1280 = desktop).</summary>
    public void UseWidth(int width)
    {
        Width = width;
        if (width == DesktopWidth)
        {
            Driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
            return;
        }
        Emulate(width, PhoneHeight);
    }

    /// <summary>The emulated viewport width (1280 = the real window).</summary>
    public int Width { get; private set; } = DesktopWidth;

    private void Emulate(int width, long height) =>
        Driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = width < 700,
        });

    /// <summary>The page's width beyond the viewport (0 = no horizontal scrolling).</summary>
    public long HorizontalOverflow() =>
        Script<long>("return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);");

    /// <summary>
    /// Saves the whole page as TestResults/screenshots/{name}.png (the viewport is stretched to the
    /// page's height for the shot, so sticky bars sit where they end up); returns the path.
    /// </summary>
    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var height = Math.Min(Script<long>("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);"), 8000);
        // A page taller than the shot is shown from its top (where the summaries are), not from where the test scrolled.
        Driver.ExecuteScript("window.scrollTo(0, 0);");
        Emulate(Width, height);
        object? result;
        try
        {
            result = Driver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?> { ["format"] = "png" });
        }
        finally
        {
            UseWidth(Width);
        }
        var data = result is IDictionary<string, object> d ? (string)d["data"] : throw new InvalidOperationException("no screenshot data");
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        File.WriteAllBytes(path, Convert.FromBase64String(data));
        return path;
    }

    public void Dispose()
    {
        try { Driver.Quit(); } catch (WebDriverException) { }
        Driver.Dispose();
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
