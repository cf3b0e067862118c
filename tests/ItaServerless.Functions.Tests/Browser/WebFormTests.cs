// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// The web form in headless Chromium against canned API answers (CannedOrg): what it shows, what it
/// sends, and how it shows problems. End-to-end runs against the real API are in WebFormEndToEndTests.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class WebFormTests
{
    private readonly BrowserApp app;
    private readonly ChromeSession chrome;
    private IWebDriver Driver => chrome.Driver;

    public WebFormTests(BrowserFixture fixture)
    {
        app = fixture.App;
        chrome = fixture.Chrome;
        app.Canned.Reset();
        CannedOrg.Register(app.Canned);
    }

    /// <summary>Opens a screen signed in as the canned organization and waits until it has rendered.</summary>
    private void OpenSignedIn(string route, string screen, string role = "editor", string? unit = null)
    {
        chrome.Open(app.FormUrl());
        chrome.Driver.ExecuteScript(CannedOrg.SessionScript(role, unit));
        Driver.Navigate().GoToUrl(app.FormUrl("#/" + route));
        WaitForScreen(screen);
    }

    private void WaitForScreen(string screen)
    {
        chrome.WaitFor($".screen[data-screen='{screen}'] h1");
        chrome.WaitUntil(() => Driver.FindElement(By.Id("main")).GetAttribute("aria-busy") is null, $"{screen} loaded");
    }

    private IWebElement ByLabel(string labelText, IWebElement? scope = null)
    {
        var label = (scope ?? Driver.FindElement(By.TagName("main"))).FindElements(By.TagName("label"))
            .First(l => l.Text.Replace(" *", "").Trim() == labelText);
        return Driver.FindElement(By.Id(label.GetAttribute("for")!));
    }

    /// <summary>Scrolls the element to the middle of the viewport (clear of the sticky save bar), then clicks it.</summary>
    private void Click(IWebElement element)
    {
        chrome.Driver.ExecuteScript("arguments[0].scrollIntoView({ block: 'center' });", element);
        element.Click();
    }

    private static void Type(IWebElement input, string text)
    {
        input.Clear();
        input.SendKeys(text);
    }

    private string[] Texts(string css) => Driver.FindElements(By.CssSelector(css)).Select(e => e.Text).ToArray();

    [Fact]
    public void The_form_is_served_under_api_app_in_Thai_with_the_source_link()
    {
        chrome.Open(app.FormUrl());
        WaitForScreen("signin");
        Assert.Equal("th", Driver.FindElement(By.TagName("html")).GetAttribute("lang"));
        Assert.Contains("ระบบติดตามมาตรการ ITA", Driver.FindElement(By.CssSelector(".brand-name")).Text);
        var source = Driver.FindElement(By.CssSelector("footer a"));
        Assert.Equal("ซอร์สโค้ด (AGPL-3.0-or-later)", source.Text);
        Assert.EndsWith("/api/source", source.GetAttribute("href"));
        // Signed out, every screen leads to sign-in and the editor tabs are hidden.
        Driver.Navigate().GoToUrl(app.FormUrl("#/measures"));
        WaitForScreen("signin");
        Assert.False(Driver.FindElement(By.CssSelector("#tabs a[data-route='measures']")).Displayed);
        var font = chrome.Script<string>("return getComputedStyle(document.body).fontFamily;");
        Assert.StartsWith("Sarabun, Laksaman, \"Noto Sans Thai\"", font);
    }

    [Fact]
    public void Signing_in_checks_the_token_and_opens_the_organization()
    {
        chrome.Open(app.FormUrl("#/signin"));
        WaitForScreen("signin");
        Type(ByLabel("รหัสหน่วยงาน"), CannedOrg.Id);
        Type(ByLabel("โทเคน"), CannedOrg.Token);
        Click(Driver.FindElement(By.CssSelector("form button[type=submit]")));
        WaitForScreen("org");

        var sent = app.Canned.Sent("GET", CannedOrg.Base);
        Assert.NotEmpty(sent);
        Assert.All(sent, r => Assert.Equal("Bearer " + CannedOrg.Token, r.Header("Authorization")));
        Assert.Equal("เทศบาลตำบลคึกคัก", ByLabel("ชื่อหน่วยงาน").GetAttribute("value"));
        Assert.Equal(["สำนักปลัด", "กองคลัง"], Driver.FindElements(By.CssSelector("#org-units form.item h3")).Select(e => e.Text));
        Assert.Contains("หน่วยงาน: เทศบาลตำบลคึกคัก", Driver.FindElement(By.Id("who")).Text);
        Assert.Equal(CannedOrg.Token, chrome.Script<string>("return JSON.parse(sessionStorage.getItem('ita.session')).token;"));
    }

    [Fact]
    public void A_wrong_token_is_explained_in_Thai_and_what_was_typed_stays()
    {
        app.Canned.On("GET", CannedOrg.Base, 401, new { title = "A valid token or key is required.", titleTh = "ต้องใช้โทเคนหรือคีย์ที่ถูกต้อง", status = 401 });
        chrome.Open(app.FormUrl("#/signin"));
        WaitForScreen("signin");
        Type(ByLabel("รหัสหน่วยงาน"), CannedOrg.Id);
        Type(ByLabel("โทเคน"), "ita.wrong.token");
        Click(Driver.FindElement(By.CssSelector("form button[type=submit]")));
        var summary = chrome.WaitFor(".error-summary");
        Assert.Contains("รหัสหน่วยงานหรือโทเคนไม่ถูกต้อง", summary.Text);
        Assert.Equal("true", ByLabel("โทเคน").GetAttribute("aria-invalid"));
        Assert.Equal("ita.wrong.token", ByLabel("โทเคน").GetAttribute("value"));
        Assert.Equal(CannedOrg.Id, ByLabel("รหัสหน่วยงาน").GetAttribute("value"));
        Assert.Null(chrome.Script<object?>("return sessionStorage.getItem('ita.session');"));
    }

    [Fact]
    public void The_admin_creates_an_organization_and_sees_the_editor_token_once()
    {
        app.Canned.On("POST", "/api/orgs", 201, new { id = "new-town", name = "เทศบาลเมืองใหม่", kind = "เทศบาลเมือง", editorToken = "ita.ed1.once-only-secret" });
        chrome.Open(app.FormUrl("#/signin"));
        WaitForScreen("signin");
        Click(Driver.FindElement(By.CssSelector("details.admin > summary")));
        Type(ByLabel("คีย์ผู้ดูแลระบบ"), "the-admin-key");
        Type(ByLabel("รหัสหน่วยงาน (ภาษาอังกฤษ)"), "new-town");
        Type(ByLabel("ชื่อหน่วยงาน"), "เทศบาลเมืองใหม่");
        new SelectElement(ByLabel("ประเภท")).SelectByValue("เทศบาลเมือง");
        Type(ByLabel("เลขที่หนังสือ (คำนำหน้า)"), "พง ๕๒๔๐๑");
        Click(Driver.FindElement(By.XPath("//button[.='สร้างหน่วยงาน']")));

        var once = chrome.WaitFor(".once");
        Assert.Contains("แสดงเพียงครั้งเดียว", once.Text);
        Assert.Equal("ita.ed1.once-only-secret", Driver.FindElement(By.Id("new-editor-token")).GetAttribute("value"));
        Assert.NotNull(once.FindElement(By.XPath(".//button[.='คัดลอกโทเคน']")));
        chrome.Screenshot("signin-admin-token-1280");

        var post = app.Canned.Sent("POST", "/api/orgs").Single();
        Assert.Equal("the-admin-key", post.Header("x-functions-key"));
        Assert.Null(post.Header("Authorization"));
        var body = post.Json!.AsObject();
        Assert.Equal("new-town", (string?)body["id"]);
        Assert.Equal("เทศบาลเมือง", (string?)body["kind"]);
        Assert.Equal("พง ๕๒๔๐๑", (string?)body["documentPrefix"]);
        Assert.False(body.ContainsKey("website"));

        Click(once.FindElement(By.XPath(".//button[.='เข้าสู่ระบบด้วยโทเคนนี้']")));
        chrome.WaitUntil(() => Driver.Url.EndsWith("#/org", StringComparison.Ordinal), "signed in with the new token");
        Assert.Equal("ita.ed1.once-only-secret", chrome.Script<string>("return JSON.parse(sessionStorage.getItem('ita.session')).token;"));
    }

    [Fact]
    public void The_period_month_pickers_offer_exactly_the_months_of_the_fiscal_year_in_Thai()
    {
        OpenSignedIn("measures?year=2570&plan=ita&new=1", "measures");
        var from = new SelectElement(ByLabel("ตั้งแต่เดือน"));
        var to = new SelectElement(ByLabel("ถึงเดือน"));
        string[] values = ["2569-10", "2569-11", "2569-12", "2570-01", "2570-02", "2570-03", "2570-04", "2570-05", "2570-06", "2570-07", "2570-08", "2570-09"];
        Assert.Equal(values, from.Options.Select(o => o.GetAttribute("value")));
        Assert.Equal(values, to.Options.Select(o => o.GetAttribute("value")));
        Assert.Equal("ตุลาคม 2569", from.Options[0].Text);
        Assert.Equal("กันยายน 2570", to.Options[11].Text);
        Assert.Equal("2569-10", from.SelectedOption.GetAttribute("value"));
        Assert.Equal("2570-09", to.SelectedOption.GetAttribute("value"));

        Click(ByLabel("ตลอดปีงบประมาณ"));
        Assert.False(ByLabel("ตั้งแต่เดือน").Enabled);
        Assert.False(ByLabel("ถึงเดือน").Enabled);
        Click(ByLabel("ตลอดปีงบประมาณ"));
        Assert.True(ByLabel("ถึงเดือน").Enabled);
        // kind and dimension only for the anti-corruption plan
        Assert.False(Driver.FindElement(By.CssSelector(".ac-only")).Displayed);
        new SelectElement(ByLabel("แผน")).SelectByValue("anticorruption");
        Assert.True(Driver.FindElement(By.CssSelector(".ac-only")).Displayed);
        Assert.Equal(5, new SelectElement(ByLabel("มิติ")).Options.Count);
    }

    [Fact]
    public void Method_steps_and_responsible_units_are_lists_that_can_be_added_reordered_and_removed()
    {
        app.Canned.On("POST", CannedOrg.Measures, 201, new { id = "m3", number = 3, title = "x" }, "\"m3-v1\"");
        OpenSignedIn("measures?year=2570&plan=ita&new=1", "measures");
        Type(ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "มาตรการทดสอบ");
        Click(ByLabel("2. การใช้งบประมาณ"));
        Click(ByLabel("9. การเปิดเผยข้อมูล"));
        IWebElement Steps() => Driver.FindElement(By.CssSelector("fieldset[data-field='method']"));
        Type(Steps().FindElement(By.CssSelector("[data-field='method[0]']")), "ขั้นที่ A");
        Click(Steps().FindElement(By.CssSelector(".add-row")));
        Assert.Equal(Steps().FindElement(By.CssSelector("[data-field='method[1]']")), Driver.SwitchTo().ActiveElement());
        Driver.SwitchTo().ActiveElement().SendKeys("ขั้นที่ B");
        Click(Steps().FindElement(By.CssSelector(".add-row")));
        Driver.SwitchTo().ActiveElement().SendKeys("ขั้นที่ C");
        // C up to 2nd place, then remove A
        Click(Steps().FindElement(By.CssSelector("button[aria-label='เลื่อนขั้นตอนที่ 3ขึ้น']")));
        Click(Steps().FindElement(By.CssSelector("button[aria-label='ลบขั้นตอนที่ 1']")));
        Assert.Equal(["ขั้นที่ C", "ขั้นที่ B"], Steps().FindElements(By.CssSelector(".list-row input")).Select(i => i.GetAttribute("value")));
        Assert.Equal("ขั้นที่ C", Steps().FindElement(By.CssSelector("[data-field='method[0]']")).GetAttribute("value"));
        Assert.Equal("ขั้นตอนที่ 1", Steps().FindElement(By.CssSelector("[data-field='method[0]']")).GetAttribute("aria-label"));

        IWebElement Units() => Driver.FindElement(By.CssSelector("fieldset[data-field='responsible']"));
        Click(Units().FindElement(By.CssSelector(".add-row")));
        new SelectElement(Units().FindElement(By.CssSelector("[data-field='responsible[1]']"))).SelectByText("ทุกส่วนราชการ");
        Type(ByLabel("งบประมาณ (บาท)"), "15,000.50");
        new SelectElement(ByLabel("ตั้งแต่เดือน")).SelectByText("พฤศจิกายน 2569");
        new SelectElement(ByLabel("ถึงเดือน")).SelectByText("เมษายน 2570");
        chrome.Screenshot("measure-new-filled-1280");
        Click(Driver.FindElement(By.XPath("//button[.='บันทึกมาตรการ']")));
        chrome.WaitUntil(() => app.Canned.Sent("POST", CannedOrg.Measures).Count == 1, "the measure was posted");
        chrome.WaitFor("table.measures");

        var post = app.Canned.Sent("POST", CannedOrg.Measures).Single();
        Assert.False(string.IsNullOrEmpty(post.Header("Idempotency-Key")));
        Assert.Null(post.Header("If-Match"));
        Assert.StartsWith("application/json", post.Header("Content-Type"));
        var body = post.Json!.AsObject();
        Assert.Equal("ita", (string?)body["plan"]);
        Assert.Equal("มาตรการทดสอบ", (string?)body["title"]);
        Assert.Equal([2, 9], body["indicators"]!.AsArray().Select(n => (int)n!));
        Assert.Equal(["ขั้นที่ C", "ขั้นที่ B"], body["method"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["office", "*"], body["responsible"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("2569-11", (string?)body["period"]!["from"]);
        Assert.Equal("2570-04", (string?)body["period"]!["to"]);
        Assert.Equal(15000.50m, body["budget"]!.GetValue<decimal>());
        Assert.False(body.ContainsKey("kind"));
        Assert.False(body.ContainsKey("number"));
        Assert.Contains("บันทึกมาตรการที่ 3 แล้ว", Driver.FindElement(By.CssSelector(".notice")).Text);
    }

    [Fact]
    public void A_problem_from_the_API_appears_in_Thai_next_to_each_field_and_nothing_typed_is_lost()
    {
        app.Canned.On("POST", CannedOrg.Measures, 400, new
        {
            type = "https://ita-serverless.dev/problems/validation", title = "The request has invalid fields.", titleTh = "ข้อมูลที่ส่งมาไม่ถูกต้อง", status = 400,
            errors = new object[]
            {
                new { field = "title", code = "too_long", th = "ชื่อมาตรการยาวเกินไป", en = "Too long." },
                new { field = "method[1]", code = "control_character", th = "ขั้นตอนมีอักขระควบคุม", en = "Control character." },
                new { field = "period.from", code = "period_outside_year", th = "เดือนเริ่มต้องอยู่ในปีงบประมาณ พ.ศ. 2570", en = "Outside." },
                new { field = "questions[0]", code = "unknown_question", th = "ไม่รู้จักข้อคำถามนี้", en = "Unknown question." },
                new { field = "budget", code = "too_many_decimals", th = "งบประมาณมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", en = "Too many decimals." },
                new { field = "$body", code = "unknown_field", th = "มีฟิลด์ที่ระบบไม่รู้จัก", en = "Unknown field." },
            },
        });
        OpenSignedIn("measures?year=2570&plan=ita&new=1", "measures");
        Type(ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "ชื่อที่ยาวมาก");
        var steps = Driver.FindElement(By.CssSelector("fieldset[data-field='method']"));
        Type(steps.FindElement(By.CssSelector("[data-field='method[0]']")), "ขั้นแรก");
        Click(steps.FindElement(By.CssSelector(".add-row")));
        Driver.SwitchTo().ActiveElement().SendKeys("ขั้นที่สอง");
        Click(Driver.FindElement(By.CssSelector("details.questions > summary")));
        Click(ByLabel("o2 รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ รอบ ๖ เดือน"));
        Type(ByLabel("งบประมาณ (บาท)"), "100.5");
        Click(Driver.FindElement(By.XPath("//button[.='บันทึกมาตรการ']")));

        var summary = chrome.WaitFor(".error-summary");
        Assert.Contains("ข้อมูลที่ส่งมาไม่ถูกต้อง", summary.Text);
        Assert.Equal(6, summary.FindElements(By.CssSelector("li")).Count);
        Assert.Contains("มีฟิลด์ที่ระบบไม่รู้จัก", summary.Text);
        string ErrorFor(IWebElement input) => Driver.FindElement(By.Id(input.GetAttribute("id") + "-err")).Text;
        Assert.Equal("ชื่อมาตรการยาวเกินไป", ErrorFor(ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม")));
        var step2 = steps.FindElement(By.CssSelector("[data-field='method[1]']"));
        Assert.Equal("ขั้นตอนมีอักขระควบคุม", ErrorFor(step2));
        Assert.Equal("true", step2.GetAttribute("aria-invalid"));
        Assert.Equal("เดือนเริ่มต้องอยู่ในปีงบประมาณ พ.ศ. 2570", ErrorFor(ByLabel("ตั้งแต่เดือน")));
        Assert.Equal("ไม่รู้จักข้อคำถามนี้", ErrorFor(ByLabel("o2 รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ รอบ ๖ เดือน")));
        Assert.Equal("งบประมาณมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", ErrorFor(ByLabel("งบประมาณ (บาท)")));
        Assert.Contains(ByLabel("งบประมาณ (บาท)").GetAttribute("id") + "-err", ByLabel("งบประมาณ (บาท)").GetAttribute("aria-describedby"));
        // nothing typed is lost
        Assert.Equal("ชื่อที่ยาวมาก", ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value"));
        Assert.Equal("ขั้นที่สอง", step2.GetAttribute("value"));
        Assert.Equal("100.5", ByLabel("งบประมาณ (บาท)").GetAttribute("value"));
        chrome.Screenshot("measure-errors-1280");
        chrome.UseWidth(ChromeSession.PhoneWidth);
        Assert.Equal(0, chrome.HorizontalOverflow());
        chrome.Screenshot("measure-errors-375");
        chrome.UseWidth(ChromeSession.DesktopWidth);

        // A client-side check (not a number) also lands next to its field, without calling the API.
        Type(ByLabel("งบประมาณ (บาท)"), "หนึ่งร้อย");
        Click(Driver.FindElement(By.XPath("//button[.='บันทึกมาตรการ']")));
        chrome.WaitUntil(() => ErrorFor(ByLabel("งบประมาณ (บาท)")).Contains("ต้องเป็นตัวเลข", StringComparison.Ordinal), "client-side number check");
        Assert.Single(app.Canned.Sent("POST", CannedOrg.Measures));
        Assert.Empty(Driver.FindElements(By.CssSelector("[data-field='title'] + .field-error, #" + ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("id") + "-err")));
    }

    [Fact]
    public void Editing_sends_If_Match_and_a_412_offers_to_reload_without_losing_the_edit()
    {
        app.Canned.On("PUT", CannedOrg.Measures + "/m1", 412, new
        {
            type = "https://ita-serverless.dev/problems/stale_etag", title = "Someone else changed this.", titleTh = "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว", status = 412,
            errors = new[] { new { field = "If-Match", code = "stale_etag", th = "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว", en = "Stale." } },
        });
        OpenSignedIn("measures?year=2570&plan=ita", "measures");
        Assert.Equal(["1", "2"], Texts("table.measures tbody tr td:first-child"));
        Assert.Equal("ตลอดปีงบประมาณ", Driver.FindElement(By.CssSelector("tr[data-measure='m2'] td[data-label='ระยะเวลา']")).Text);
        Assert.Equal("ทุกส่วนราชการ", Driver.FindElement(By.CssSelector("tr[data-measure='m2'] td[data-label='ผู้รับผิดชอบ']")).Text);
        chrome.Screenshot("measures-list-1280");
        chrome.UseWidth(ChromeSession.PhoneWidth);
        Assert.Equal(0, chrome.HorizontalOverflow());
        chrome.Screenshot("measures-list-375");
        chrome.UseWidth(ChromeSession.DesktopWidth);

        Click(Driver.FindElement(By.CssSelector("tr[data-measure='m1'] a.button")));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector(".measure-form")).Count == 1, "editor open");
        WaitForScreen("measures");
        Assert.Equal("มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างมีคุณธรรม", ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value"));
        Assert.Equal("2569-10", new SelectElement(ByLabel("ตั้งแต่เดือน")).SelectedOption.GetAttribute("value"));
        Assert.Equal("2570-03", new SelectElement(ByLabel("ถึงเดือน")).SelectedOption.GetAttribute("value"));
        Assert.True(ByLabel("1. การปฏิบัติหน้าที่").Selected);
        Assert.False(ByLabel("2. การใช้งบประมาณ").Selected);
        Assert.True(ByLabel("o1 แผนดำเนินงานและการใช้งบประมาณประจำปี").Selected);
        Assert.False(ByLabel("แผน").Enabled);
        chrome.Screenshot("measure-edit-1280");
        chrome.UseWidth(ChromeSession.PhoneWidth);
        Assert.Equal(0, chrome.HorizontalOverflow());
        chrome.Screenshot("measure-edit-375");
        chrome.UseWidth(ChromeSession.DesktopWidth);

        Type(ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "ชื่อใหม่ของฉัน");
        Click(Driver.FindElement(By.XPath("//button[.='บันทึกการแก้ไข']")));
        var summary = chrome.WaitFor(".error-summary");
        Assert.Contains("มีผู้อื่นแก้ไขข้อมูลนี้", summary.Text);
        var put = app.Canned.Sent("PUT", CannedOrg.Measures + "/m1").Single();
        Assert.Equal("\"m1-v1\"", put.Header("If-Match"));
        Assert.Equal(["จัดอบรมบุคลากร", "ประเมินผลการอบรม"], put.Json!["method"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("ชื่อใหม่ของฉัน", ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value"));

        Click(summary.FindElement(By.XPath(".//button[starts-with(., 'โหลดข้อมูลล่าสุด')]")));
        chrome.WaitUntil(() => ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value") == "มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างมีคุณธรรม", "reloaded");
        Assert.Equal(2, app.Canned.Sent("GET", CannedOrg.Measures + "/m1").Count);
    }

    [Fact]
    public void The_scores_grid_shows_every_question_and_the_analysis_colours_each_with_a_Thai_label()
    {
        app.Canned.On("PUT", $"{CannedOrg.Base}/assessments/2569", 200, new { year = 2569 }, "\"a-2\"");
        OpenSignedIn("scores?year=2569", "scores");
        Assert.Equal(["i1", "i2", "e1", "o1", "o2"], Texts("table.grid tr[data-question] td.qid"));
        Assert.Equal("88.5", ByLabel("คะแนนรวม").GetAttribute("value"));
        chrome.WaitFor("td.cls .badge");
        string Cell(string q) => Driver.FindElement(By.CssSelector($"tr[data-question='{q}'] td.cls")).Text;
        string Css(string q) => Driver.FindElement(By.CssSelector($"tr[data-question='{q}'] td.cls")).GetAttribute("class")!;
        Assert.Equal("รักษาระดับ", Cell("i1"));
        Assert.Contains("good", Css("i1"));
        Assert.Equal("ยกระดับ", Cell("i2"));
        Assert.Contains("warn", Css("i2"));
        Assert.Equal("ต้องปรับปรุง", Cell("o2"));
        Assert.Contains("bad", Css("o2"));
        var analysis = Driver.FindElement(By.CssSelector("section.analysis")).Text;
        Assert.Contains("✔ ผ่าน", analysis);
        Assert.Contains("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", analysis);
        chrome.Screenshot("scores-1280");
        chrome.UseWidth(ChromeSession.PhoneWidth);
        Assert.Equal(0, chrome.HorizontalOverflow());
        chrome.Screenshot("scores-375");
        chrome.UseWidth(ChromeSession.DesktopWidth);

        Type(Driver.FindElement(By.Id("q-o2")), "55.25");
        Click(Driver.FindElement(By.XPath("//button[.='บันทึกและวิเคราะห์']")));
        chrome.WaitUntil(() => app.Canned.Sent("PUT", $"{CannedOrg.Base}/assessments/2569").Count == 1, "scores saved");
        var put = app.Canned.Sent("PUT", $"{CannedOrg.Base}/assessments/2569").Single();
        Assert.Equal("\"a-1\"", put.Header("If-Match"));
        Assert.Equal(55.25m, put.Json!["questions"]!["o2"]!.GetValue<decimal>());
        Assert.Equal(80m, put.Json!["tools"]!["OIT"]!.GetValue<decimal>());
        Assert.Equal(75m, put.Json!["indicators"]!["9"]!.GetValue<decimal>());
    }

    [Fact]
    public void Progress_shows_waiting_measures_requires_a_reason_and_shows_the_round_summary()
    {
        app.Canned.On("PUT", CannedOrg.Measures + "/m2/progress/6m", 201, new { status = "cannotDo" }, "\"p2-v1\"");
        OpenSignedIn("progress?year=2570&round=6m&plan=ita", "progress");
        chrome.WaitFor(".progress-card");
        string Badge(string m) => Driver.FindElement(By.CssSelector($".progress-card[data-measure='{m}'] summary .badge")).Text;
        Assert.Equal("ดำเนินการแล้วเสร็จ", Badge("m1"));
        Assert.Equal("รอรายงาน", Badge("m2"));
        var summary = Driver.FindElement(By.CssSelector("section.round-summary")).Text;
        Assert.Contains("รอรายงาน\n1", summary);
        Assert.Contains("ร้อยละ 60.00", summary);
        Assert.Contains("20,000.00", summary);
        Assert.Contains("12,000.50", summary);
        chrome.Screenshot("progress-1280");
        chrome.UseWidth(ChromeSession.PhoneWidth);
        Assert.Equal(0, chrome.HorizontalOverflow());
        chrome.Screenshot("progress-375");
        chrome.UseWidth(ChromeSession.DesktopWidth);

        var card = Driver.FindElement(By.CssSelector(".progress-card[data-measure='m2']"));
        new SelectElement(ByLabel("สถานะ", card)).SelectByText("ไม่สามารถดำเนินการได้");
        Assert.True(ByLabel("เหตุผลที่ไม่สามารถดำเนินการได้", card).Displayed);
        Click(card.FindElement(By.XPath(".//button[.='บันทึกผล']")));
        chrome.WaitUntil(() => card.FindElements(By.CssSelector(".field-error")).Count == 1, "reason required");
        Assert.Contains("กรุณาระบุเหตุผล", card.FindElement(By.CssSelector(".field-error")).Text);
        Assert.Empty(app.Canned.Sent("PUT", CannedOrg.Measures + "/m2/progress/6m"));

        Type(ByLabel("เหตุผลที่ไม่สามารถดำเนินการได้", card), "ไม่ได้รับจัดสรรงบประมาณ");
        Type(ByLabel("ผู้รายงาน (ชื่อ-สกุล)", card), "นายทดสอบ ระบบ");
        Click(card.FindElement(By.XPath(".//button[.='เพิ่มลิงก์']")));
        Driver.SwitchTo().ActiveElement().SendKeys("https://kukkak.example/ita/2");
        Click(card.FindElement(By.XPath(".//button[.='บันทึกผล']")));
        chrome.WaitUntil(() => Badge("m2") == "ไม่สามารถดำเนินการได้", "badge updated");
        var put = app.Canned.Sent("PUT", CannedOrg.Measures + "/m2/progress/6m").Single();
        Assert.Null(put.Header("If-Match"));
        var body = put.Json!.AsObject();
        Assert.Equal("cannotDo", (string?)body["status"]);
        Assert.Equal("ไม่ได้รับจัดสรรงบประมาณ", (string?)body["reason"]);
        Assert.Equal("นายทดสอบ ระบบ", (string?)body["reporter"]!["name"]);
        Assert.Equal(["https://kukkak.example/ita/2"], body["evidence"]!.AsArray().Select(n => (string)n!));
        Assert.False(body.ContainsKey("disbursed"));
        Assert.Equal(2, app.Canned.Sent("GET", $"{CannedOrg.Base}/years/2570/rounds/6m/summary?plan=ita").Count);
    }

    [Fact]
    public void A_reporter_bound_to_a_unit_sees_only_its_measures_and_no_editor_tabs()
    {
        OpenSignedIn("progress?year=2570&round=6m&plan=ita", "progress", role: "reporter", unit: "finance");
        chrome.WaitFor(".progress-card");
        // m1 is สำนักปลัด's; m2 is every division's
        Assert.Equal(["m2"], Driver.FindElements(By.CssSelector(".progress-card")).Select(e => e.GetAttribute("data-measure")));
        Assert.False(Driver.FindElement(By.CssSelector("#tabs a[data-route='measures']")).Displayed);
        Assert.True(Driver.FindElement(By.CssSelector("#tabs a[data-route='progress']")).Displayed);
        Assert.Contains("ผู้รายงาน", Driver.FindElement(By.Id("who")).Text);
    }

    [Fact]
    public void A_contact_error_lands_on_the_right_row_of_the_unit()
    {
        app.Canned.On("PUT", CannedOrg.Base + "/units/office", 400, new
        {
            title = "Invalid.", titleTh = "ข้อมูลที่ส่งมาไม่ถูกต้อง", status = 400,
            errors = new[] { new { field = "contacts[1].email", code = "invalid_format", th = "อีเมลไม่ถูกต้อง", en = "Invalid email." } },
        });
        OpenSignedIn("org", "org");
        var office = Driver.FindElements(By.CssSelector("#org-units form.item")).First();
        Click(office.FindElement(By.XPath(".//button[.='เพิ่มผู้ติดต่อ']")));
        var email = office.FindElement(By.CssSelector("[data-field='contacts[1].email']"));
        Type(office.FindElement(By.CssSelector("[data-field='contacts[1].name']")), "นายสอง");
        Type(email, "not-an-email");
        Click(office.FindElement(By.XPath(".//button[.='บันทึก']")));
        chrome.WaitFor("#org-units .error-summary");
        Assert.Equal("อีเมลไม่ถูกต้อง", Driver.FindElement(By.Id(email.GetAttribute("id") + "-err")).Text);
        Assert.Equal("not-an-email", email.GetAttribute("value"));
        var put = app.Canned.Sent("PUT", CannedOrg.Base + "/units/office").Single();
        Assert.Equal("\"u-1\"", put.Header("If-Match"));
        Assert.Equal("not-an-email", (string?)put.Json!["contacts"]![1]!["email"]);
        Assert.Equal("ผู้ติดต่อคนที่ 2 อีเมล", email.GetAttribute("aria-label"));
    }

    [Fact]
    public void Every_screen_fits_a_phone_and_a_desktop()
    {
        chrome.Open(app.FormUrl("#/signin"));
        WaitForScreen("signin");
        Click(Driver.FindElement(By.CssSelector("details.admin > summary")));
        foreach (var width in new[] { ChromeSession.DesktopWidth, ChromeSession.PhoneWidth })
        {
            chrome.UseWidth(width);
            Assert.Equal(0, chrome.HorizontalOverflow());
            chrome.Screenshot($"signin-{width}");
        }
        foreach (var (route, screen) in new[] { ("org", "org"), ("measures?year=2570&plan=ita&new=1", "measures") })
        {
            OpenSignedIn(route, screen);
            foreach (var width in new[] { ChromeSession.DesktopWidth, ChromeSession.PhoneWidth })
            {
                chrome.UseWidth(width);
                Assert.True(chrome.HorizontalOverflow() == 0, $"{screen} overflows at {width}px");
                chrome.Screenshot($"{screen}{(route.Contains("new", StringComparison.Ordinal) ? "-new" : "")}-{width}");
            }
        }
        chrome.UseWidth(ChromeSession.DesktopWidth);
    }
}
