// SPDX-License-Identifier: MIT
using OpenQA.Selenium;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>A &lt;select&gt; as a user uses it (Selenium.Support's SelectElement is not referenced).</summary>
public sealed class SelectElement(IWebElement select)
{
    public IReadOnlyList<IWebElement> Options => select.FindElements(By.TagName("option"));

    public IWebElement SelectedOption => Options.First(o => o.Selected);

    public void SelectByValue(string value) => Options.First(o => o.GetAttribute("value") == value).Click();

    public void SelectByText(string text) => Options.First(o => o.Text.Trim() == text).Click();
}
