// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ItaServerless.Testing;
using OpenQA.Selenium;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// The web form against the real API on Azurite, filled like a user: no canned routes.
/// TODO(lead): remove each Skip once the routes it names exist.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class WebFormEndToEndTests : IDisposable
{
    private const string NeedsApi = "needs API: POST /api/orgs, GET/PUT /api/orgs/{org}, units, tokens/current (or GET tokens), measures, progress and rounds/{round}/summary (issue 5)";
    private readonly BrowserApp app;
    private readonly ChromeSession chrome = new();

    public WebFormEndToEndTests(AzuriteFixture azurite) => app = new BrowserApp(azurite.ConnectionString);

    private IWebDriver Driver => chrome.Driver;

    public void Dispose()
    {
        chrome.Dispose();
        app.Dispose();
    }

    private void Click(IWebElement element)
    {
        chrome.Driver.ExecuteScript("arguments[0].scrollIntoView({ block: 'center' });", element);
        element.Click();
    }

    private IWebElement ByLabel(string labelText, ISearchContext? scope = null)
    {
        var label = (scope ?? Driver).FindElements(By.TagName("label")).First(l => l.Text.Replace(" *", "").Trim() == labelText);
        return Driver.FindElement(By.Id(label.GetAttribute("for")!));
    }

    private static void Type(IWebElement input, string text)
    {
        input.Clear();
        input.SendKeys(text);
    }

    private void WaitForScreen(string screen)
    {
        chrome.WaitFor($".screen[data-screen='{screen}'] h1");
        chrome.WaitUntil(() => Driver.FindElement(By.Id("main")).GetAttribute("aria-busy") is null, $"{screen} loaded");
    }

    [Fact(Skip = "needs the app to serve wwwroot at /api/app/ and redirect / there (lead: Hosting), then drop WebForm.Serve from the test host")]
    public async Task The_app_itself_redirects_root_to_the_form_and_serves_it()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/api/app/", root.Headers.Location?.OriginalString);
        var js = await client.GetAsync("/api/app/js/main.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        var source = await client.GetAsync("/api/source");
        Assert.True(source.IsSuccessStatusCode || source.StatusCode == HttpStatusCode.Redirect);
    }

    [Fact(Skip = NeedsApi)]
    public async Task A_planning_officer_sets_up_enters_measures_and_progress_and_reads_the_summary_back_from_the_API()
    {
        var org = AzuriteFixture.UniqueName("e2e-");
        // 1. the admin creates the organization; the editor token is shown once
        chrome.Open(app.FormUrl("#/signin"));
        WaitForScreen("signin");
        Click(Driver.FindElement(By.CssSelector("details.admin > summary")));
        Type(ByLabel("คีย์ผู้ดูแลระบบ"), BrowserApp.AdminKey);
        Type(ByLabel("รหัสหน่วยงาน (ภาษาอังกฤษ)"), org);
        Type(ByLabel("ชื่อหน่วยงาน"), "เทศบาลตำบลคึกคัก");
        new SelectElement(ByLabel("ประเภท")).SelectByValue("เทศบาลตำบล");
        Type(ByLabel("จังหวัด"), "พังงา");
        Type(ByLabel("เลขที่หนังสือ (คำนำหน้า)"), "พง ๕๒๔๐๑");
        Click(Driver.FindElement(By.XPath("//button[.='สร้างหน่วยงาน']")));
        var token = chrome.WaitFor("#new-editor-token").GetAttribute("value")!;
        Assert.StartsWith("ita.", token);
        chrome.Screenshot("e2e-01-token-1280");
        Click(Driver.FindElement(By.XPath("//button[.='เข้าสู่ระบบด้วยโทเคนนี้']")));
        WaitForScreen("org");

        // 2. two divisions
        foreach (var (id, name) in new[] { ("office", "สำนักปลัด"), ("finance", "กองคลัง") })
        {
            Click(Driver.FindElement(By.XPath("//button[.='เพิ่มส่วนราชการ']")));
            var card = Driver.FindElements(By.CssSelector("#org-units form.item")).Last();
            Type(card.FindElement(By.CssSelector("[data-field='id']")), id);
            Type(card.FindElement(By.CssSelector("[data-field='name']")), name);
            Click(card.FindElement(By.XPath(".//button[.='บันทึก']")));
            chrome.WaitUntil(() => card.FindElements(By.CssSelector(".notice.ok")).Count == 1, $"unit {id} saved");
        }
        chrome.Screenshot("e2e-02-org-1280");

        // 3. two measures of 2569
        CreateMeasure("มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างมีคุณธรรม", indicator: "1. การปฏิบัติหน้าที่", unit: "สำนักปลัด", budget: "20000", wholeYear: false);
        CreateMeasure("มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", indicator: "9. การเปิดเผยข้อมูล", unit: "ทุกส่วนราชการ", budget: "0", wholeYear: true);
        Assert.Equal(2, Driver.FindElements(By.CssSelector("table.measures tbody tr")).Count);
        chrome.Screenshot("e2e-03-measures-1280");

        // 4. progress of the first measure in the 6-month round; the second stays waiting
        Driver.Navigate().GoToUrl(app.FormUrl("#/progress?year=2569&round=6m&plan=ita"));
        WaitForScreen("progress");
        var first = chrome.WaitFor(".progress-card");
        new SelectElement(ByLabel("สถานะ", first)).SelectByText("ดำเนินการแล้วเสร็จ");
        Type(ByLabel("ผลการดำเนินการ", first), "จัดอบรมบุคลากร ๑ ครั้ง");
        Type(ByLabel("เบิกจ่าย (บาท) — งบประมาณ 20,000.00 บาท", first), "12,000.50");
        Click(first.FindElement(By.XPath(".//button[.='บันทึกผล']")));
        chrome.WaitUntil(() => first.FindElement(By.CssSelector("summary .badge")).Text == "ดำเนินการแล้วเสร็จ", "progress saved");
        chrome.Screenshot("e2e-04-progress-1280");

        // 5. the same summary from the API
        using var client = new HttpClient { BaseAddress = app.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var summary = JsonNode.Parse(await client.GetStringAsync($"/api/orgs/{org}/years/2569/rounds/6m/summary?plan=ita"))!;
        Assert.Equal(2, (int)summary["total"]!);
        Assert.Equal(1, (int)summary["waiting"]!);
        Assert.Equal(1, (int)summary["done"]!);
        Assert.Equal(20000m, summary["budget"]!.GetValue<decimal>());
        Assert.Equal(12000.50m, summary["disbursed"]!.GetValue<decimal>());
        var shown = Driver.FindElement(By.CssSelector("section.round-summary")).Text;
        Assert.Contains("12,000.50", shown);
        Assert.Contains("รอรายงาน\n1", shown);
    }

    private void CreateMeasure(string title, string indicator, string unit, string budget, bool wholeYear)
    {
        Driver.Navigate().GoToUrl(app.FormUrl("#/measures?year=2569&plan=ita&new=1"));
        WaitForScreen("measures");
        Type(ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), title);
        Click(ByLabel(indicator));
        Type(Driver.FindElement(By.CssSelector("[data-field='method[0]']")), "ขั้นตอนที่หนึ่ง");
        new SelectElement(Driver.FindElement(By.CssSelector("[data-field='responsible[0]']"))).SelectByText(unit);
        if (wholeYear) Click(ByLabel("ตลอดปีงบประมาณ"));
        else
        {
            new SelectElement(ByLabel("ตั้งแต่เดือน")).SelectByText("ตุลาคม 2568");
            new SelectElement(ByLabel("ถึงเดือน")).SelectByText("มีนาคม 2569");
        }
        Type(ByLabel("งบประมาณ (บาท)"), budget);
        Click(Driver.FindElement(By.XPath("//button[.='บันทึกมาตรการ']")));
        chrome.WaitFor("table.measures");
    }
}
