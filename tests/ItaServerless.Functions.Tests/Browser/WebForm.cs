// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.Testing;
using OpenQA.Selenium;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>Where the web form lives: served by the app at /api/app/, its source in the checkout.</summary>
public static class WebForm
{
    public const string BasePath = "/api/app";

    public static string SourceFolder => Path.Combine(RepoPaths.RepoRoot, "functions", "ItaServerless.Functions", "wwwroot");
}

/// <summary>
/// The form as a user works it: find inputs by their visible label, type, choose, click; wait for
/// a screen to finish loading (main loses aria-busy) instead of sleeping.
/// </summary>
public sealed class FormPage(BrowserApp app, ChromeSession chrome)
{
    public IWebDriver Driver => chrome.Driver;

    public ChromeSession Chrome => chrome;

    /// <summary>Opens a route signed in as <paramref name="org"/> (the session the sign-in screen writes) and waits for it.</summary>
    public void OpenSignedIn(SeededOrg org, string route, string screen, string? token = null, string role = "editor", string? unit = null)
    {
        chrome.Open(app.FormUrl());
        var session = JsonSerializer.Serialize(new { org = org.Id, token = token ?? org.EditorToken, orgName = org.Name, role, unit });
        chrome.Driver.ExecuteScript("sessionStorage.setItem('ita.session', arguments[0]);", session);
        Go(route, screen);
    }

    /// <summary>Follows a hash route ("measures?year=2569") and waits until its screen has rendered.</summary>
    public void Go(string route, string screen)
    {
        Driver.Navigate().GoToUrl(app.FormUrl("#/" + route));
        WaitForScreen(screen);
    }

    public void WaitForScreen(string screen)
    {
        chrome.WaitFor($".screen[data-screen='{screen}'] h1");
        chrome.WaitUntil(() => Driver.FindElement(By.Id("main")).GetAttribute("aria-busy") is null, $"{screen} loaded");
    }

    /// <summary>The control a visible label names ("ชื่อหน่วยงาน"; the required mark is ignored).</summary>
    public IWebElement ByLabel(string labelText, ISearchContext? scope = null)
    {
        // One XPath query (not one round trip per label on the page); a required label ends in " *".
        var label = (scope ?? Driver.FindElement(By.TagName("main")))
            .FindElement(By.XPath($".//label[normalize-space(.)='{labelText}' or normalize-space(.)='{labelText} *']"));
        return Driver.FindElement(By.Id(label.GetAttribute("for")!));
    }

    public IWebElement Button(string text, ISearchContext? scope = null) =>
        (scope ?? Driver).FindElement(By.XPath($".//button[normalize-space(.)='{text}']"));

    /// <summary>Scrolls the element to the middle of the viewport (clear of the sticky save bar), then clicks it.</summary>
    public void Click(IWebElement element)
    {
        chrome.Driver.ExecuteScript("arguments[0].scrollIntoView({ block: 'center' });", element);
        element.Click();
    }

    /// <summary>
    /// Replaces what the control holds with <paramref name="text"/>, entered as the browser's own text
    /// input (CDP Input.insertText, as an input method or a paste does): the same input events as
    /// typing, without one WebDriver round trip per character, which made the long Thai texts slow.
    /// </summary>
    public void Type(IWebElement input, string text)
    {
        input.Clear();
        chrome.Driver.ExecuteScript("arguments[0].focus();", input);
        chrome.Driver.ExecuteCdpCommand("Input.insertText", new Dictionary<string, object?> { ["text"] = text });
    }

    /// <summary>Types into whatever has the focus (a row the form just added).</summary>
    public void TypeHere(string text) =>
        chrome.Driver.ExecuteCdpCommand("Input.insertText", new Dictionary<string, object?> { ["text"] = text });

    public void Choose(IWebElement select, string optionText) => new SelectElement(select).SelectByText(optionText);

    /// <summary>The Thai message shown next to a control (its "-err" element), or "" when none.</summary>
    public string ErrorFor(IWebElement input)
    {
        var id = input.GetAttribute("id");
        var found = Driver.FindElements(By.Id(id + "-err"));
        return found.Count == 0 ? "" : found[0].Text;
    }

    public string[] Texts(string css) => Driver.FindElements(By.CssSelector(css)).Select(e => e.Text).ToArray();

    /// <summary>Screenshots the current screen at desktop and phone width, checking that nothing scrolls sideways.</summary>
    public void ShootBothWidths(string name)
    {
        foreach (var width in new[] { ChromeSession.DesktopWidth, ChromeSession.PhoneWidth })
        {
            chrome.UseWidth(width);
            Assert.True(chrome.HorizontalOverflow() == 0, $"{name} scrolls sideways at {width}px");
            chrome.Screenshot($"{name}-{width}");
        }
        chrome.UseWidth(ChromeSession.DesktopWidth);
    }
}
